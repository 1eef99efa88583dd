import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot, settledAttribute, trainOnCanvas } from './harness';
import { canvasLook } from './canvas-look';
import { m } from '$lib/i18n/messages';
import { liveRuntimeName } from '$lib/live/shared/runtime-names';
import type { LiveRuntime } from '$lib/live/shared/protocol';

/** Trains the default model (Shapes, 28×28×1, 4 classes) briefly and opens the Use tab with it loaded. */
async function trainAndUse(page: Page): Promise<void> {
  expect(await trainOnCanvas(page, { backend: 'cpu', samples: 200, epochs: 1 })).toBe('completed');
  await page.getByTestId('show-live').click();
  await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
}

const predictionCount = async (page: Page) => Number(await page.getByTestId('webcam').getAttribute('data-predictions'));


/** Waits for the runtime to be loaded and shown, then for several predictions made after it. */
async function keepsPredictingOn(page: Page, runtime: LiveRuntime): Promise<void> {
  await page.getByTestId('live-runtime').selectOption(runtime);
  await expect.poll(() => page.getByTestId('webcam').getAttribute('data-runtime'), { timeout: 60_000 }).toBe(runtime);
  await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status')).toBe('ready');
  expect(await page.getByTestId('webcam-runtime').textContent()).toBe(liveRuntimeName(runtime));
  const before = await predictionCount(page);
  // One frame may have been in flight on the previous runtime; the rest are the new one's.
  await expect.poll(() => predictionCount(page), { timeout: 30_000 }).toBeGreaterThan(before + 5);
  await expect.poll(() => page.getByTestId('webcam-fps').getAttribute('data-fps'), { timeout: 10_000 }).toSatisfy((fps) => Number(fps) > 0);
}

describe('webcam recognition in the Use tab', () => {
  const openApp = appPerTest();

  it('classifies the (fake) camera live: the crop the model sees, top-k bars, FPS and latency; keeps predicting across runtime switches; leaving the tab releases the camera', async () => {
    const app = await openApp({ webgpu: false, camera: 'allow' });
    const { page } = app;
    await trainAndUse(page);
    await page.evaluate(() => {
      const devices = navigator.mediaDevices;
      const open = devices.getUserMedia.bind(devices);
      const streams: MediaStream[] = [];
      Object.assign(window, { cameraStreams: streams });
      devices.getUserMedia = async (constraints) => {
        const stream = await open(constraints);
        streams.push(stream);
        return stream;
      };
    });

    await page.getByTestId('webcam-start').click();
    await expect.poll(() => page.getByTestId('webcam').getAttribute('data-status'), { timeout: 10_000 }).toBe('live');
    await expect.poll(() => predictionCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const first = await predictionCount(page);
    await expect.poll(() => predictionCount(page), { timeout: 30_000 }).toBeGreaterThan(first + 5);

    // The model is grayscale: the crop is drawn in gray at the model's size, and the conversion is said.
    await expect.poll(() => canvasLook(page, 'webcam-crop'), { timeout: 10_000 }).toEqual({ lit: true, gray: true, width: 28, height: 28 });
    expect(await page.getByTestId('webcam-conversion').textContent()).toBe('camera RGB → grayscale 28×28');
    const bars = page.getByTestId('prediction');
    expect(await bars.locator('.bar').count()).toBe(3);
    expect(['circle', 'square', 'triangle', 'cross', 'undefined']).toContain(String(await bars.getAttribute('data-top')));
    await expect.poll(() => page.getByTestId('webcam-fps').getAttribute('data-fps'), { timeout: 10_000 }).toSatisfy((fps) => Number(fps) > 0);
    expect(await page.getByTestId('webcam-latency').textContent()).toMatch(/latency \d+ ms median · \d+ ms p95/);
    expect(await page.getByTestId('webcam-runtime').textContent()).toBe(liveRuntimeName('ort-wasm'));
    await screenshot(page, 'live-webcam');

    // Padding instead of cropping: the 4:3 frame leaves black rows above and below in the square crop.
    const topRowBlack = () => page.getByTestId('webcam-crop').evaluate((c) => (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 1).data.every((v, i) => i % 4 === 3 || v === 0));
    expect(await topRowBlack()).toBe(false);
    await page.getByTestId('webcam-fit').selectOption('pad');
    await expect.poll(topRowBlack, { timeout: 10_000 }).toBe(true);

    await keepsPredictingOn(page, 'tfjs');
    await screenshot(page, 'live-webcam-tfjs');
    await keepsPredictingOn(page, 'ort-wasm');

    // Paused: the count stops changing (it changes every frame otherwise); resumed: it goes on.
    await page.getByTestId('webcam-pause').click();
    const paused = Number(await settledAttribute(page, 'webcam', 'data-predictions', 1500));
    await page.getByTestId('webcam-pause').click();
    await expect.poll(() => predictionCount(page), { timeout: 30_000 }).toBeGreaterThan(paused + 3);

    const cameraTracks = () =>
      page.evaluate(() => (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.flatMap((s) => s.getTracks().map((t) => `${t.kind} ${t.readyState}`)));
    expect(await cameraTracks()).toEqual(['video live']);
    await page.getByTestId('show-model').click();
    await page.getByTestId('node-input').waitFor();
    expect(await cameraTracks()).toEqual(['video ended']);
    expect(app.errors).toEqual([]);
  });

  it('without a camera the webcam says so, and the rest of the Use tab keeps working', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await trainAndUse(page);
    await page.getByTestId('webcam-start').click();
    await expect.poll(() => page.getByTestId('webcam').getAttribute('data-status')).toBe('failed');
    expect(await page.getByTestId('webcam-error').textContent()).toBe(m.cameraMissing());
    await screenshot(page, 'live-webcam-no-camera');
    expect(await page.getByTestId('webcam-start').isEnabled()).toBe(true);

    await page.getByTestId('live-runtime').selectOption('tfjs');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    expect(await page.getByTestId('live-status').textContent()).toContain('TensorFlow.js');
    expect(app.errors).toEqual([]);
  });
});
