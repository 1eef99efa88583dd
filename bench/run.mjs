// `npm run bench [-- --quick] [-- --only=train,ui,…]`: serves the production build, drives headless
// Chromium (WebGPU on SwiftShader, flags as tests/e2e/harness.ts) and prints the benchmark contract
// (bench/README.md) as one JSON object on stdout and to bench/results/latest.json, with a short
// table on stderr. Sections: startup and ui (the app on a fresh profile, bench/app-run.mjs), train,
// onnx and scale (bench.html suites), data (bench/data-run.mjs), infer (bench/live.mjs) and the
// data view's sample browser (bench/dataset-browser.mjs, under data.browser), node (training in
// Node on tfjs cpu and wasm, with the PyTorch anchor: bench/node-train.mjs; with train or node,
// wasm_goals compares wasm with the fallbacks and PyTorch: bench/wasm-goals.mjs). A section that fails
// leaves {error} in its key and the exit code 1; a section not asked for is null.
// `--quick`: the same keys from smaller sizes (under 5 minutes on 2 cores). NETLOOM_DIST serves
// another build folder; BENCH_BACKENDS lists the training backends (webgpu,webgl,cpu).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { startupAndUi } from './app-run.mjs';
import { dataBenchmarks } from './data-run.mjs';
import { tfPeakMb, tfWorker, trackTfPeak } from './memory.mjs';
import { summary } from './report.mjs';
import { wasmGoals } from './wasm-goals.mjs';

