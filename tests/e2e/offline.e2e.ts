import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from 'onnx-proto';
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { describe, expect, it } from 'vitest';
import { DIST, appPerTest, screenshot, trainOnCanvas } from './harness';
import { controlledByServiceWorker } from './service-worker';
import { dropLayer, graphOf } from './editor-page';
import { PRESETS } from '$lib/spec/presets';

const { onnx } = pkg;

/** What the service worker precached: every URL with its size, read from Cache Storage in the page. */
async function precached(page: Page): Promise<{ url: string; bytes: number }[]> {
  return page.evaluate(async () => {
    const entries: { url: string; bytes: number }[] = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        entries.push({ url: new URL(request.url).pathname, bytes: (await response!.arrayBuffer()).byteLength });
      }
    }
    return entries;
  });
}

describe('offline: the installed app works with the network cut', () => {
  const openApp = appPerTest();

  it('after one visit, with the network off and a reload: edit, train LeNet-5 on MNIST, export ONNX and run it in ORT-web, load it on the Use tab; nothing fetched from elsewhere', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.lenet5(10), serviceWorker: true });
    const { page, context } = app;
    const origin = new URL(app.url).origin;
    await controlledByServiceWorker(page);

    const cached = await precached(page);
    const paths = cached.map((e) => e.url);
    const megabytes = cached.reduce((n, e) => n + e.bytes, 0) / 1e6;
    console.info(`offline: ${cached.length} files precached, ${megabytes.toFixed(1)} MB`);
    for (const needed of [/^\/index\.html$/, /^\/assets\/trainer\.worker-.+\.js$/, /^\/assets\/live\.worker-.+\.js$/, /^\/assets\/image-decoder\.worker-.+\.js$/, /\.wasm$/, /^\/datasets\/mnist-[0-9a-f]{10}\.bin$/, /^\/icons\/icon-512\.png$/]) {
      expect(paths.some((p) => needed.test(p)), String(needed)).toBe(true);
    }
    expect(paths.filter((p) => p.includes('bench'))).toEqual([]);
    // What Chromium checks before it offers to install: a valid manifest with icons, a service worker controlling the page.
    const cdp = await context.newCDPSession(page);
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
    expect((await cdp.send('Page.getAppManifest')).errors).toEqual([]);
    await cdp.detach();
    const isolatedOnline = await page.evaluate(() => crossOriginIsolated);

    await context.setOffline(true);
    const failed: string[] = [];
    context.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    // The cached page keeps the headers it was served with, so cross-origin isolation is as it was online.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolatedOnline);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    // The editor: a layer dropped from the palette appears, and undo takes it away.
    const layers = (await graphOf(page)).length;
    await dropLayer(page, 'Dense', 900, 80);
    await expect.poll(async () => (await graphOf(page)).length).toBe(layers + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await graphOf(page)).length).toBe(layers);

    // Training from the precached MNIST asset, in the precached trainer worker.
    await page.getByTestId('dataset-choice').selectOption('mnist');
    await expect.poll(() => page.getByTestId('dataset-label').textContent()).toContain('MNIST digits');
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 300, learningRate: 0.003 })).toBe('completed');

    // Export writes a real ONNX file; ORT-web (its .wasm from the cache) runs it and agrees with tfjs.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-onnx').click()]);
    const model = onnx.ModelProto.decode(readFileSync((await download.path())!));
    expect(model.graph!.node!.length).toBeGreaterThan(0);
    await page.getByTestId('verify-onnx').click();
    const wasm = page.locator('[data-testid="parity-table"] tr[data-provider="wasm"]');
    await wasm.waitFor({ timeout: 120_000 });
    expect(Number(await wasm.getAttribute('data-max-diff'))).toBeLessThanOrEqual(1e-4);
    await screenshot(page, 'offline-trained-and-checked');

    // The Use tab's live worker loads the trained model on ONNX Runtime's WASM backend.
    await page.getByTestId('show-live').click();
    expect(await page.getByTestId('live-runtime').inputValue()).toBe('ort-wasm');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await screenshot(page, 'offline-use-tab');

    expect(failed).toEqual([]);
    expect(app.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('a new version is offered, never forced: Reload is disabled with the reason while a run is busy, and updates once it has ended', async () => {
    // A copy of the build that the test can change, as a deployment would, on its own server.
    const dir = mkdtempSync(join(tmpdir(), 'netloom-update-'));
    cpSync(DIST, dir, { recursive: true });
    const server = await preview({ build: { outDir: dir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
    try {
      const app = await openApp({ webgpu: false, origin: server.resolvedUrls!.local[0], serviceWorker: true });
      const { page } = app;
      await controlledByServiceWorker(page);
      // Survives only as long as the page is not reloaded.
      await page.evaluate(() => Object.assign(window, { beforeUpdate: true }));

      appendFileSync(join(dir, 'sw.js'), '\n// the next version\n');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      const notice = page.getByTestId('update-notice');
      await notice.waitFor({ timeout: 60_000 });
      expect(await notice.textContent()).toContain('A new version of NetLoom is ready — Reload to update');
      const reload = page.getByTestId('update-reload');
      expect(await reload.isEnabled()).toBe(true);

      // A paused run is still a run: a reload would end it.
      await page.getByTestId('backend-choice').selectOption('cpu');
      await page.getByTestId('epochs').fill('20');
      await page.getByTestId('train').click();
      await expect.poll(() => page.getByTestId('pause').isEnabled(), { timeout: 60_000 }).toBe(true);
      await page.getByTestId('pause').click();
      await expect.poll(() => reload.isDisabled()).toBe(true);
      expect(await page.getByTestId('update-blocked').textContent()).toBe('Reloading now would stop the training run: reload when it has finished.');
      await screenshot(page, 'update-notice-blocked-by-training');

      await page.getByTestId('stop').click();
      await expect.poll(() => reload.isEnabled(), { timeout: 60_000 }).toBe(true);
      expect(await page.getByTestId('update-blocked').count()).toBe(0);
      expect(await page.evaluate(() => 'beforeUpdate' in window), 'the page did not reload by itself').toBe(true);

      await reload.click();
      await expect.poll(() => page.evaluate(() => 'beforeUpdate' in window).catch(() => true), { timeout: 60_000 }).toBe(false);
      await page.getByTestId('node-input').waitFor();
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();
      expect(await page.getByTestId('update-notice').count()).toBe(0);
      expect(app.errors).toEqual([]);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
