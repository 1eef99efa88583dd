import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, appPerTest, screenshot, trainOnCanvas } from './harness';

const rows = (page: Page) => page.getByTestId('run-row');
const optimizersInTable = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-optimizer')));
const accuracies = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-best-val-acc'))));
const chartSeries = async (page: Page): Promise<string[]> => JSON.parse((await page.getByTestId('runs-chart').getAttribute('data-series')) ?? '[]');

async function trainWith(page: Page, optimizer: string, learningRate: number): Promise<void> {
  await page.getByTestId('optimizer').selectOption(optimizer);
  expect(await trainOnCanvas(page, { backend: 'cpu', samples: 120, epochs: 2, learningRate })).toBe('completed');
}

describe('kept training runs', () => {
  const openApp = appPerTest();

  it('two runs with different optimizers: compared in the table, overlaid, sorted, exported, restored, and kept across a reload', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    // A tiny learning rate for SGD keeps it near chance, so the two runs' scores differ.
    await trainWith(page, 'sgd', 0.0001);
    await expect.poll(() => rows(page).count()).toBe(1);
    await trainWith(page, 'adam', 0.01);
    await expect.poll(() => optimizersInTable(page)).toEqual(['sgd', 'adam']);
    await expect(page.getByTestId('run-row').first().locator('[data-column="optimizer"]').textContent()).resolves.toBe('SGD');

    // Both ticked: one series each on the overlay chart, named after the runs.
    const names = await page.getByTestId('run-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    for (const box of await page.getByTestId('run-overlay').all()) await box.check();
    await expect.poll(() => chartSeries(page)).toEqual(names);

    // Sorted by best validation accuracy, best first, then the other way round.
    const [sgdAcc, adamAcc] = await accuracies(page);
    expect(adamAcc).not.toBe(sgdAcc);
    const bestFirst = adamAcc > sgdAcc ? ['adam', 'sgd'] : ['sgd', 'adam'];
    await page.getByTestId('runs-sort-bestValAcc').click();
    await expect.poll(() => optimizersInTable(page)).toEqual(bestFirst);
    await page.getByTestId('runs-sort-bestValAcc').click();
    await expect.poll(() => optimizersInTable(page)).toEqual([...bestFirst].reverse());

    // Renamed runs are what the report and the legend show.
    await page.locator('[data-optimizer="sgd"] [data-testid="run-name"]').fill('SGD | baseline');
    await page.locator('[data-optimizer="sgd"] [data-testid="run-name"]').press('Enter');
    await expect.poll(() => chartSeries(page)).toContain('SGD | baseline');

    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    await page.getByTestId('runs-copy-markdown').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^\| run \| optimizer/);
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown.trim().split('\n')).toHaveLength(4);
    expect(markdown).toContain('| SGD \\| baseline | SGD | 0.0001 |');
    expect(markdown).toMatch(/\| Adam \| 0\.01 \|/);

    const download = page.waitForEvent('download');
    await page.getByTestId('runs-download-csv').click();
    expect((await download).suggestedFilename()).toBe('netloom-runs.csv');

    await page.getByTestId('runs').scrollIntoViewIfNeeded();
    await page.getByTestId('runs').screenshot({ path: `${ARTIFACTS}/runs-table.png` });

    // Restoring the SGD run brings its optimizer and learning rate back into the panel.
    expect(await page.getByTestId('optimizer').inputValue()).toBe('adam');
    await page.locator('[data-optimizer="sgd"] [data-testid="run-restore"]').click();
    await expect.poll(() => page.getByTestId('optimizer').inputValue()).toBe('sgd');
    expect(Number(await page.getByTestId('learning-rate').inputValue())).toBe(0.0001);
    await screenshot(page, 'runs-compared', { fullPage: true });

    await page.reload();
    await page.getByTestId('node-input').waitFor();
    await expect.poll(() => rows(page).count()).toBe(2);
    await expect.poll(() => page.getByTestId('run-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['SGD | baseline', names[1]]);
    expect(app.errors).toEqual([]);
  });

  it('deleting a run asks first, and a refusal keeps it', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await trainWith(page, 'adam', 0.01);
    await expect.poll(() => rows(page).count()).toBe(1);
    page.once('dialog', (d) => void d.dismiss());
    await page.getByTestId('run-delete').click();
    expect(await rows(page).count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('run-delete').click();
    await expect.poll(() => rows(page).count()).toBe(0);
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    await expect(page.getByTestId('runs').textContent()).resolves.toContain('(0)');
  });

  it("each project lists its own runs, can show the other projects' runs too, and a duplicate or delete takes them along", async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await trainWith(page, 'sgd', 0.0001);
    await expect.poll(() => optimizersInTable(page)).toEqual(['sgd']);

    await page.getByTestId('projects-menu').click();
    await page.getByTestId('project-new').click();
    await expect.poll(() => page.getByTestId('runs').textContent()).toContain('Runs (0)');
    const everyProject = page.getByTestId('runs-every-project');
    await expect.poll(() => everyProject.locator('xpath=..').textContent()).toContain('other projects (1)');
    await trainWith(page, 'adam', 0.01);
    await expect.poll(() => optimizersInTable(page)).toEqual(['adam']);
    await everyProject.check();
    await expect.poll(() => optimizersInTable(page)).toEqual(['sgd', 'adam']);
    await page.getByTestId('runs').scrollIntoViewIfNeeded();
    await page.getByTestId('runs').screenshot({ path: `${ARTIFACTS}/runs-every-project.png` });
    await everyProject.uncheck();

    await page.getByTestId('projects-menu').click();
    await page.locator('[data-testid="project-entry"][data-current="false"]').getByTestId('project-open').click();
    await expect.poll(() => optimizersInTable(page)).toEqual(['sgd']);
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    await expect.poll(() => optimizersInTable(page)).toEqual(['sgd']);

    // A duplicate brings copies of the runs; deleting it takes them along.
    const otherRuns = () => everyProject.locator('xpath=..').textContent();
    await expect.poll(otherRuns).toContain('other projects (1)');
    await page.getByTestId('projects-menu').click();
    await page.locator('[data-testid="project-entry"][data-current="true"]').getByTestId('project-duplicate').click();
    await expect.poll(otherRuns).toContain('other projects (2)');
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="project-entry"]', { hasText: '(copy)' }).getByTestId('project-delete').click();
    await expect.poll(otherRuns).toContain('other projects (1)');
    expect(app.errors).toEqual([]);
  });

  it('a saved project carries its runs: another browser opening the file lists them', async () => {
    const first = await openApp({ webgpu: false });
    await trainWith(first.page, 'sgd', 0.0001);
    await expect.poll(() => rows(first.page).count()).toBe(1);
    const [download] = await Promise.all([first.page.waitForEvent('download'), first.page.getByTestId('save-project').click()]);
    const bytes = readFileSync((await download.path())!);

    const second = await openApp({ webgpu: false });
    const { page } = second;
    await expect(page.getByTestId('runs').textContent()).resolves.toContain('(0)');
    await page.getByTestId('project-file-input').setInputFiles({ name: 'runs.netloom', mimeType: 'application/zip', buffer: bytes });
    await expect.poll(() => optimizersInTable(page)).toEqual(['sgd']);
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
  });
});