const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu'];
const SECTIONS = ['startup', 'ui', 'train', 'onnx', 'scale', 'data', 'infer', 'node'];
/** Earlier names of section groups, still accepted. */
const ALIASES = { all: SECTIONS, loops: ['startup', 'ui', 'train', 'onnx'] };
const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? process.env.BENCH_ONLY ?? 'all';
const only = new Set(onlyArg.split(',').flatMap((s) => ALIASES[s] ?? [s]));
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only=${onlyArg}: sections are ${SECTIONS.join(', ')} (or loops)`);
const wants = (...sections) => sections.some((s) => only.has(s));
const backends = process.env.BENCH_BACKENDS ?? 'webgpu,webgl,wasm,cpu';
const dist = process.env.NETLOOM_DIST ?? 'dist';
/** Scale runs: every preset at the base size (the three light ones with --quick), and the default model at larger sizes. */
const SCALE = quick ? { base: 64, sizes: [256], presets: ['tiny', 'mlp', 'lenet5'] } : { base: 1000, sizes: [5000, 10_000], presets: ['tiny', 'mlp', 'lenet5', 'vgg', 'mobilenet', 'resnet'] };

const log = (...a) => console.error('bench:', ...a);

async function suite(page, base, query, timeoutMs = 1_500_000) {
  await page.goto(new URL(`/bench.html?${query}`, base).href);
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: timeoutMs, polling: 500 });
  const result = await page.evaluate(() => window.__bench);
  if (result.error) throw new Error(`${query}: ${result.error}`);
  return result;
}

/**
 * A suite on a page that is not cross-origin isolated (COOP/COEP stripped from every response):
 * there tfjs's wasm backend runs without threads, as on a host that does not send those headers.
 */
async function withoutIsolation(base, query) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
    return await suite(await context.newPage(), base, query);
  } finally {
    await browser.close();
  }
}

async function machine(page, cdp) {
  const adapter = await page.evaluate(async () => {
    const found = await navigator.gpu?.requestAdapter();
    if (!found) return null;
    const { vendor, architecture, device, description } = found.info ?? {};
    return { vendor, architecture, device, description };
  });
  const version = await cdp.send('Browser.getVersion');
  return { chromium: version.product, adapter, cores: cpus().length, cpu: cpus()[0]?.model, hardware_concurrency: await page.evaluate(() => navigator.hardwareConcurrency) };
}

/** One page load per run; the peak of tfjs's byte count is read from the worker's engine. */
async function scale(page, base) {
  const plan = [...SCALE.presets.map((preset) => [preset, SCALE.base]), ...SCALE.sizes.map((n) => ['tiny', n])];
  const rows = [];
  for (const [preset, samples] of plan) {
    log(`scale: ${preset} on ${samples} samples…`);
    try {
      await page.goto(new URL(`/bench.html?suite=scale&preset=${preset}&samples=${samples}&epochs=2&backend=webgl&hold`, base).href);
      await page.waitForFunction(() => typeof window.__release === 'function' || window.__bench !== undefined, null, { timeout: 120_000 });
      const worker = await tfWorker(page);
      await trackTfPeak(worker);
      await page.evaluate(() => window.__release?.());
      await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 900_000, polling: 500 });
      const row = await page.evaluate(() => window.__bench);
      rows.push(row.error ? { model: preset, samples, error: row.error } : { ...row, peak_tf_mb: await tfPeakMb(worker) });
    } catch (error) {
      rows.push({ model: preset, samples, error: error.message });
    }
  }
  return rows;
}

/** Runs a standalone bench script and parses the JSON it prints. */
function script(file, env, args = []) {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [file, ...args], { env: { ...process.env, NETLOOM_DIST: dist, ...env }, maxBuffer: 16 * 2 ** 20 }, (error, stdout) => {
      if (error) reject(new Error(`${file}: ${error.message.split('\n')[0]}`));
      else resolve(JSON.parse(stdout));
    });
    child.stderr.pipe(process.stderr);
  });
}

/** bench/live.mjs's runs as the contract's rows (fps: predictions per second over the period). */
function inferRows(live) {
  return live.models.flatMap((m) =>
    m.runs.map((r) => ({ runtime: r.runtime, model: m.model, fps: r.sustainedFps, p50_ms: r.p50Ms, p95_ms: r.p95Ms, camera_fps: r.cameraFps, long_tasks: r.longTasksOver50ms.length, paused_long_tasks: m.pausedLongTasksOver50ms.length })),
  );
}

const result = { contract: 1, quick, started_at: new Date().toISOString(), seconds: 0, machine: null, train: null, ui: null, onnx: null, infer: null, data: null, startup: null, scale: null, node_train: null, wasm_goals: null, load_average: null, section_seconds: {} };
const started = Date.now();
/** Runs one section, timing it; a failure is recorded in place of its figures. */
async function section(name, keys, work) {
  const t = Date.now();
  try {
    const figures = await work();
    for (const key of keys) result[key] = figures[key];
  } catch (error) {
    log(`${name} failed: ${error.message}`);
    for (const key of keys) result[key] = { error: error.message };
    process.exitCode = 1;
  }
  result.section_seconds[name] = Math.round((Date.now() - t) / 1000);
}

const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, build: { outDir: dist }, logLevel: 'warn' });
const base = server.resolvedUrls.local[0];
const dir = mkdtempSync(join(tmpdir(), 'netloom-bench-'));
const launch = () => chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1440, height: 900 } });
let context = await launch();
/** The same profile in a new browser: what a user's next visit finds. */
const reopen = async () => {
  await context.close();
  context = await launch();
  return context;
};
const page = () => context.pages()[0] ?? context.newPage();
try {
  // First, on the fresh profile: nothing of the app is cached yet.
  if (wants('startup', 'ui')) {
    log('startup, then long tasks and a dragged node while the app trains…');
    await section('startup+ui', ['startup', 'ui'], () => startupAndUi(context.pages()[0], base, dist, quick));
  }
  await section('machine', ['machine'], async () => {
    const p = await page();
    if (p.url() === 'about:blank') await p.goto(base);
    return { machine: await machine(p, await context.newCDPSession(p)) };
  });
  if (wants('train')) {
    log(`training loops, app vs plain model.fit, on ${backends}…`);
    const rest = `models=default,lenet5&rounds=${quick ? '1&quick' : (process.env.BENCH_ROUNDS ?? '2')}`;
    await section('train', ['train'], async () => {
      const rows = await suite(await page(), base, `suite=train&backends=${backends}&${rest}`);
      // wasm again without threads (full run): the rows come back as backend `wasm-nothreads`.
      if (!quick && backends.split(',').includes('wasm')) rows.push(...(await withoutIsolation(base, `suite=train&backends=wasm&${rest}`)));
      return { train: rows };
    });
  }
  if (wants('onnx')) {
    log('ONNX Runtime providers at batch 1 and 32…');
    await section('onnx', ['onnx'], async () => ({ onnx: await suite(await page(), base, `suite=onnx&models=${quick ? 'default' : 'default,lenet5'}`) }));
  }
  if (wants('scale')) await section('scale', ['scale'], async () => ({ scale: await scale(await page(), base) }));
  if (wants('data')) await section('data', ['data'], async () => ({ data: await dataBenchmarks(context, base, reopen) }));
} finally {
  await context.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
// The standalone scripts start their own server and browser: run after this one has closed.
if (wants('infer')) {
  log('webcam loop per runtime (bench/live.mjs)…');
  await section('infer', ['infer'], async () => ({ infer: inferRows(await script('bench/live.mjs', { LIVE_SECONDS: quick ? '2' : '10' })) }));
}
if (wants('node')) {
  log('training in Node on tfjs cpu and wasm, and the PyTorch anchor (bench/node-train.mjs)…');
  await section('node', ['node_train'], async () => ({ node_train: await script('bench/node-train.mjs', {}, quick ? ['--quick'] : []) }));
}
if (wants('train', 'node')) result.wasm_goals = wasmGoals(result.train, result.node_train);
// About 40 s whatever its size (six passes of 240 frames): the full run only.
if (wants('data') && !quick && result.data && !result.data.error) {
  log('sample browser of the data view (bench/dataset-browser.mjs)…');
  await section('data-browser', [], async () => {
    result.data.browser = await script('bench/dataset-browser.mjs', { BROWSE_COUNT: quick ? '1000' : '10000' });
    return {};
  });
}
result.seconds = Math.round((Date.now() - started) / 1000);
// The machine is shared: the 1, 5 and 15-minute load averages at the end say how busy it was.
result.load_average = loadavg().map((x) => Math.round(x * 100) / 100);
const json = JSON.stringify(result, null, 2);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', json + '\n');
console.error(summary(result));
console.log(json);
