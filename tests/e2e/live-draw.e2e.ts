import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appPerTest, screenshot, trainOnCanvas } from './harness';
import { PRESETS } from '$lib/spec/presets';
import { encodePng } from '$lib/datasets/shared/png';

type PadPoint = [number, number];

/** Draws one stroke on the pad with real mouse events, through `points` in pad units (the pad is 280 CSS px). */
async function stroke(page: Page, points: PadPoint[]): Promise<void> {
  const box = await page.getByTestId('draw-pad').boundingBox();
  if (!box) throw new Error('drawing pad not visible');
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first[0], box.y + first[1]);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 12 });
  await page.mouse.up();
}

const drawSection = (page: Page) => page.getByTestId('draw-section');
const drawnTop = (page: Page) => drawSection(page).getByTestId('prediction').getAttribute('data-top', { timeout: 5_000 });
const strokesOnPad = (page: Page) => page.getByTestId('draw-pad').getAttribute('data-strokes');

/** The 28×28 preview's pixels (red channel), to tell one preprocessed drawing from another. */
const preview = (page: Page) =>
  page.getByTestId('draw-preview').evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 === 0));
  });

/** A white vertical bar on black, as a PNG: a plain "1". */
function barPng(): Buffer {
  const size = 96;
  const pixels = Uint8Array.from({ length: size * size }, (_, i) => {
    const x = i % size;
    const y = Math.floor(i / size);
    return x >= 42 && x < 54 && y >= 10 && y < 86 ? 255 : 0;
  });
  return Buffer.from(encodePng({ width: size, height: size, channels: 1, pixels }));
}

describe('drawing pad and image predictions on the Use tab', () => {
  const openApp = appPerTest();

  it('LeNet-5 trained on MNIST reads a drawn 1 and 7 (MNIST framing shown beside the pad); undo and clear; an uploaded, pasted or dropped PNG gets a card with its prediction, a text file a card with the reason', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.lenet5(10) });
    const { page } = app;
    await page.getByTestId('dataset-choice').selectOption('mnist');
    await expect.poll(() => page.getByTestId('dataset-label').textContent()).toContain('MNIST digits');
    const started = Date.now();
    expect(await trainOnCanvas(page, { backend: 'wasm', samples: 3000, epochs: 2, learningRate: 0.003 })).toBe('completed');
    console.info(`live-draw: LeNet-5 trained in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    await page.getByTestId('show-live').click();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await expect.poll(() => page.getByTestId('draw-empty').isVisible()).toBe(true);

    // A "1": one vertical stroke, slightly slanted as people write it.
    await stroke(page, [
      [150, 40],
      [140, 150],
      [132, 245],
    ]);
    await expect.poll(() => drawnTop(page), { timeout: 15_000 }).toBe('1');
    expect(await page.getByTestId('draw-note').getAttribute('data-method')).toBe('mnist');
    await expect.poll(() => page.getByTestId('draw-note').textContent()).toContain('centred by mass');
    // Framed as MNIST: ink only inside the 28×28 field's 20-pixel box, rows 4–23.
    const one = await preview(page);
    const inkedRows = [...new Set(one.flatMap((v, i) => (v > 0 ? [Math.floor(i / 28)] : [])))];
    expect(Math.min(...inkedRows)).toBe(4);
    expect(Math.max(...inkedRows)).toBe(23);
    await screenshot(page, 'live-draw-one');

    await page.getByTestId('draw-clear').click();
    await expect.poll(() => page.getByTestId('draw-empty').isVisible()).toBe(true);
    expect(await strokesOnPad(page)).toBe('0');

    // A "7": a horizontal stroke, then a diagonal down to the left.
    await stroke(page, [
      [60, 50],
      [215, 50],
    ]);
    await stroke(page, [
      [215, 52],
      [170, 140],
      [125, 245],
    ]);
    await screenshot(page, 'live-draw-seven');
    await expect.poll(() => drawnTop(page), { timeout: 15_000 }).toBe('7');
    const seven = await preview(page);

    // Ctrl+Z on the pad undoes the diagonal: the model now sees only the bar.
    await page.getByTestId('draw-pad').focus();
    await page.keyboard.press('Control+z');
    expect(await strokesOnPad(page)).toBe('1');
    await expect.poll(async () => (await preview(page)).join() !== seven.join()).toBe(true);
    await page.getByTestId('draw-undo').click();
    await expect.poll(() => page.getByTestId('draw-empty').isVisible()).toBe(true);
    // The graph behind the hidden editor kept its layers: Ctrl+Z was the pad's.
    await page.getByTestId('show-model').click();
    expect(await page.locator('[data-testid^="node-"][data-kind]').count()).toBe(PRESETS.lenet5(10).nodes.length);
    await page.getByTestId('show-live').click();
    // The image cards sit below the pad: hide the training panel so they are in view.
    await page.getByTestId('toggle-training').click();

    await page.getByTestId('images-input').setInputFiles([
      { name: 'bar.png', mimeType: 'image/png', buffer: barPng() },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') },
    ]);
    const cards = page.getByTestId('image-card');
    await expect.poll(() => cards.evaluateAll((all) => all.map((c) => c.getAttribute('data-state'))), { timeout: 15_000 }).toEqual(['done', 'failed']);
    expect(await cards.nth(0).getByTestId('prediction').getAttribute('data-top')).toBe('1');
    await expect.poll(() => cards.nth(0).textContent()).toContain('bar.png');
    expect(await cards.nth(1).getByTestId('image-problem').textContent()).toBe('not an image (text/plain)');
    expect(await cards.nth(0).getByTestId('image-runtime').textContent()).toContain('ONNX Runtime Web on WASM');

    // Ctrl+V of an image copied to the clipboard, anywhere on the tab (the hidden graph editor must not take the key).
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
    }, barPng().toString('base64'));
    await page.getByTestId('live-view').click({ position: { x: 900, y: 300 } });
    await page.keyboard.press('Control+v');
    await expect.poll(() => cards.count()).toBe(3);
    await expect.poll(() => cards.nth(2).getAttribute('data-state'), { timeout: 15_000 }).toBe('done');

    // A file dropped on the images section.
    const dropped = await page.evaluateHandle((base64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'dropped.png', { type: 'image/png' }));
      return data;
    }, barPng().toString('base64'));
    await page.getByTestId('images-section').dispatchEvent('drop', { dataTransfer: dropped });
    await expect.poll(() => cards.count()).toBe(4);
    await expect.poll(() => cards.nth(3).getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    await expect.poll(() => cards.nth(3).textContent()).toContain('dropped.png');
    await page.getByTestId('images-section').scrollIntoViewIfNeeded();
    await screenshot(page, 'live-image-cards');

    await cards.nth(1).getByTestId('image-remove').click();
    await expect.poll(() => cards.count()).toBe(3);

    // Another runtime: the cards are classified again there and keep their predictions.
    await page.getByTestId('live-runtime').selectOption('tfjs');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await expect.poll(() => cards.getByTestId('image-runtime').allTextContents(), { timeout: 30_000 })
      .toEqual(Array(3).fill(expect.stringContaining('TensorFlow.js')));
    expect(await cards.nth(0).getByTestId('prediction').getAttribute('data-top')).toBe('1');

    // The cards belong to the session, not to the tab: a look at the graph does not lose them.
    await page.getByTestId('show-model').click();
    await page.getByTestId('show-live').click();
    await expect.poll(() => cards.count()).toBe(3);
    expect(await cards.nth(0).getByTestId('prediction').getAttribute('data-top')).toBe('1');
    expect(app.errors).toEqual([]);
  });
});
