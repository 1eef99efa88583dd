// `node bench/dataset-browser.mjs` (after `vite build`): the Data view's sample browser on a large
// seeded dataset in headless Chromium. Prints one JSON object: time from opening the view to the
// first and to all rendered thumbnails, after a jump to the bottom, and per scroll speed the frame
// intervals, frames with a blank visible thumbnail (first or last visible row) and main-thread
// time per frame. BROWSE_COUNT (10000) samples of BROWSE_SIZE (32) px RGB; NETLOOM_DIST as the tests.
// Frame times on a shared machine are noisy: compare runs made together.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const COUNT = Number(process.env.BROWSE_COUNT ?? 10_000);
const SIZE = Number(process.env.BROWSE_SIZE ?? 32);
const CELL = 72;
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Writes the dataset in the stored format (see tests/e2e/seed-dataset.ts) in one transaction. */
const seed = ({ count, size }) =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('netloom-datasets', 1);
    open.onupgradeneeded = () => ['datasets', 'samples', 'pixels'].forEach((s) => open.result.createObjectStore(s));
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['datasets', 'samples', 'pixels'], 'readwrite');
      const classes = ['a', 'b', 'c'].map((name, id) => ({ id, name }));
      tx.objectStore('datasets').put({ format: 'netloom-dataset', version: 1, id: 'big', name: 'Big', height: size, width: size, channels: 3, fit: 'crop', classes, nextClassId: 3, nextSampleId: count, createdAt: 1 }, 'big');
      for (let id = 0; id < count; id++) {
        const pixels = new Uint8Array(size * size * 3);
        for (let i = 0; i < pixels.length; i++) pixels[i] = (id * 7 + i * 13) % 256;
        tx.objectStore('samples').put({ id, classId: id % 3, origin: 'file', name: `s-${id}.png` }, ['big', id]);
        tx.objectStore('pixels').put(pixels, ['big', id]);
      }
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });

/** Whether every rendered cell's thumbnail is drawn (each row canvas counts what it drew). */
const allDrawn = () => {
  const drawn = [...document.querySelectorAll('[data-testid=thumbnail-row]')].reduce((sum, row) => sum + Number(row.dataset.drawn), 0);
  const cells = document.querySelectorAll('[data-testid=sample-thumb]').length;
  return cells > 0 && drawn === cells;
};

/**
 * Scrolls the list `px` per animation frame for `frames` frames, from the top. With `check`, each
 * frame also reads two sheet pixels to count blank visible thumbnails; a canvas read-back is slow,
 * so frame times come from a pass without it.
 */
const scroll = ({ px, frames, cell, check }) =>
  new Promise((resolve) => {
    const list = document.querySelector('[data-testid=sample-list]');
    list.scrollTop = 0;
    const deltas = [];
    let blank = 0;
    let last = performance.now();
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      const rows = [Math.floor(list.scrollTop / cell), Math.floor((list.scrollTop + list.clientHeight - 1) / cell)];
      const canvas = (row) => list.querySelector(`[data-testid=thumbnail-row][style*="top: ${row * cell}px"]`);
      if (check && rows.some((row) => canvas(row)?.getContext('2d').getImageData(cell / 2, cell / 2, 1, 1).data[3] !== 255)) blank++;
      if (deltas.length > frames) {
        const sorted = deltas.slice(1).sort((a, b) => a - b);
        const round = (v) => Math.round(v * 10) / 10;
        resolve({ pxPerFrame: px, frames, meanMs: round(sorted.reduce((a, b) => a + b, 0) / frames), p95Ms: round(sorted[Math.floor(frames * 0.95)]), maxMs: round(sorted.at(-1)), over50ms: sorted.filter((d) => d > 50).length, blankFrames: blank });
      } else {
        list.scrollTop += px;
        requestAnimationFrame(tick);
      }
    };
    requestAnimationFrame(tick);
  });

const server = await preview({ build: { outDir: process.env.NETLOOM_DIST ?? 'dist' }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const dir = mkdtempSync(join(tmpdir(), 'netloom-browse-'));
const context = await chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1440, height: 960 } });
try {
  const page = context.pages()[0];
  await page.goto(server.resolvedUrls.local[0]);
  await page.getByTestId('node-input').waitFor();
  console.error(`seeding ${COUNT} samples of ${SIZE}×${SIZE}×3`);
  await page.evaluate(seed, { count: COUNT, size: SIZE });
  await page.reload();
  await page.getByTestId('node-input').waitFor();
  if ((await page.getByTestId('training-panel').getAttribute('data-open')) === 'true') await page.getByTestId('toggle-training').click();
  const t0 = Date.now();
  await page.getByTestId('show-data').click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=thumbnail-row]')].some((row) => Number(row.dataset.drawn) > 0), null, { polling: 'raf' });
  const firstMs = Date.now() - t0;
  await page.waitForFunction(allDrawn, null, { polling: 'raf' });
  const allMs = Date.now() - t0;
  const rendered = await page.getByTestId('sample-thumb').count();
  const t1 = Date.now();
  await page.getByTestId('sample-list').evaluate((list) => (list.scrollTop = list.scrollHeight));
  await page.waitForFunction((last) => document.querySelector('[data-testid=sample-thumb]:last-child')?.getAttribute('data-id') === last, String(COUNT - 1), { polling: 'raf' });
  await page.waitForFunction(allDrawn, null, { polling: 'raf' });
  const bottomMs = Date.now() - t1;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const scrolls = [];
  for (const px of [24, 72, 400]) {
    const before = await taskSeconds();
    const { blankFrames: _, ...timed } = await page.evaluate(scroll, { px, frames: 240, cell: CELL, check: false });
    const mainThreadMsPerFrame = Math.round(((await taskSeconds()) - before) * 10_000 / 240) / 10;
    const { blankFrames } = await page.evaluate(scroll, { px, frames: 240, cell: CELL, check: true });
    scrolls.push({ ...timed, mainThreadMsPerFrame, blankFrames });
    console.error(`scrolled at ${px} px/frame`);
  }
  console.log(JSON.stringify({ samples: COUNT, size: SIZE, renderedCells: rendered, firstThumbnailMs: firstMs, allVisibleMs: allMs, bottomAfterJumpMs: bottomMs, scrolls }, null, 2));
} finally {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
  await server.close();
}
