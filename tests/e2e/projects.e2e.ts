import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot, trainOnCanvas } from './harness';
import { dropLayer, graphOf } from './editor-page';

/** Downloads the trained model's ONNX export and returns its hash: equal hashes mean equal weights. */
async function onnxHash(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-onnx').click()]);
  return createHash('sha256').update(readFileSync((await download.path())!)).digest('hex');
}

const layerIds = async (page: Page) => (await graphOf(page)).map(([id]) => id);
const names = (page: Page) => page.getByTestId('project-name').allTextContents();
/** The list entry whose name is exactly `name`. */
const entry = (page: Page, name: string) => page.getByTestId('project-entry').filter({ has: page.getByTestId('project-name').getByText(name, { exact: true }) });

describe('projects kept in the browser', () => {
  const openApp = appPerTest();

  it('a reload mid-edit restores the graph, settings, curves and the trained model, bit for bit', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 120, epochs: 2, learningRate: 0.02 })).toBe('completed');
    const before = await onnxHash(page);
    await dropLayer(page, 'Dropout', 900, 420);
    await expect.poll(async () => (await layerIds(page)).length).toBe(6);
    const graph = await layerIds(page);
    const result = await page.getByTestId('train-result').textContent();

    await page.reload();
    await page.getByTestId('node-input').waitFor();
    expect(await layerIds(page)).toEqual(graph);
    expect(await page.getByTestId('learning-rate').inputValue()).toBe('0.02');
    expect(await page.getByTestId('epochs').inputValue()).toBe('2');
    await expect.poll(() => page.getByTestId('train-result').textContent(), { timeout: 30_000 }).toBe(result);
    await expect.poll(() => page.getByTestId('export-onnx').isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await onnxHash(page)).toBe(before);
    expect(app.errors).toEqual([]);
  });

  it('a reload right after the first visit reports nothing; a project gone from storage is named under the Projects button, not in the header row', async () => {
    const { page } = await openApp({ webgpu: false });
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('netloom.projects.active'))).not.toBeNull();
    expect(await page.getByTestId('project-problem').count()).toBe(0);

    const header = async () => (await page.locator('header').boundingBox())!.height;
    const oneRow = await header();
    await page.evaluate(() => localStorage.setItem('netloom.projects.active', 'deleted-in-another-tab'));
    await page.reload();
    await expect.poll(() => page.getByTestId('project-problem').textContent()).toContain('no longer stored');
    expect(await header()).toBe(oneRow);
    await screenshot(page, 'projects-missing-project');
  });

  it('the project list: new, rename, duplicate, switch and delete, each kept across a reload', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('projects-menu').click();
    await expect.poll(() => names(page)).toEqual(['Tiny CNN']);

    await page.getByTestId('project-rename').click();
    await page.getByTestId('project-rename-input').fill('Shapes <b>first</b>');
    await page.getByTestId('project-rename-input').press('Enter');
    await expect.poll(() => names(page)).toEqual(['Shapes <b>first</b>']);
    expect(await page.locator('[data-testid="projects-list"] b').count()).toBe(0);

    await page.getByTestId('project-new').click();
    await expect.poll(() => layerIds(page)).toEqual(['input', 'conv1', 'pool1', 'flatten', 'dense']);
    await dropLayer(page, 'Dropout', 900, 420);
    await expect.poll(async () => (await layerIds(page)).length).toBe(6);
    await page.getByTestId('projects-menu').click();
    await expect.poll(async () => (await names(page)).sort()).toEqual(['Shapes <b>first</b>', 'Tiny CNN']);
    await screenshot(page, 'project-list');

    const first = entry(page, 'Shapes <b>first</b>');
    await first.getByTestId('project-duplicate').click();
    await expect.poll(async () => (await names(page)).length).toBe(3);
    await first.getByTestId('project-open').click();
    await expect.poll(async () => (await layerIds(page)).length).toBe(5);

    await page.reload();
    await page.getByTestId('node-input').waitFor();
    await page.getByTestId('projects-menu').click();
    await expect.poll(async () => (await names(page)).sort()).toEqual(['Shapes <b>first</b>', 'Shapes <b>first</b> (copy)', 'Tiny CNN']);
    expect(await page.locator('[data-testid="project-entry"][data-current="true"] [data-testid="project-name"]').textContent()).toBe('Shapes <b>first</b>');

    const other = entry(page, 'Tiny CNN');
    await other.getByTestId('project-open').click();
    await expect.poll(async () => (await layerIds(page)).length).toBe(6);
    await page.getByTestId('projects-menu').click();
    await page.locator('[data-testid="project-entry"][data-current="true"]').getByTestId('project-delete').click();
    await expect.poll(async () => (await names(page)).sort()).toEqual(['Shapes <b>first</b>', 'Shapes <b>first</b> (copy)']);
    await expect.poll(async () => (await layerIds(page)).length).toBe(5);
    expect(app.errors).toEqual([]);
  });
});
