import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { readDatasetZip, writeDatasetZip, type ZipSample } from '$lib/datasets/shared/dataset-zip';
import { m } from '$lib/i18n/messages';
import { appPerTest, screenshot } from './harness';

const SIZE = 32;
const CLASSES = ['Cups', 'Mugs/Glasses', 'Plates 🍽'];
const COUNTS = [9, 7, 5];

/** Sample k of class c: a stripe pattern in the class's colour, so no two images are alike and thumbnails show the class. */
function sample(c: number, k: number): ZipSample {
  const pixels = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const on = (x + y * (k + 1)) % (4 + c) < 2;
      pixels.set(on ? [40 + 70 * c, 200 - 60 * c, 30 * k] : [(x * 8) & 0xff, (y * 8) & 0xff, 255 - 40 * c], (y * SIZE + x) * 3);
    }
  return { classIndex: c, name: `${CLASSES[c]} ${k}.jpg`, pixels };
}

const SAMPLES = CLASSES.flatMap((_, c) => Array.from({ length: COUNTS[c] }, (_, k) => sample(c, k)));
const checksum = (samples: readonly ZipSample[]) => createHash('sha256').update(JSON.stringify(samples.map((s) => [s.classIndex, s.name, Buffer.from(s.pixels).toString('base64')]))).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'netloom-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const classNames = (page: Page) => page.getByTestId('class-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
const classCounts = (page: Page) => page.getByTestId('class-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));
const datasetNames = (page: Page) => page.getByTestId('open-dataset').locator('.name').allTextContents();

/** Imports a zip through the file input and waits for the result: the notice, or the problem. */
async function importZip(page: Page, path: string): Promise<void> {
  await page.getByTestId('import-dataset').setInputFiles(path);
  await page.locator('[data-testid="transfer-notice"], [data-testid="transfer-problem"]').first().waitFor();
}

/** Exports the open dataset and reads the downloaded file with the codec. */
async function exportOpen(page: Page): Promise<{ bytes: Uint8Array; filename: string; samples: ZipSample[]; classes: string[]; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-dataset').click()]);
  const bytes = new Uint8Array(readFileSync(await download.path()));
  const read = readDatasetZip(bytes);
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return { bytes, filename: download.suggestedFilename(), samples: read.value.samples, classes: read.value.manifest.classes.map((c) => c.name), name: read.value.manifest.name };
}

describe('moving a dataset as a zip', () => {
  const openApp = appPerTest();

  it('imports a zip, exports it, and after deleting the dataset imports the export back with the same classes, counts and pixels', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('show-data').click();
    expect(await datasetNames(page)).toEqual([]);

    await importZip(page, file('kitchen.zip', writeDatasetZip('Kitchen', { height: SIZE, width: SIZE, channels: 3, fit: 'pad' }, CLASSES, SAMPLES)));
    await expect.poll(() => page.getByTestId('transfer-notice').textContent()).toBe(m.importedDatasetZip({ name: 'Kitchen', samples: SAMPLES.length }));
    expect(await datasetNames(page)).toEqual(['Kitchen']);
    expect(await page.getByTestId('dataset-name').inputValue()).toBe('Kitchen');
    expect(await classNames(page)).toEqual(CLASSES);
    expect(await classCounts(page)).toEqual(COUNTS);
    await screenshot(page, 'dataset-zip-imported');

    const first = await exportOpen(page);
    expect(first.filename).toBe('Kitchen.zip');
    expect(first.name).toBe('Kitchen');
    expect(first.classes).toEqual(CLASSES);
    expect(checksum(first.samples)).toBe(checksum(SAMPLES));

    // A second import of the same file is a second dataset, not a merge.
    await importZip(page, file('again.zip', first.bytes));
    await expect.poll(() => datasetNames(page)).toEqual(['Kitchen', 'Kitchen (imported)']);
    await page.getByTestId('delete-dataset').click();
    await page.getByTestId('open-dataset').first().click();
    await expect.poll(() => page.getByTestId('dataset-name').inputValue()).toBe('Kitchen');
    await page.getByTestId('delete-dataset').click();
    await expect.poll(() => datasetNames(page)).toEqual([]);

    await importZip(page, file('exported.zip', first.bytes));
    await expect.poll(() => datasetNames(page)).toEqual(['Kitchen']);
    expect(await classNames(page)).toEqual(CLASSES);
    expect(await classCounts(page)).toEqual(COUNTS);
    const second = await exportOpen(page);
    expect(second.classes).toEqual(CLASSES);
    expect(checksum(second.samples)).toBe(checksum(SAMPLES));
    expect(app.errors).toEqual([]);
  });

  it('refuses a broken zip with its reason and adds no dataset', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await page.getByTestId('show-data').click();
    const files = unzipSync(writeDatasetZip('Kitchen', { height: SIZE, width: SIZE, channels: 3, fit: 'pad' }, CLASSES, SAMPLES));
    files['Mugs_Glasses/00003.png'] = files['Mugs_Glasses/00003.png'].slice(0, 40);
    delete files['Plates _/00002.png'];

    await importZip(page, file('broken.zip', zipSync(files)));
    const problem = page.getByTestId('transfer-problem');
    await expect.poll(() => problem.locator('p').textContent()).toBe(m.importRefused({ file: 'broken.zip' }));
    expect(await problem.locator('li').allTextContents()).toEqual([m.zipFileMissing({ file: 'Plates _/00002.png' })]);
    expect(await datasetNames(page)).toEqual([]);
    await screenshot(page, 'dataset-zip-refused');

    // With the missing file back, the damaged image is what stops it.
    files['Plates _/00002.png'] = unzipSync(writeDatasetZip('K', { height: SIZE, width: SIZE, channels: 3, fit: 'pad' }, CLASSES, SAMPLES))['Plates _/00002.png'];
    await importZip(page, file('damaged.zip', zipSync(files)));
    await expect.poll(() => problem.locator('li').allTextContents()).toEqual([m.zipImageUnreadable({ file: 'Mugs_Glasses/00003.png', why: m.pngTruncated() })]);

    await importZip(page, file('notes.zip', new TextEncoder().encode('not a zip at all')));
    await expect.poll(() => problem.locator('li').allTextContents()).toEqual([m.zipNotZip()]);
    expect(await datasetNames(page)).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('shows its progress while a large zip imports', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await page.getByTestId('show-data').click();
    const many = Array.from({ length: 3000 }, (_, k) => ({ ...sample(k % 3, k % 50), name: `n${k}` }));
    // Every progress text the page shows, however briefly.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector(`[data-testid="transfer-progress"] span`)?.textContent;
        if (text && text !== seen.at(-1)) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('import-dataset').setInputFiles(file('large.zip', writeDatasetZip('Large', { height: SIZE, width: SIZE, channels: 3, fit: 'crop' }, CLASSES, many)));
    await page.getByTestId('transfer-progress').waitFor();
    await screenshot(page, 'dataset-zip-progress');
    await expect.poll(() => page.getByTestId('transfer-notice').textContent(), { timeout: 60_000 }).toBe(m.importedDatasetZip({ name: 'Large', samples: 3000 }));
    expect(await page.getByTestId('transfer-progress').count()).toBe(0);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen[0]).toBe(m.openingDatasetZip());
    expect(seen).toContain(m.readingDatasetZip({ done: 256, total: 3000 }));
    expect(seen).toContain(m.storingDatasetZip({ done: 3000, total: 3000 }));
    expect(await classCounts(page)).toEqual([1000, 1000, 1000]);
    expect(app.errors).toEqual([]);
  });
});
