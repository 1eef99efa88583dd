import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, appPerTest, trainOnCanvas } from './harness';

/** The grey level (red channel) of every pixel of each canvas under `selector`, one array per canvas. */
function canvasPixels(page: Page, selector: string): Promise<number[][]> {
  return page.locator(selector).evaluateAll((canvases) =>
    canvases.map((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const rgba = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return Array.from({ length: rgba.length / 4 }, (_, i) => rgba[i * 4]);
    }),
  );
}

const varies = (pixels: number[]): boolean => new Set(pixels).size > 1;
const layerMaps = (page: Page, id: string, within = '[data-testid="inside"]') => canvasPixels(page, `${within} [data-testid="inside-layer"][data-layer="${id}"] canvas`);

/** Draws one stroke on the Use tab's pad with real mouse events, through `points` in pad pixels. */
async function stroke(page: Page, points: [number, number][]): Promise<void> {
  const box = (await page.getByTestId('draw-pad').boundingBox())!;
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first[0], box.y + first[1]);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 8 });
  await page.mouse.up();
}

describe('inside the network', () => {
  const openApp = appPerTest();

  it('shows a validation sample’s feature maps, the first layer’s filters and a Grad-CAM map; the next sample changes them', async () => {
    const { page } = await openApp({ webgpu: false });
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 120, epochs: 1 })).toBe('completed');
    await page.getByTestId('inside').locator('summary').click();
    await page.locator('[data-testid="inside"][data-status="done"]').waitFor({ timeout: 60_000 });

    // The default model: conv1 (8 filters, 28×28) then pool1 (14×14); each layer shows all its channels.
    expect(await page.locator('[data-testid="inside-layer"]').evaluateAll((ls) => ls.map((l) => [l.getAttribute('data-layer'), l.getAttribute('data-shown')]))).toEqual([
      ['conv1', '8'],
      ['pool1', '8'],
    ]);
    const conv1 = await layerMaps(page, 'conv1');
    const pool1 = await layerMaps(page, 'pool1');
    expect(conv1.map((p) => p.length)).toEqual(new Array(8).fill(28 * 28));
    expect(pool1.map((p) => p.length)).toEqual(new Array(8).fill(14 * 14));
    expect(conv1.some(varies)).toBe(true);
    expect(pool1.some(varies)).toBe(true);

    const filters = await canvasPixels(page, '[data-testid="inside-filter"]');
    expect(filters.map((p) => p.length)).toEqual(new Array(8).fill(3 * 3));
    expect(varies(filters.flat())).toBe(true);

    // Grad-CAM explains the predicted class by default, with a map that is not flat.
    const cam = page.getByTestId('grad-cam-figure');
    const predicted = await page.getByTestId('inside-predicted').getAttribute('data-predicted');
    expect(await cam.getAttribute('data-class')).toBe(predicted);
    expect(await cam.getAttribute('data-layer')).toBe('conv1');
    expect(Number(await cam.getAttribute('data-map-max'))).toBe(1);
    expect(Number(await cam.getAttribute('data-map-min'))).toBeLessThan(1);
    const [input] = await canvasPixels(page, '[data-testid="inside-input"]');
    const [overlay] = await canvasPixels(page, '[data-testid="grad-cam"]');
    expect(overlay).not.toEqual(input);
    // The training panel scrolls: each part is shot on its own, scrolled into view.
    await page.getByTestId('grad-cam-figure').screenshot({ path: `${ARTIFACTS}/inside-grad-cam.png` });
    await page.getByTestId('inside-filters').screenshot({ path: `${ARTIFACTS}/inside-filters.png` });
    await page.locator('[data-testid="inside-layer"][data-layer="conv1"]').screenshot({ path: `${ARTIFACTS}/inside-conv1.png` });
    await page.locator('[data-testid="inside-layer"][data-layer="pool1"]').screenshot({ path: `${ARTIFACTS}/inside-pool1.png` });

    // Another class for Grad-CAM; the maps stay those of the same sample.
    const other = (Number(predicted) + 1) % 4;
    await page.getByTestId('grad-cam-class').selectOption(String(other));
    await expect.poll(() => cam.getAttribute('data-class')).toBe(String(other));
    expect(await layerMaps(page, 'conv1')).toEqual(conv1);

    // The next sample: another input, other maps, and Grad-CAM back on the prediction.
    await page.getByTestId('inside-next').click();
    await page.locator('[data-testid="inside"][data-status="done"][data-position="1"]').waitFor({ timeout: 60_000 });
    const [nextInput] = await canvasPixels(page, '[data-testid="inside-input"]');
    expect(nextInput).not.toEqual(input);
    expect(await layerMaps(page, 'conv1')).not.toEqual(conv1);
    expect(await layerMaps(page, 'pool1')).not.toEqual(pool1);
    expect(await cam.getAttribute('data-class')).toBe(await page.getByTestId('inside-predicted').getAttribute('data-predicted'));
    expect(await page.getByTestId('inside-sample').textContent()).toMatch(/^Sample 2 of \d+$/);
  });

  it('looks inside the trained model for a drawing on the Use tab, and follows the drawing as it changes', async () => {
    const { page } = await openApp({ webgpu: false });
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 120, epochs: 1 })).toBe('completed');
    await page.getByTestId('show-live').click();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    const section = '[data-testid="inside-drawing"]';
    await page.locator(`${section} summary`).click();
    await stroke(page, [
      [140, 40],
      [140, 240],
    ]);
    await page.locator(`${section}[data-status="done"] [data-testid="inside-input"]`).waitFor({ timeout: 60_000 });
    // The model's input is the drawing as the pad framed it.
    const [seen] = await canvasPixels(page, `${section} [data-testid="inside-input"]`);
    await expect.poll(async () => (await canvasPixels(page, '[data-testid="draw-preview"]'))[0]).toEqual(seen);
    const conv1 = await layerMaps(page, 'conv1', section);
    expect(conv1).toHaveLength(8);
    expect(conv1.some(varies)).toBe(true);
    expect(await page.locator(`${section} [data-testid="grad-cam"]`).count()).toBe(1);

    await stroke(page, [
      [40, 140],
      [240, 140],
    ]);
    await expect.poll(async () => (await canvasPixels(page, `${section} [data-testid="inside-input"]`))[0], { timeout: 60_000 }).not.toEqual(seen);
    await page.locator(`${section}[data-status="done"]`).waitFor({ timeout: 60_000 });
    await expect.poll(() => layerMaps(page, 'conv1', section)).not.toEqual(conv1);
    await page.locator(section).screenshot({ path: `${ARTIFACTS}/inside-drawing.png` });
  });

  it('looks inside the trained model for a webcam frame kept with "Look inside"', async () => {
    const { page } = await openApp({ webgpu: false, camera: 'allow' });
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 120, epochs: 1 })).toBe('completed');
    await page.getByTestId('show-live').click();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await page.getByTestId('webcam-start').click();
    await expect.poll(() => page.getByTestId('webcam-inspect').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('webcam-inspect').click();
    const section = '[data-testid="inside-frame"]';
    await page.locator(`${section}[data-status="done"] [data-testid="inside-input"]`).waitFor({ timeout: 60_000 });
    // The kept frame is what the model saw: the fake camera's picture is not blank.
    const [seen] = await canvasPixels(page, `${section} [data-testid="inside-input"]`);
    expect(varies(seen)).toBe(true);
    const conv1 = await layerMaps(page, 'conv1', section);
    expect(conv1).toHaveLength(8);
    expect(conv1.some(varies)).toBe(true);
    expect(await page.locator(`${section} [data-testid="grad-cam"]`).count()).toBe(1);
    await page.locator(section).screenshot({ path: `${ARTIFACTS}/inside-webcam-frame.png` });
  });
});
