import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appPerTest } from './harness';
import { seedDataset } from './seed-dataset';

const CLASSES = ['red', 'green', 'blue'];
const PER_CLASS = 1000;
const COUNT = 3 * PER_CLASS;

/** Opens the Data view and waits until the browser has drawn its first thumbnails. */
async function openBrowser(page: Page): Promise<void> {
  await page.getByTestId('show-data').click();
  await expect.poll(() => page.getByTestId('browse-count').getAttribute('data-shown')).not.toBeNull();
  await expect.poll(() => thumbnailsDrawn(page)).toBe(true);
}

/** Whether every rendered cell's thumbnail is drawn, and the first one's pixels are on its row's canvas (not transparent). */
const thumbnailsDrawn = (page: Page) =>
  page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-testid=thumbnail-row]'));
    const cells = document.querySelectorAll('[data-testid=sample-thumb]').length;
    const drawn = rows.reduce((sum, row) => sum + Number(row.dataset.drawn), 0);
    return cells > 0 && drawn === cells && rows[0].getContext('2d')!.getImageData(36, 36, 1, 1).data[3] === 255;
  });

const shown = async (page: Page) => Number(await page.getByTestId('browse-count').getAttribute('data-shown'));
const titles = (page: Page) => page.getByTestId('sample-thumb').evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
const classCounts = (page: Page) => page.getByTestId('class-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));

describe('dataset browser', () => {
  const openApp = appPerTest();

  it('shows 3,000 samples through a few hundred thumbnails; filters, deletes and relabels, and the edits survive a reload', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    page.on('dialog', (dialog) => void dialog.accept());
    await seedDataset(page, { id: 'seeded', name: 'Seeded', size: 32, channels: 3, classes: CLASSES, perClass: PER_CLASS });
    await page.reload();
    // The training panel folded away, so the browser has the window's height (for the screenshots).
    await page.getByTestId('toggle-training').click();
    await openBrowser(page);

    expect(await shown(page)).toBe(COUNT);
    const rendered = await page.getByTestId('sample-thumb').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(COUNT / 10);
    expect((await titles(page))[0]).toBe('red · imported file · red-0.png');

    // The bottom of the list holds the last samples, drawn from storage on the way.
    const list = page.getByTestId('sample-list');
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await titles(page)).includes('blue · imported file · blue-2999.png')).toBe(true);
    expect((await titles(page)).includes('red · imported file · red-0.png')).toBe(false);
    await expect.poll(() => thumbnailsDrawn(page)).toBe(true);

    // One class: only its samples, as many as its count says.
    await page.getByTestId('browse-class').selectOption({ label: 'green (1000)' });
    await expect.poll(() => shown(page)).toBe(1000);
    expect((await titles(page)).every((t) => t?.startsWith('green · '))).toBe(true);

    // Two selected (click, Ctrl-click) and deleted with the Delete key, after a confirmation.
    expect(await page.getByTestId('delete-selected').isDisabled()).toBe(true);
    const cells = page.getByTestId('sample-thumb');
    expect((await titles(page))[0]).toBe('green · imported file · green-1.png');
    await cells.nth(0).click();
    await cells.nth(1).click({ modifiers: ['ControlOrMeta'] });
    await expect.poll(() => page.getByTestId('browse-count').getAttribute('data-selected')).toBe('2');
    const doomed = await page.locator('[data-testid="sample-thumb"][aria-selected="true"]').evaluateAll((c) => c.map((cell) => cell.getAttribute('title')));
    expect(doomed).toEqual(['green · imported file · green-1.png', 'green · imported file · green-4.png']);
    await page.getByTestId('dataset-browser').screenshot({ path: 'test-results/dataset-browser-selected.png' });
    await page.keyboard.press('Delete');
    await expect.poll(() => shown(page)).toBe(998);
    expect(await classCounts(page)).toEqual([1000, 998, 1000]);
    expect((await titles(page)).some((t) => doomed.includes(t))).toBe(false);

    // Arrow keys move the focus and the selection with it; the chosen sample moves to another class.
    await cells.nth(0).click();
    await page.keyboard.press('ArrowRight');
    const moved = await page.locator('[data-testid="sample-thumb"][aria-selected="true"]').getAttribute('title');
    expect(moved).toBe((await titles(page))[1]);
    await page.getByTestId('move-selected').selectOption({ label: 'blue' });
    await expect.poll(() => classCounts(page)).toEqual([1000, 997, 1001]);
    expect(await shown(page)).toBe(997);

    await page.reload();
    await openBrowser(page);
    expect(await classCounts(page)).toEqual([1000, 997, 1001]);
    expect(await shown(page)).toBe(2998);
    await page.getByTestId('browse-class').selectOption({ label: 'blue (1001)' });
    await expect.poll(() => shown(page)).toBe(1001);
    expect(await titles(page)).toContain(moved!.replace(/^green/, 'blue'));
    await page.getByTestId('dataset-browser').screenshot({ path: 'test-results/dataset-browser-blue.png' });
    expect(app.errors).toEqual([]);
  });
});
