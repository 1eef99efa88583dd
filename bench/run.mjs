// `npm run bench`: serves the production build, opens bench.html in headless Chromium (WebGPU on
// SwiftShader, flags as tests/e2e/harness.ts), then trains in the real app to count main-thread
// long tasks, then runs the data benchmarks (bench/data-run.mjs). Prints one JSON object on
// stdout; progress goes to stderr. `--only=loops` skips the data benchmarks (~10 minutes),
// `--only=data` runs only them; BENCH_ONLY does the same; `--quick` shrinks the data benchmarks. NETLOOM_DIST serves another build folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { dataBenchmarks } from './data-run.mjs';

const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu'];
const backends = process.env.BENCH_BACKENDS ?? 'webgpu,webgl,cpu';
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? process.env.BENCH_ONLY ?? 'all';
if (!['all', 'loops', 'data'].includes(only)) throw new Error(`--only=${only}: expected loops or data`);

async function longTasksWhileTraining(page, base) {
  await page.goto(new URL('/', base).href);
  await page.getByTestId('node-input').waitFor();
  await page.getByTestId('backend-choice').selectOption('webgl');
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('samples').fill('800');
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  await page.getByTestId('train').click();
  await page.getByTestId('train-result').waitFor({ timeout: 300_000 });
  const outcome = await page.getByTestId('train-result').getAttribute('data-outcome');
  return { backend: 'webgl', epochs: 3, samples: 800, outcome, longTasksOver50ms: await page.evaluate(() => window.__longTasks) };
}

/** Latency of the trained model's ONNX export on each ORT-web provider, as the Export panel measures it (batch of 64, 3 timed runs after a warm-up). */
async function onnxProviders(page) {
  await page.getByTestId('verify-onnx').click();
  const table = page.getByTestId('parity-table');
  await table.waitFor({ timeout: 120_000 });
  const rows = await table.locator('tr[data-provider]').evaluateAll((trs) =>
    trs.map((tr) => ({ provider: tr.dataset.provider, latencyMs: Number(tr.dataset.latencyMs), maxAbsDiff: Number(tr.dataset.maxDiff) })),
  );
  const byName = Object.fromEntries(rows.map((r) => [r.provider, r]));
  const ratio = byName.wasm && byName.webgpu ? +(byName.webgpu.latencyMs / byName.wasm.latencyMs).toFixed(2) : null;
  return { batch: 64, providers: rows, webgpuOverWasmLatency: ratio };
}

const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, build: { outDir: process.env.NETLOOM_DIST ?? 'dist' }, logLevel: 'warn' });
const base = server.resolvedUrls.local[0];
const dir = mkdtempSync(join(tmpdir(), 'netloom-bench-'));
const launch = () => chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
let context = await launch();
/** The same profile in a new browser: what a user's next visit finds. */
const reopen = async () => {
  await context.close();
  context = await launch();
  return context;
};
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const started = Date.now();
  const results = {};
  if (only !== 'data') {
    console.error(`bench: training loops on ${backends}…`);
    await page.goto(new URL(`/bench.html?backends=${backends}`, base).href);
    await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 600_000, polling: 1000 });
    results.loops = await page.evaluate(() => window.__bench);
    console.error('bench: main-thread long tasks while the app trains…');
    results.mainThread = await longTasksWhileTraining(page, base);
    console.error('bench: ONNX Runtime providers on the exported model…');
    results.onnx = await onnxProviders(page);
  }
  const browser = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  if (only !== 'loops') results.data = await dataBenchmarks(context, base, reopen);
  console.log(JSON.stringify({ browser, seconds: Math.round((Date.now() - started) / 1000), ...results }, null, 2));
} finally {
  await context.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
