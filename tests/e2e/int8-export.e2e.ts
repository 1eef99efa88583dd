import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import pkg from 'onnx-proto';
import { appPerTest, trainOnCanvas } from './harness';

const { onnx } = pkg;

describe('int8 export', () => {
  const openApp = appPerTest();

  it('after a tiny training, the int8 model sits beside the float one: smaller, timed on wasm and webgpu, agreeing with it; it downloads as .int8.onnx', async () => {
    const app = await openApp();
    const { page } = app;
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 200 })).toBe('completed');

    await page.getByTestId('verify-onnx').click();
    const table = page.getByTestId('format-comparison');
    await table.waitFor({ timeout: 180_000 });
    const row = (format: string) => table.locator(`tr[data-format="${format}"]`);
    const [floatBytes, int8Bytes] = await Promise.all(['float32', 'int8'].map(async (f) => Number(await row(f).getAttribute('data-bytes'))));
    expect(int8Bytes).toBeGreaterThan(0);
    expect(int8Bytes).toBeLessThan(floatBytes / 2);
    expect(Number(await row('int8').getAttribute('data-agreement'))).toBeGreaterThanOrEqual(0.9);
    expect(Number(await row('float32').getAttribute('data-agreement'))).toBe(1);
    for (const provider of ['wasm', 'webgpu']) {
      expect(await row('int8').locator(`td[data-latency="${provider}"]`).textContent(), provider).toMatch(/^\d+\.\d$/);
    }
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/int8-export.png' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-onnx-int8').click()]);
    expect(download.suggestedFilename()).toBe('Tiny_CNN.int8.onnx');
    const bytes = readFileSync(await download.path());
    expect(bytes.byteLength).toBe(int8Bytes);
    const graph = onnx.ModelProto.decode(bytes).graph!;
    const int8Weights = graph.initializer!.filter((t) => t.dataType === onnx.TensorProto.DataType.INT8 && t.dims!.length > 1);
    expect(int8Weights.map((t) => t.name)).toEqual(['conv1/kernel_quantized', 'dense/kernel_quantized']);
    expect(app.errors).toEqual([]);
  });
});
