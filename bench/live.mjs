// `node bench/live.mjs` (after `vite build`): the Use tab's webcam loop in headless Chromium with
// the fake camera (LIVE_CAMERA_FPS frames per second, default 60), per runtime, for the default
// model (Tiny CNN on Shapes, 28×28×1), LeNet-5 (the preset, on Shapes) and the default graph on a
// seeded 64×64×3 dataset. Each model
// is trained briefly in the app (cpu), then every runtime classifies the camera for LIVE_SECONDS
// (default 10) after a warm-up. Prints one JSON object: per model and runtime, sustained FPS
// (predictions counted from outside over the period), frames offered by the camera per second,
// the app's own p50/p95 latency (its last 3 s), and main-thread long tasks over 50 ms during the
// loop, with a control: long tasks while the loop is paused (camera on, nothing classified).
// A shared 2-core machine is noisy: compare numbers from one run. NETLOOM_DIST as the tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const SECONDS = Number(process.env.LIVE_SECONDS ?? 10);
const CAMERA_FPS = Number(process.env.LIVE_CAMERA_FPS ?? 60);
const RUNTIMES = (process.env.LIVE_RUNTIMES ?? 'ort-wasm,tfjs').split(',');
const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  `--use-fake-device-for-media-stream=fps=${CAMERA_FPS}`,
  '--use-fake-ui-for-media-stream',
  ...(process.env.LIVE_WEBGPU ? ['--enable-unsafe-webgpu'] : []),
];

const log = (...a) => console.error('[live-bench]', ...a);

/** A 64×64×3 dataset of three classes written straight into IndexedDB (as tests/e2e/seed-dataset.ts). */
const seedRgb64 = () =>
  new Promise((resolve, reject) => {
    const size = 64;
    const open = indexedDB.open('netloom-datasets', 1);
    open.onupgradeneeded = () => ['datasets', 'samples', 'pixels'].forEach((s) => open.result.createObjectStore(s));
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['datasets', 'samples', 'pixels'], 'readwrite');
      const classes = ['top', 'middle', 'bottom'].map((name, id) => ({ id, name }));
      const count = 60;
      tx.objectStore('datasets').put(
        { format: 'netloom-dataset', version: 1, id: 'rgb64', name: 'RGB 64', height: size, width: size, channels: 3, fit: 'crop', classes, nextClassId: 3, nextSampleId: count, createdAt: 1 },
        'rgb64',
      );
      for (let id = 0; id < count; id++) {
        const c = id % 3;
        const pixels = new Uint8Array(size * size * 3);
        for (let i = 0; i < pixels.length; i++) pixels[i] = (Math.floor(Math.floor(i / (size * 3)) / 22) === c ? 220 : 20) + ((id * 31 + i * 17) % 25);
        tx.objectStore('samples').put({ id, classId: c, origin: 'file', name: `${id}.png` }, ['rgb64', id]);
        tx.objectStore('pixels').put(pixels, ['rgb64', id]);
      }
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });

async function train(page, samples) {
  await page.getByTestId('backend-choice').selectOption('cpu');
  await page.getByTestId('epochs').fill('1');
  if (samples) await page.getByTestId('samples').fill(String(samples));
  await page.getByTestId('train').click();
  await page.getByTestId('train-result').waitFor({ timeout: 300_000 });
  const outcome = await page.getByTestId('train-result').getAttribute('data-outcome');
  if (outcome !== 'completed') throw new Error(`training ended ${outcome}`);
}

/** Picks a preset from the toolbar menu (as tests/e2e/editor-page.ts) and waits for its last layer on the canvas. */
async function loadPreset(page, id, lastLayer) {
  await page.getByTestId('presets').click();
  await page.getByTestId(`preset-${id}`).click();
  await page.getByTestId(`node-${lastLayer}`).waitFor();
}

const number = async (locator, name) => Number(await locator.getAttribute(name));

/** Starts collecting main-thread long tasks (over 50 ms) afresh. */
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__longTasks = [];
    window.__observer?.disconnect();
    window.__observer = new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => Math.round(e.duration))));
    window.__observer.observe({ type: 'longtask' });
  });

/**
 * The control: long tasks with the camera playing but the loop paused (no frame sent). On a busy
 * shared machine the page's thread is descheduled and short tasks show up long here too.
 */
