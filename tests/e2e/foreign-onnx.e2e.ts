import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as fmt from '$lib/i18n/format';
import { formatShape } from '$lib/onnx/foreign/dims';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { appPerTest, screenshot } from './harness';
import { digitClassifier } from '../unit/support/onnx-fixtures';
import { TORCH_LENET, hasTorch, runTorch } from '../unit/support/torch-export';
import { encodePng } from '$lib/datasets/shared/png';
import { m } from '$lib/i18n/messages';

/**
 * An ONNX classifier made elsewhere (written by hand with onnx-proto, not by NetLoom's exporter)
 * opened on the Use tab: its graph, the WebGPU-vs-WASM check, predictions for a drawing and a
 * picture on both runtimes, and a corrupt file refused while the open model keeps working.
 */
const dir = mkdtempSync(join(tmpdir(), 'netloom-foreign-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeFixture(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const LABELS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A white bar on black. */
function barPng(): Buffer {
  const size = 64;
  const pixels = Uint8Array.from({ length: size * size }, (_, i) => (i % size >= 28 && i % size < 36 && i >= size * 8 && i < size * 56 ? 255 : 0));
  return Buffer.from(encodePng({ width: size, height: size, channels: 1, pixels }));
}

async function stroke(page: Page, points: [number, number][]): Promise<void> {
  const box = await page.getByTestId('draw-pad').boundingBox();
  if (!box) throw new Error('drawing pad not visible');
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first[0], box.y + first[1]);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 12 });
  await page.mouse.up();
}

const status = (page: Page) => page.getByTestId('live-status').getAttribute('data-status');
const drawnTop = (page: Page) => page.getByTestId('draw-section').getByTestId('prediction').getAttribute('data-top', { timeout: 5_000 });

