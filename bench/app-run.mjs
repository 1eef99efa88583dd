// The `startup` and `ui` figures, measured in the real app on a fresh browser profile (so the
// first visit's downloads are counted): time to an interactive editor, the main entry's gzip
// size, bytes loaded until the first training starts, and, while that training runs with its live
// charts, main-thread long tasks and the frame rate of a node dragged on the canvas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;

/** gzip size of the main entry script named in the built index.html. */
export function mainJsGzipKb(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const src = html.match(/<script type="module"[^>]*src="\/?([^"]+)"/)?.[1];
  if (!src) throw new Error('no module script in index.html');
  return Math.round((gzipSync(readFileSync(join(dist, src)), { level: 9 }).length / KB) * 10) / 10;
}

const transferred = () => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + e.transferSize, 0);
const sum = async (contexts) => (await Promise.all(contexts.map((c) => c.evaluate(transferred).catch(() => 0)))).reduce((a, b) => a + b, 0);

/**
 * kB transferred so far (Resource Timing transferSize: bodies as sent plus headers): by the page
 * and its workers (what the page takes from the service worker's cache counts 0), and apart, by
 * the service worker's own fetches (its precache of the whole app, in the background).
 */
async function transferredKb(page) {
  return { app: Math.round((await sum([page, ...page.workers()])) / KB), serviceWorker: Math.round((await sum(page.context().serviceWorkers())) / KB) };
}

/** Frame intervals from requestAnimationFrame while `drag` runs. */
async function framesDuring(page, drag) {
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (!window.__stopFrames) requestAnimationFrame(tick);
    };
    window.__stopFrames = false;
    requestAnimationFrame(tick);
  });
  await drag();
  const frames = await page.evaluate(() => ((window.__stopFrames = true), window.__frames));
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const seconds = (frames.at(-1) - frames[0]) / 1000;
  return { fps: Math.round(((frames.length - 1) / seconds) * 10) / 10, p95_frame_ms: Math.round(gaps[Math.floor(gaps.length * 0.95)] ?? 0), frames: frames.length };
}

/** Drags a node in `steps` mouse moves around a circle; returns how far its box moved. */
async function dragNode(page, testId, steps) {
  const node = page.getByTestId(testId);
  const before = await node.boundingBox();
  const [x, y] = [before.x + before.width / 2, before.y + 10];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    const a = (i / steps) * 2 * Math.PI;
    await page.mouse.move(x + 60 * Math.sin(a) + i, y + 40 * (1 - Math.cos(a)));
  }
  await page.mouse.up();
  const after = await node.boundingBox();
  return Math.round(Math.hypot(after.x - before.x, after.y - before.y));
}

/**
 * On a fresh profile: opens the editor, times it to an interactive state (the Input node shown
 * and a palette click answered), then trains with the charts shown, dragging a node meanwhile.
 */
export async function startupAndUi(page, base, dist, quick) {
  const started = Date.now();
  await page.goto(base);
  await page.getByTestId('node-input').waitFor();
  const inputVisibleMs = Date.now() - started;
  const nodes = page.locator('.svelte-flow__node');
  const count = await nodes.count();
  await page.getByTestId('palette-Dropout').click();
  await page.waitForFunction((n) => document.querySelectorAll('.svelte-flow__node').length === n + 1, count, { polling: 'raf' });
  const ttiMs = Date.now() - started;
  await page.locator('.svelte-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('.svelte-flow__node').length === n, count);

  // Long enough that the drag ends while the model still trains; stopped after the drag.
  const [samples, epochs] = quick ? [2000, 5] : [4000, 5];
  await page.getByTestId('backend-choice').selectOption('webgl');
  await page.getByTestId('epochs').fill(String(epochs));
  await page.getByTestId('samples').fill(String(samples));
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  await page.getByTestId('train').click();
  const trainStarted = Date.now();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="progress"]')?.getAttribute('data-batch')) >= 1, null, { timeout: 300_000, polling: 100 });
  const firstTrain = await transferredKb(page);

  let moved = 0;
  const drag = await framesDuring(page, async () => (moved = await dragNode(page, 'node-conv1', quick ? 40 : 120)));
  const trainingDuringDrag = (await page.getByTestId('progress').getAttribute('data-status')) === 'training';
  if (!quick) await page.waitForFunction(() => Number(document.querySelector('[data-testid="progress"]')?.getAttribute('data-epoch')) >= 2, null, { timeout: 600_000, polling: 200 });
  const longTasks = await page.evaluate(() => window.__longTasks);
  const seconds = Math.round((Date.now() - trainStarted) / 100) / 10;
  if (!(await page.getByTestId('stop').isDisabled())) await page.getByTestId('stop').click();
  await page.getByTestId('train-result').waitFor({ timeout: 600_000 });
  return {
    startup: { tti_ms: ttiMs, main_js_gzip_kb: mainJsGzipKb(dist), first_train_kb: firstTrain.app, service_worker_kb: firstTrain.serviceWorker, input_visible_ms: inputVisibleMs },
    ui: {
      long_tasks: longTasks.length,
      max_long_task_ms: Math.max(0, ...longTasks),
      drag_fps: drag.fps,
      drag_p95_frame_ms: drag.p95_frame_ms,
      drag_moved_px: moved,
      training_during_drag: trainingDuringDrag,
      backend: 'webgl',
      samples,
      measured_seconds: seconds,
      outcome: await page.getByTestId('train-result').getAttribute('data-outcome'),
      chart_batch_points: Number(await page.getByTestId('charts').getAttribute('data-batch-points')),
    },
  };
}