async function pausedLongTasks(page) {
  await page.getByTestId('webcam-pause').click();
  // Pausing the loop freezes the preview too; play it, so only the classification is missing.
  await page.evaluate(() => document.querySelector('[data-testid="webcam-video"]').play());
  await watchLongTasks(page);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const tasks = await page.evaluate(() => window.__longTasks);
  await page.getByTestId('webcam-pause').click();
  return tasks;
}

/** Runs the webcam loop on one runtime: warm-up, then SECONDS of counted predictions. */
async function measure(page, runtime) {
  await page.getByTestId('live-runtime').selectOption(runtime);
  const webcam = page.getByTestId('webcam');
  await page.waitForFunction((r) => document.querySelector('[data-testid="webcam"]')?.getAttribute('data-runtime') === r, runtime, { timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.getAttribute('data-status') === 'ready');
  const detail = await page.getByTestId('live-status').textContent();
  const warm = (await number(webcam, 'data-predictions')) + 20;
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="webcam"]')?.getAttribute('data-predictions')) >= n, warm, { timeout: 120_000 });
  await watchLongTasks(page);
  const start = { t: Date.now(), predictions: await number(webcam, 'data-predictions'), dropped: await number(webcam, 'data-dropped') };
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const end = { t: Date.now(), predictions: await number(webcam, 'data-predictions'), dropped: await number(webcam, 'data-dropped') };
  const seconds = (end.t - start.t) / 1000;
  const latency = page.getByTestId('webcam-latency');
  const predictions = end.predictions - start.predictions;
  return {
    runtime,
    detail,
    seconds: +seconds.toFixed(1),
    sustainedFps: +(predictions / seconds).toFixed(1),
    cameraFps: +((predictions + end.dropped - start.dropped) / seconds).toFixed(1),
    p50Ms: await number(latency, 'data-p50'),
    p95Ms: await number(latency, 'data-p95'),
    longTasksOver50ms: await page.evaluate(() => window.__longTasks),
  };
}

async function benchModel(page, label) {
  await page.getByTestId('show-live').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.getAttribute('data-status') === 'ready', null, { timeout: 120_000 });
  await page.getByTestId('webcam-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="webcam"]')?.getAttribute('data-status') === 'live');
  const runs = [];
  for (const runtime of RUNTIMES) {
    log(label, runtime);
    runs.push(await measure(page, runtime));
  }
  const pausedLongTasksOver50ms = await pausedLongTasks(page);
  await page.getByTestId('show-model').click();
  return { model: label, runs, pausedLongTasksOver50ms };
}

/** LeNet-5 on Shapes in a fresh profile of its own, so the other models' dataset and graph changes cannot leak into it. */
async function lenet5(base) {
  const lenetDir = mkdtempSync(join(tmpdir(), 'netloom-live-bench-lenet-'));
  const lenetContext = await chromium.launchPersistentContext(lenetDir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    const page = lenetContext.pages()[0] ?? (await lenetContext.newPage());
    await page.goto(base);
    await page.getByTestId('node-input').waitFor();
    await loadPreset(page, 'lenet5', 'fc2');
    log('training LeNet-5');
    await train(page, 200);
    return await benchModel(page, 'LeNet-5 28×28×1');
  } finally {
    await lenetContext.close();
    rmSync(lenetDir, { recursive: true, force: true });
  }
}

const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, build: { outDir: process.env.NETLOOM_DIST ?? 'dist' }, logLevel: 'warn' });
const base = server.resolvedUrls.local[0];
const dir = mkdtempSync(join(tmpdir(), 'netloom-live-bench-'));
const context = await chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(base);
  await page.getByTestId('node-input').waitFor();
  log('training the default model');
  await train(page, 200);
  const models = [await benchModel(page, 'Tiny CNN 28×28×1 (default)')];
  models.push(await lenet5(base));


  await page.evaluate(seedRgb64);
  await page.reload();
  await page.getByTestId('node-input').waitFor();
  await page.getByTestId('show-data').click();
  await page.getByTestId('open-dataset').filter({ hasText: 'RGB 64' }).click();
  await page.getByTestId('train-on-dataset').click();
  await page.getByTestId('dataset-in-use').waitFor();
  await page.getByTestId('show-model').click();
  await page.getByTestId('fix-input').click();
  await page.getByTestId('fix-dense').click();
  log('training the 64×64×3 model');
  await train(page);
  models.push(await benchModel(page, 'Tiny CNN 64×64×3 (seeded dataset)'));
  console.log(JSON.stringify({ cameraFpsAsked: CAMERA_FPS, seconds: SECONDS, models }, null, 2));
} finally {
  await context.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
