import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { appPerTest, screenshot } from './harness';
import { encodePng } from '$lib/datasets/shared/png';

/** Solid colours are easy to check after resizing; `noise` makes files the decoder has real work on. */
function png(width: number, height: number, channels: 1 | 3, pixel: (x: number, y: number) => number[]): Uint8Array {
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set(pixel(x, y).slice(0, channels), (y * width + x) * channels);
  return encodePng({ width, height, channels, pixels });
}
const noise = (seed: number) => (x: number, y: number) => [(x * 37 + y * 11 + seed) % 256, (x * 5 + y * 91 + seed * 3) % 256, (x * y + seed) % 256];

/**
 * A folder as a person would pick it: one sub-folder per class, plus a file the browser cannot
 * decode and one that is not an image. 'wide.png' is green at both ends, red then blue between:
 * a centre crop to a square keeps only the red and blue.
 */
function classFolder(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'netloom-import-')), 'pets');
  const write = (path: string, bytes: Uint8Array | string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), bytes);
  };
  write('circle/wide.png', png(40, 20, 3, (x) => (x < 10 || x >= 30 ? [0, 255, 0] : x < 20 ? [255, 0, 0] : [0, 0, 255])));
  for (let i = 0; i < 5; i++) write(`circle/c${i}.png`, png(24, 24, 3, () => [40 * i, 100, 200]));
  for (let i = 0; i < 4; i++) write(`square/s${i}.png`, png(30, 16, 1, () => [60 * i]));
  write('square/broken.png', Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4, 5, 6, 7, 8]));
  write('square/notes.txt', 'not a picture');
  for (let i = 0; i < 240; i++) write(`stripes/${i}.png`, png(96, 96, 3, noise(i)));
  return root;
}

async function classCounts(page: Page): Promise<[string, number][]> {
  const rows = page.getByTestId('class-row');
  return rows.evaluateAll((trs) => trs.map((tr) => [(tr.querySelector('[data-testid="class-name"]') as HTMLInputElement).value, Number(tr.getAttribute('data-count'))]));
}

/** One stored sample's pixels, read straight from the browser's storage (what training will read). */
async function storedPixels(page: Page, name: string): Promise<number[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('netloom-datasets');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T,>(store: string) =>
      new Promise<{ keys: IDBValidKey[]; values: T[] }>((resolve, reject) => {
        const tx = db.transaction(store);
        const keys = tx.objectStore(store).getAllKeys();
        const values = tx.objectStore(store).getAll();
        tx.oncomplete = () => resolve({ keys: keys.result, values: values.result as T[] });
        tx.onerror = () => reject(tx.error);
      });
    const samples = await all<{ name: string }>('samples');
    const key = samples.keys[samples.values.findIndex((s) => s.name === name)];
    const pixels = await new Promise<Uint8Array>((resolve, reject) => {
      const request = db.transaction('pixels').objectStore('pixels').get(key);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return [...pixels];
  }, name);
}

