import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { appPerTest, dragBetween, expectOnnxParity, screenshot, trainOnCanvas } from './harness';

describe('the whole chain on WebGPU: build → train → chart → ONNX → ORT-web', () => {
  const openApp = appPerTest();

  it('opens with the default model and live shapes', async () => {
    const { page } = await openApp({ webgpu: true });
    await expect.poll(() => page.getByTestId('node-conv1').getAttribute('data-shape')).toBe('28×28×8');
    expect(await page.getByTestId('node-flatten').getAttribute('data-shape')).toBe('1568');
    expect(await page.getByTestId('node-dense').getAttribute('data-shape')).toBe('4');
    expect(await page.getByTestId('total-params').textContent()).toBe((8 * 9 + 8 + 1568 * 4 + 4).toLocaleString('en-US'));
  });

  it('drags a layer from the palette, wires it, and shows its shape', async () => {
    const { page } = await openApp({ webgpu: false });
    await page.getByTestId('palette-Dropout').dragTo(page.locator('.svelte-flow__pane'), { targetPosition: { x: 700, y: 200 } });
    const dropout = page.getByTestId('node-dropout_1');
    await expect.poll(() => dropout.getAttribute('data-shape')).toBe('?');
    await expect.poll(() => page.getByTestId('node-error-dropout_1').isVisible()).toBe(true);
    await dragBetween(page, '[data-id="flatten"] .svelte-flow__handle.source', '[data-id="dropout_1"] .svelte-flow__handle.target');
    await expect.poll(() => dropout.getAttribute('data-shape')).toBe('1568');
    // Two outputs now: training is blocked until the stray layer goes.
    await expect.poll(() => page.getByTestId('train').isDisabled()).toBe(true);
    await page.locator('[data-id="dropout_1"]').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => dropout.count()).toBe(0);
    await expect.poll(() => page.getByTestId('train').isDisabled()).toBe(false);
  });

  it('marks a kernel larger than its input at the node with the arithmetic', async () => {
    const { page } = await openApp({ webgpu: false });
    await page.locator('[data-id="conv1"]').click();
    await page.getByTestId('param-padding').selectOption('valid');
    await page.getByTestId('param-kernelSize').fill('30');
    const error = page.getByTestId('node-error-conv1');
    await expect.poll(() => error.textContent()).toContain('Conv2D k=30 valid on 28×28×1: output would be 0×0');
    expect(await page.getByTestId('train').isDisabled()).toBe(true);
    await page.getByTestId('param-kernelSize').fill('3');
    await page.getByTestId('param-padding').selectOption('same');
    await expect.poll(() => error.count()).toBe(0);
    expect(await page.getByTestId('train').isDisabled()).toBe(false);
  });

  // Export needs a trained model, so training, export and the ORT check are one story.
  it('trains 2 epochs on WebGPU with a live chart, exports ONNX, and runs it in ORT-web on wasm and webgpu within 1e-4, all from its own origin', async () => {
    const app = await openApp({ webgpu: true });
    const { page } = app;
    await trainOnCanvas(page, { backend: 'webgpu', samples: 400, epochs: 2, learningRate: 0.01 });
    expect(await page.getByTestId('backend-status').getAttribute('data-backend')).toBe('webgpu');
    expect(Number(await page.getByTestId('charts').getAttribute('data-batch-points'))).toBeGreaterThan(0);
    const rows = page.locator('[data-testid="epoch-table"] tbody tr');
    expect(await rows.count()).toBe(2);
    const valAcc = Number(await rows.nth(1).getAttribute('data-val-acc'));
    expect(valAcc).toBeGreaterThan(0.25 + 0.1);
    const tensors = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-tensors'))));
    expect(tensors[1]).toBe(tensors[0]);
    await screenshot(page, 'trained');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-onnx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.onnx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.byteLength).toBeGreaterThan(6000 * 4);
    await expectOnnxParity(page);
    await screenshot(page, 'exported');
    expect(app.errors).toEqual([]);

    // Everything, ORT's WASM and the training worker included, came from the app's own origin.
    const origin = new URL(app.url).origin;
    const foreign = app.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(app.requests.some((u) => /ort-wasm-simd-threaded\.jsep.*\.wasm$/.test(u))).toBe(true);
    expect(app.requests.some((u) => /trainer\.worker.*\.js$/.test(u))).toBe(true);
  });
});