describe('a foreign ONNX classifier on the Use tab', () => {
  const openApp = appPerTest();

  it('opens a hand-written digit classifier: graph with shapes and parameters, WebGPU checked against WASM; a drawing and a picture classified on WASM and on WebGPU; a truncated file refused with its message while the model keeps working; class names renamed and remembered for the file', async () => {
    const model = digitClassifier().bytes();
    const digits = writeFixture('digits.onnx', model);
    const cut = writeFixture('cut.onnx', model.slice(0, model.length >> 1));
    const app = await openApp({ webgpu: true });
    const { page } = app;
    await page.getByTestId('show-live').click();
    await page.getByTestId('toggle-training').click();
    await page.getByTestId('foreign-file').setInputFiles(digits);

    const nodes = page.getByTestId('foreign-node');
    await expect.poll(() => nodes.evaluateAll((all) => all.map((n) => n.getAttribute('data-op')))).toEqual([
      'Conv', 'BatchNormalization', 'Relu', 'MaxPool', 'Conv', 'Relu', 'MaxPool', 'Flatten', 'Gemm', 'Softmax',
    ]);
    expect(await nodes.evaluateAll((all) => all.map((n) => n.getAttribute('data-shape')))).toEqual([
      '[batch, 6, 28, 28]', '[batch, 6, 28, 28]', '[batch, 6, 28, 28]', '[batch, 6, 14, 14]', '[batch, 8, 10, 10]',
      '[batch, 8, 10, 10]', '[batch, 8, 5, 5]', '[batch, 200]', '[batch, 10]', '[batch, 10]',
    ]);
    expect(await page.getByTestId('foreign-params').textContent()).toBe(m.foreignParameters({ n: fmt.grouped(3398) }));
    expect(await page.getByTestId('foreign-input-shape').textContent()).toBe(m.foreignInput({ name: 'image', shape: formatShape(['batch', 1, 28, 28]) }));
    expect(await page.getByTestId('foreign-size').textContent()).toBe(m.foreignImageSize({ height: 28, width: 28, channels: 1 }));
    expect(await page.getByTestId('foreign-labels').inputValue()).toBe(LABELS.join('\n'));
    // [batch, 1, 28, 28] read as NHWC would be 28 channels: not offered.
    expect(await page.locator('[data-testid="foreign-layout"] option[value="NHWC"]').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('foreign-check').getAttribute('data-kind'), { timeout: 60_000 }).toBe('agree');
    await expect.poll(() => status(page), { timeout: 60_000 }).toBe('ready');
    expect(await page.getByTestId('live-model').textContent()).toBe(m.foreignModelFrom({ name: 'digits.onnx', classes: 10 }));
    expect(await page.getByTestId('live-status').textContent()).toContain('WASM');

    await stroke(page, [[60, 50], [215, 50], [170, 140], [125, 245]]);
    await expect.poll(() => drawnTop(page), { timeout: 15_000 }).toMatch(new RegExp(`^(${LABELS.join('|')})$`));
    await page.getByTestId('images-input').setInputFiles([{ name: 'bar.png', mimeType: 'image/png', buffer: barPng() }]);
    const card = page.getByTestId('image-card');
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    expect(await card.getByTestId('image-runtime').textContent()).toContain(m.liveOnOrt({ provider: 'wasm' }));
    const wasmTop = await card.getByTestId('prediction').getAttribute('data-top');
    await page.getByTestId('foreign-section').scrollIntoViewIfNeeded();
    await screenshot(page, 'foreign-onnx-wasm');

    // tfjs has no copy of a foreign model; WebGPU agreed with WASM, so it may be picked.
    expect(await page.locator('[data-testid="live-runtime"] option[value="tfjs"]').isDisabled()).toBe(true);
    await page.getByTestId('live-runtime').selectOption('ort-webgpu');
    await expect.poll(() => card.getByTestId('image-runtime').textContent(), { timeout: 60_000 }).toContain(m.liveOnOrt({ provider: 'webgpu' }));
    expect(await card.getByTestId('prediction').getAttribute('data-top')).toBe(wasmTop);
    expect(await page.getByTestId('live-status').textContent()).toContain('WebGPU');
    await expect.poll(() => drawnTop(page), { timeout: 15_000 }).toMatch(new RegExp(`^(${LABELS.join('|')})$`));

    // A truncated file: its message, and the open model (graph, predictions) stays.
    await page.getByTestId('foreign-file').setInputFiles(cut);
    await expect.poll(() => page.getByTestId('foreign-error').textContent()).toBe(m.foreignErrors_truncated({ file: 'cut.onnx' }));
    expect(await nodes.count()).toBe(10);
    expect(await page.getByTestId('live-model').textContent()).toBe(m.foreignModelFrom({ name: 'digits.onnx', classes: 10 }));
    await page.getByTestId('draw-clear').click();
    await stroke(page, [[150, 40], [140, 150], [132, 245]]);
    await expect.poll(() => drawnTop(page), { timeout: 15_000 }).toMatch(new RegExp(`^(${LABELS.join('|')})$`));
    await page.getByTestId('foreign-error').scrollIntoViewIfNeeded();
    await screenshot(page, 'foreign-onnx-refused');

    // Class names are the user's, and remembered for this file after a reload.
    const renamed = LABELS.map((l) => l.toUpperCase());
    await page.getByTestId('foreign-labels').fill(renamed.join('\n'));
    await page.getByTestId('foreign-labels').blur();
    await expect.poll(() => drawnTop(page), { timeout: 15_000 }).toMatch(new RegExp(`^(${renamed.join('|')})$`));
    await page.reload();
    await page.getByTestId('show-live').click();
    await page.getByTestId('foreign-file').setInputFiles(digits);
    await expect.poll(() => page.getByTestId('foreign-labels').inputValue()).toBe(renamed.join('\n'));
    expect(app.errors).toEqual([]);
  });

  it.skipIf(!hasTorch)('a LeNet-5 exported by PyTorch (BN folded, batch fixed at 1, logits) agrees on WebGPU and WASM and reads a drawing on WebGPU', async () => {
    runTorch(TORCH_LENET, dir);
    const app = await openApp({ webgpu: true });
    const { page } = app;
    await page.getByTestId('show-live').click();
    await page.getByTestId('toggle-training').click();
    await page.getByTestId('foreign-file').setInputFiles(join(dir, 'lenet-torch.onnx'));
    await expect.poll(() => page.getByTestId('foreign-node').evaluateAll((all) => all.map((n) => n.getAttribute('data-op')))).toEqual([
      'Conv', 'Clip', 'MaxPool', 'Conv', 'Relu', 'MaxPool', 'Flatten', 'Gemm', 'Relu', 'Gemm', 'Relu', 'Gemm',
    ]);
    expect(await page.getByTestId('foreign-output-shape').textContent()).toBe(m.foreignOutput({ name: 'logits', shape: formatShape([1, 10]) }));
    await expect.poll(() => page.getByTestId('foreign-check').getAttribute('data-kind'), { timeout: 60_000 }).toBe('agree');
    await page.getByTestId('live-runtime').selectOption('ort-webgpu');
    await expect.poll(() => page.getByTestId('live-status').textContent(), { timeout: 60_000 }).toContain(m.liveOnOrt({ provider: 'webgpu' }));
    await stroke(page, [[150, 40], [140, 150], [132, 245]]);
    await expect.poll(() => drawnTop(page), { timeout: 15_000 }).toMatch(/^class \d$/);
    expect(app.errors).toEqual([]);
  });
});