describe('importing a folder of images', () => {
  const openApp = appPerTest();
  const folders: string[] = [];
  afterEach(() => folders.splice(0).forEach((f) => rmSync(join(f, '..'), { recursive: true, force: true })));

  it('imports one class per sub-folder, lists the files it skipped and why, and keeps it all over a reload', async () => {
    const folder = classFolder();
    folders.push(folder);
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await page.getByTestId('show-data').click();
    await page.getByTestId('new-dataset-name').fill('Pets');
    await page.getByTestId('new-dataset-classes').fill('circle, other');
    await page.getByTestId('new-dataset-size').selectOption('32');
    await page.getByTestId('create-dataset').click();
    await expect.poll(() => classCounts(page)).toEqual([
      ['circle', 0],
      ['other', 0],
    ]);

    await page.getByTestId('folder-input').setInputFiles(folder);
    // The picture of an import under way, when this machine is slow enough to catch one.
    await page.locator('[data-testid="import-progress"], [data-testid="import-done"]').first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'image-import-progress');
    await expect.poll(() => page.getByTestId('import-status').getAttribute('data-phase'), { timeout: 120_000 }).toBe('done');

    // The existing class is reused, the others are added in folder order.
    expect(await classCounts(page)).toEqual([
      ['circle', 6],
      ['other', 0],
      ['square', 4],
      ['stripes', 240],
    ]);
    expect(await page.getByTestId('import-done').textContent()).toBe('Imported 250 images into 3 classes of “Pets”.');
    expect(await page.getByTestId('skipped-file').allTextContents()).toEqual([
      'pets/square/notes.txt — not an image (text/plain)',
      'pets/square/broken.png — could not be decoded',
    ]);
    await page.getByTestId('image-import').scrollIntoViewIfNeeded();
    await screenshot(page, 'image-import-result');

    // 40×20 centre-cropped to 32×32: the green ends are cut off, red on the left, blue on the right.
    const wide = await storedPixels(page, 'wide.png');
    expect(wide).toHaveLength(32 * 32 * 3);
    const at = (x: number, y: number) => wide.slice((y * 32 + x) * 3, (y * 32 + x) * 3 + 3);
    const off = (x: number, y: number, rgb: number[]) => Math.max(...at(x, y).map((v, i) => Math.abs(v - rgb[i])));
    expect(off(6, 16, [255, 0, 0])).toBeLessThanOrEqual(8);
    expect(off(25, 16, [0, 0, 255])).toBeLessThanOrEqual(8);
    expect(Math.max(...wide.filter((_, i) => i % 3 === 1))).toBeLessThan(64);

    await page.reload();
    await expect.poll(() => classCounts(page)).toEqual([
      ['circle', 6],
      ['other', 0],
      ['square', 4],
      ['stripes', 240],
    ]);
    expect(await page.getByTestId('open-dataset').first().textContent()).toContain('250 samples');
    expect(app.errors).toEqual([]);
  });

  it('puts images dropped onto a class into it, padded to the dataset size, and skips the rest', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await page.getByTestId('show-data').click();
    await page.getByTestId('new-dataset-name').fill('Drops');
    await page.getByTestId('new-dataset-classes').fill('left, right');
    await page.getByTestId('new-dataset-size').selectOption('28');
    await page.getByTestId('new-dataset-channels').selectOption('1');
    await page.getByTestId('new-dataset-fit').selectOption('pad');
    await page.getByTestId('create-dataset').click();
    await expect.poll(() => classCounts(page)).toEqual([
      ['left', 0],
      ['right', 0],
    ]);

    // A person dragging files from a file manager: made in the page, since a drop's files cannot come from disk here.
    await page.getByTestId('class-drop').filter({ hasText: 'right' }).evaluate(async (target) => {
      const image = async (name: string, width: number, height: number, colour: string) => {
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext('2d')!;
        context.fillStyle = colour;
        context.fillRect(0, 0, width, height);
        return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
      };
      const transfer = new DataTransfer();
      transfer.items.add(await image('tall.png', 10, 40, '#fff'));
      transfer.items.add(await image('gray.png', 28, 28, '#808080'));
      transfer.items.add(new File(['{}'], 'labels.json', { type: 'application/json' }));
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.getByTestId('import-status').getAttribute('data-phase')).toBe('done');

    expect(await classCounts(page)).toEqual([
      ['left', 0],
      ['right', 2],
    ]);
    expect(await page.getByTestId('skipped-file').allTextContents()).toEqual(['labels.json — not an image (application/json)']);
    // 10×40 padded into 28×28: drawn 7 px wide from x = 10.5, black bands either side.
    const tall = await storedPixels(page, 'tall.png');
    expect(tall).toHaveLength(28 * 28);
    expect(tall[14 * 28 + 5]).toBe(0);
    expect(tall[14 * 28 + 14]).toBeGreaterThanOrEqual(247);
    expect(tall[14 * 28 + 22]).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
