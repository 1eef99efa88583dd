import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot } from './harness';
import { canvasLook } from './canvas-look';
import { m } from '$lib/i18n/messages';

const classCounts = (page: Page) => page.getByTestId('class-count').allTextContents();
const captureCounts = (page: Page) => page.getByTestId('capture-class').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));

async function makeDataset(page: Page, classes: string, channels: '1' | '3'): Promise<void> {
  await page.getByTestId('show-data').click();
  await page.getByTestId('new-dataset-name').fill('Hands');
  await page.getByTestId('new-dataset-classes').fill(classes);
  await page.getByTestId('new-dataset-size').selectOption('32');
  await page.getByTestId('new-dataset-channels').selectOption(channels);
  await page.getByTestId('create-dataset').click();
  await expect.poll(() => page.getByTestId('dataset-name').inputValue()).toBe('Hands');
}

/** Every frame taken has been stored (or refused), and nothing is recording. */
async function captureSettled(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('capture-hold').evaluateAll((bs) => bs.some((b) => b.getAttribute('aria-pressed') === 'true'))).toBe(false);
  await expect.poll(() => page.getByTestId('camera').getAttribute('data-writing')).toBe('0');
}


describe('webcam capture', () => {
  const openApp = appPerTest();

  it('captures from the (fake) camera into two classes: a single shot, a held button and a held Space key; the counts grow while recording and survive a reload', async () => {
    const app = await openApp({ webgpu: false, camera: 'allow' });
    const { page } = app;
    await makeDataset(page, 'open hand, fist', '1');
    // Keep the streams the page gets, to see that leaving the view releases the camera.
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
    await page.getByTestId('start-camera').click();
    await expect.poll(() => page.getByTestId('camera').getAttribute('data-status')).toBe('live');
    // The preview shows the stored crop: the dataset's size, in grayscale, with the camera's picture in it.
    await expect.poll(() => canvasLook(page, 'camera-preview')).toEqual({ lit: true, gray: true, width: 32, height: 32 });
    await page.getByTestId('capture-rate').selectOption('10');

    await page.getByTestId('capture-shot').first().click();
    await expect.poll(() => classCounts(page)).toEqual(['1', '0']);

    const hold = page.getByTestId('capture-hold').nth(1);
    await hold.hover();
    await page.mouse.down();
    await expect.poll(() => hold.getAttribute('aria-pressed')).toBe('true');
    // Stored in batches while still held: the count grows before the button is let go.
    await expect.poll(() => captureCounts(page), { timeout: 20_000 }).toEqual([1, expect.toSatisfy((n: number) => n >= 6)]);
    await screenshot(page, 'camera-capture-recording');
    await page.mouse.up();
    await captureSettled(page);
    const [, held] = await captureCounts(page);

    // The keyboard records the same way: Space held on the focused button.
    await page.getByTestId('capture-hold').first().focus();
    await page.keyboard.down(' ');
    await expect.poll(() => captureCounts(page), { timeout: 20_000 }).toEqual([expect.toSatisfy((n: number) => n >= 4), held]);
    await page.keyboard.up(' ');
    await captureSettled(page);
    const counts = await captureCounts(page);
    expect(await classCounts(page)).toEqual(counts.map(String));
    await screenshot(page, 'camera-capture-live');

    const cameraTracks = () =>
      page.evaluate(() => (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.flatMap((s) => s.getTracks().map((t) => `${t.kind} ${t.readyState}`)));
    expect(await cameraTracks()).toEqual(['video live']);
    await page.getByTestId('show-model').click();
    await page.getByTestId('node-input').waitFor();
    expect(await cameraTracks()).toEqual(['video ended']);
    await page.getByTestId('show-data').click();

    await page.reload();
    await page.getByTestId('data-view').waitFor();
    await expect.poll(() => classCounts(page)).toEqual(counts.map(String));
    expect(await page.getByTestId('camera').getAttribute('data-status')).toBe('off');
    expect(app.errors).toEqual([]);
  });

  it('a denied camera says how to allow it, and the rest of the data view keeps working', async () => {
    const app = await openApp({ webgpu: false, camera: 'deny' });
    const { page } = app;
    await makeDataset(page, 'a, b', '3');
    await page.getByTestId('start-camera').click();
    await expect.poll(() => page.getByTestId('camera-error').textContent()).toBe(m.cameraDenied());
    expect(await page.getByTestId('camera').getAttribute('data-status')).toBe('failed');
    expect(await page.getByTestId('capture-hold').count()).toBe(0);
    expect(await page.getByTestId('start-camera').isEnabled()).toBe(true);
    await screenshot(page, 'camera-capture-denied');

    await page.getByTestId('new-class-name').fill('c');
    await page.getByTestId('add-class').click();
    await expect.poll(() => page.getByTestId('class-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['a', 'b', 'c']);
    await page.getByTestId('show-model').click();
    await page.getByTestId('node-input').waitFor();
    await page.getByTestId('show-data').click();
    await expect.poll(() => classCounts(page)).toEqual(['0', '0', '0']);
    expect(app.errors).toEqual([]);
  });
});
