import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot, trainOnCanvas } from './harness';
import { seedDataset } from './seed-dataset';

const classNames = (page: Page) => page.getByTestId('class-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
const classCounts = (page: Page) => page.getByTestId('class-count').allTextContents();

describe("a user's own dataset", () => {
  const openApp = appPerTest();

  it('is made in the data view with its name shown as text; classes are added, renamed, merged and deleted, and a reload finds it all', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    page.on('dialog', (d) => void d.accept());
    await seedDataset(page, { id: 'seeded', name: 'Seeded', size: 28, channels: 1, classes: ['a', 'b', 'c'], perClass: 4 });
    await page.reload();
    await page.getByTestId('show-data').click();

    const name = '<img src=x onerror="document.title=1">Cups';
    await page.getByTestId('new-dataset-name').fill(name);
    await page.getByTestId('new-dataset-classes').fill('mug, glass');
    await page.getByTestId('new-dataset-size').selectOption('32');
    await page.getByTestId('create-dataset').click();
    await expect.poll(() => page.getByTestId('dataset-name').inputValue()).toBe(name);
    await expect.poll(() => page.getByTestId('open-dataset').allTextContents()).toEqual([expect.stringContaining('Seeded'), expect.stringContaining(name)]);
    expect(await page.locator('[data-testid=data-view] img').count()).toBe(0);
    expect(await page.getByTestId('dataset-format').textContent()).toBe('32×32 · RGB · centre crop');
    await page.getByTestId('new-class-name').fill('cup');
    await page.getByTestId('add-class').click();
    await expect.poll(() => classNames(page)).toEqual(['mug', 'glass', 'cup']);
    await page.getByTestId('class-name').nth(1).fill('tumbler');
    await page.getByTestId('class-name').nth(1).press('Enter');

    await page.getByTestId('open-dataset').first().click();
    await expect.poll(() => classCounts(page)).toEqual(['4', '4', '4']);
    await page.getByTestId('merge-class').nth(2).selectOption({ label: 'a' });
    await expect.poll(() => classNames(page)).toEqual(['a', 'b']);
    expect(await classCounts(page)).toEqual(['8', '4']);
    // 8 against 4: the warning offers balanced class weights, which the training panel then uses.
    await page.getByTestId('imbalance').waitFor();
    await screenshot(page, 'data-view-classes');
    await page.getByTestId('use-balanced').click();
    await expect.poll(() => page.getByTestId('imbalance').textContent()).toContain('Balanced class weights are on.');
    expect(await page.getByTestId('class-weighting').inputValue()).toBe('balanced');
    await page.getByTestId('delete-class').nth(1).click();
    await expect.poll(() => classNames(page)).toEqual(['a']);

    await page.reload();
    await page.getByTestId('data-view').waitFor();
    await expect.poll(() => classNames(page)).toEqual(['a']);
    expect(await classCounts(page)).toEqual(['8']);
    expect(await page.getByTestId('open-dataset').first().textContent()).toContain('8 samples · 1 class ·');
    await page.getByTestId('open-dataset').nth(1).click();
    await expect.poll(() => classNames(page)).toEqual(['mug', 'tumbler', 'cup']);
    expect(await page.title()).not.toBe('1');
    expect(app.errors).toEqual([]);
  });

  it('trains on a stored dataset picked in the data view: header, graph check and fix follow it, and validation accuracy is high', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await seedDataset(page, { id: 'bands', name: 'Bands', size: 28, channels: 1, classes: ['top', 'middle', 'bottom'], perClass: 30 });
    await page.reload();
    await page.getByTestId('show-data').click();
    await page.getByTestId('train-on-dataset').click();
    await page.getByTestId('dataset-in-use').waitFor();
    await page.getByTestId('show-model').click();

    await expect.poll(() => page.getByTestId('dataset-label').textContent()).toContain('Dataset: Bands (top, middle, bottom) · 28×28×1');
    await expect.poll(() => page.getByTestId('node-error-dense').textContent()).toContain('3 classes');
    await page.getByTestId('fix-dense').click();
    await expect.poll(() => page.getByTestId('samples').inputValue()).toBe('90');
    expect(await page.getByTestId('samples').isDisabled()).toBe(true);

    expect(await trainOnCanvas(page, { backend: 'cpu', epochs: 4 })).toBe('completed');
    const result = (await page.getByTestId('train-result').textContent()) ?? '';
    expect(Number(/accuracy ([\d.]+)%/.exec(result)?.[1])).toBeGreaterThanOrEqual(80);
    await screenshot(page, 'trained-on-own-dataset');
    expect(app.errors).toEqual([]);
  });
});
