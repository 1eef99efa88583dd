import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot, trainOnCanvas } from './harness';

describe('dataset picker', () => {
  const openApp = appPerTest();

  it('Shapes RGB marks the Input and output at the node; the one-click fixes make the graph trainable; the pick survives a reload', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await expect.poll(() => page.getByTestId('dataset-label').textContent()).toContain('Shapes (circle, square, triangle, cross) · 28×28×1');
    expect(await page.getByTestId('node-error-input').count()).toBe(0);
    const choices = page.getByTestId('dataset-choice').locator('option');
    expect(await choices.evaluateAll((options) => options.map((o) => [(o as HTMLOptionElement).value, o.textContent]))).toEqual([
      ['shapes', 'Shapes'],
      ['shapes-rgb', 'Shapes RGB'],
      ['mnist', 'MNIST digits'],
    ]);

    await page.getByTestId('dataset-choice').selectOption('shapes-rgb');
    await page.getByTestId('node-error-input').waitFor();
    await expect.poll(() => page.getByTestId('node-error-input').textContent()).toContain('28×28×3');
    await expect.poll(() => page.getByTestId('node-error-dense').textContent()).toContain('9 classes');
    expect(await page.getByTestId('train').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('dataset-label').textContent()).toContain('Shapes RGB (9 classes) · 28×28×3');
    await screenshot(page, 'dataset-picker-input-marked');
    await page.getByTestId('node-input').screenshot({ path: 'test-results/dataset-input-marked.png' });

    await page.getByTestId('fix-input').click();
    await page.getByTestId('fix-dense').click();
    await expect.poll(() => page.getByTestId('node-input').getAttribute('data-shape')).toBe('28×28×3');
    await expect.poll(() => page.getByTestId('node-dense').getAttribute('data-shape')).toBe('9');
    expect(await page.getByTestId('node-error-input').count()).toBe(0);
    await expect.poll(() => page.getByTestId('train').isDisabled()).toBe(false);

    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 200, epochs: 1 })).toBe('completed');

    await page.reload();
    await page.getByTestId('node-input').waitFor();
    await expect.poll(() => page.getByTestId('dataset-choice').inputValue()).toBe('shapes-rgb');
    await expect.poll(() => page.getByTestId('dataset-label').textContent()).toContain('Shapes RGB');
    expect(await page.getByTestId('node-input').getAttribute('data-shape')).toBe('28×28×3');
    expect(app.errors).toEqual([]);
  });
});
