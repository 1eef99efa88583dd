import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appPerTest, screenshot } from './harness';

/** What a field shows: 'error', 'warning' or null, and the sentence under it. */
async function marked(page: Page, testid: string): Promise<{ severity: string | null; message: string | null }> {
  const severity = await page.getByTestId(testid).getAttribute('data-problem');
  const problem = page.getByTestId(`${testid}-problem`);
  return { severity, message: (await problem.count()) > 0 ? await problem.textContent() : null };
}

const trainDisabled = (page: Page) => page.getByTestId('train').isDisabled();

/** Replaces a field's text key by key, as a person types (each keystroke is one input event). */
async function retype(page: Page, testid: string, text: string): Promise<void> {
  const field = page.getByTestId(testid);
  await field.fill('');
  if (text) await field.pressSequentially(text);
}

describe('invalid settings are marked at the field and keep Train disabled', () => {
  const openApp = appPerTest();

  it('batch size 0, samples 1 and epochs 0 are errors at their fields; nothing starts; fixing them re-enables Train', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await retype(page, 'batch-size', '0');
    await expect.poll(() => marked(page, 'batch-size')).toEqual({ severity: 'error', message: 'Batch size must be a whole number from 1 to 4096 (not 0).' });
    expect(await trainDisabled(page)).toBe(true);
    expect(await page.getByTestId('settings-blocked').isVisible()).toBe(true);

    await retype(page, 'samples', '1');
    await expect.poll(() => marked(page, 'samples')).toEqual({ severity: 'error', message: 'Samples must be a whole number from 20 to 20000 (not 1).' });
    await retype(page, 'epochs', '0');
    await expect.poll(() => marked(page, 'epochs')).toEqual({ severity: 'error', message: 'Epochs must be a whole number from 1 to 1000 (not 0).' });
    await page.getByTestId('train').click({ force: true });
    await screenshot(page, 'settings-marked');
    expect(await page.getByTestId('progress').count()).toBe(0);
    expect(await page.getByTestId('backend-status').count()).toBe(0);

    await retype(page, 'batch-size', '16');
    await retype(page, 'samples', '200');
    await retype(page, 'epochs', '1');
    await expect.poll(() => trainDisabled(page)).toBe(false);
    expect(await marked(page, 'batch-size')).toEqual({ severity: null, message: null });
    expect(app.errors).toEqual([]);
  });

  it('a negative learning rate is an error; 5 is a warning that still lets Train run', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await retype(page, 'learning-rate', '-1');
    await expect.poll(() => marked(page, 'learning-rate')).toEqual({ severity: 'error', message: 'Learning rate must be a number of at least 0 (not -1).' });
    expect(await trainDisabled(page)).toBe(true);

    await retype(page, 'learning-rate', '5');
    await expect.poll(() => marked(page, 'learning-rate')).toEqual({
      severity: 'warning',
      message: 'Learning rate is outside the usual 1e-6 to 1: training may fail or go nowhere.',
    });
    expect(await trainDisabled(page)).toBe(false);
    expect(app.errors).toEqual([]);
  });
});

describe('invalid layer values are held back at the inspector field', () => {
  const openApp = appPerTest();

  it('typing "-3" into Filters keeps -3 in the field, marks it with the range and leaves the graph as it was', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    const conv = page.getByTestId('node-conv1');
    const before = { shape: await conv.getAttribute('data-shape'), params: await conv.getAttribute('data-params'), total: await page.getByTestId('total-params').textContent() };
    const nodes = await page.locator('[data-testid^="node-"][data-kind]').count();
    await page.locator('[data-id="conv1"]').click();
    await retype(page, 'param-filters', '-3');

    await expect.poll(() => marked(page, 'param-filters')).toEqual({ severity: 'error', message: 'Filters must be a whole number from 1 to 1024 (not -3).' });
    expect(await page.getByTestId('param-filters').inputValue()).toBe('-3');
    expect({ shape: await conv.getAttribute('data-shape'), params: await conv.getAttribute('data-params'), total: await page.getByTestId('total-params').textContent() }).toEqual(before);
    expect(await page.locator('[data-testid^="node-"][data-kind]').count()).toBe(nodes);
    expect(await trainDisabled(page)).toBe(true);
    await screenshot(page, 'inspector-marked');

    await retype(page, 'param-filters', '16');
    await expect.poll(() => conv.getAttribute('data-shape')).toBe('28×28×16');
    await expect.poll(() => trainDisabled(page)).toBe(false);
    expect(app.errors).toEqual([]);
  });

  it('an empty Kernel size names the field by its label, never "NaN" or kernelSize', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await page.locator('[data-id="conv1"]').click();
    await page.getByTestId('param-kernelSize').fill('');
    await expect.poll(() => marked(page, 'param-kernelSize')).toEqual({ severity: 'error', message: 'Kernel size is empty: enter a whole number from 1 to 64.' });
    const issues = (await page.getByTestId('graph-issues').textContent()) ?? '';
    expect(issues).toContain('conv1: Kernel size is empty');
    expect(issues).not.toMatch(/NaN|kernelSize/);
    expect(await page.getByTestId('node-conv1').getAttribute('data-shape')).toBe('28×28×8');
    expect(await trainDisabled(page)).toBe(true);
    expect(app.errors).toEqual([]);
  });
});
