import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DIST, appPerTest, screenshot, trainOnCanvas } from './harness';
import { PRESETS } from '$lib/spec/presets';
import { SHAPE_CLASSES } from '$lib/datasets/shared/shapes';

const firstEpoch = async (page: Page) => {
  const row = page.locator('[data-testid="epoch-table"] tbody tr').first();
  return { train: Number(await row.getAttribute('data-train-loss')), val: Number(await row.getAttribute('data-val-loss')) };
};

/** tfjs's WebAssembly backend, served by the app itself, trains where no GPU helps. */
describe('training on the wasm backend', () => {
  const openApp = appPerTest();

  it('the picker offers wasm; a run on it trains with SIMD and threads from files of the app’s own origin', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    const option = page.locator('[data-testid="backend-choice"] option[value="wasm"]');
    expect(await option.textContent()).toBe('WebAssembly');
    await page.getByTestId('backend-choice').selectOption('wasm');
    expect(await page.getByTestId('backend-hint').textContent()).toContain('The CPU with SIMD');
    await screenshot(page, 'wasm-backend-picker');

    expect(await trainOnCanvas(page, { backend: 'wasm', samples: 100 })).toBe('completed');
    const status = page.getByTestId('backend-status');
    expect(await status.getAttribute('data-backend')).toBe('wasm');
    // The preview server isolates the page (COOP/COEP), so tfjs may start its threaded SIMD build.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await status.textContent()).toMatch(/Last run trained on wasm\s*\(SIMD, \d+ threads?\)/);
    const { train, val } = await firstEpoch(page);
    expect(Number.isFinite(train) && Number.isFinite(val)).toBe(true);
    await screenshot(page, 'wasm-trained');

    const wasmFiles = app.requests.filter((url) => /tfjs-backend-wasm.*\.wasm$/.test(url));
    expect(wasmFiles.length).toBeGreaterThanOrEqual(1);
    expect(app.requests.every((url) => url.startsWith(app.url) || url.startsWith('blob:') || url.startsWith('data:'))).toBe(true);
    expect(app.errors).toEqual([]);
  });

  it('the installed app precaches all three wasm builds, so wasm trains offline whichever the browser picks', () => {
    const serviceWorker = readFileSync(join(DIST, 'sw.js'), 'utf8');
    for (const build of ['tfjs-backend-wasm', 'tfjs-backend-wasm-simd', 'tfjs-backend-wasm-threaded-simd']) {
      expect(serviceWorker, build).toMatch(new RegExp(`"assets/${build}-[\\w-]{8}\\.wasm"`));
    }
  });

  // The kernels NetLoom adds for wasm (filter gradients) must give the run cpu gives.
  it('lenet5: wasm trains the same first epoch as cpu for the same seed', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.lenet5(SHAPE_CLASSES.length) });
    const { page } = app;
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 120 })).toBe('completed');
    const cpu = await firstEpoch(page);
    expect(await trainOnCanvas(page, { backend: 'wasm', samples: 120 })).toBe('completed');
    expect(await page.getByTestId('backend-status').getAttribute('data-backend')).toBe('wasm');
    const wasm = await firstEpoch(page);
    expect(Number.isFinite(cpu.val)).toBe(true);
    expect(Math.abs(wasm.train - cpu.train)).toBeLessThan(1e-3);
    expect(Math.abs(wasm.val - cpu.val)).toBeLessThan(1e-3);
    expect(app.errors).toEqual([]);
  });
});
