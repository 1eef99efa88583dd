import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, stopServer, type App } from './harness';
import { loadPreset } from './editor-page';
import { PRESET_IDS } from '../../src/lib/spec/presets';

/** Every preset trains for one epoch on WebGPU and its ONNX export agrees with tfjs on both ORT-web providers. */
describe('presets on the WebGPU path', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ webgpu: true });
    await app.page.getByTestId('backend-choice').selectOption('webgpu');
  });
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  for (const id of PRESET_IDS) {
    it(`${id}: one epoch on webgpu, then ONNX in ORT-web wasm and webgpu within 1e-4`, async () => {
      const { page } = app;
      await loadPreset(page, id);
      await page.getByTestId('epochs').fill('1');
      await page.getByTestId('samples').fill('80');
      await page.getByTestId('train').click();
      await page.getByTestId('train-result').waitFor({ timeout: 240_000 });
      expect(await page.getByTestId('train-result').getAttribute('data-outcome')).toBe('completed');
      expect(await page.getByTestId('backend-status').getAttribute('data-backend')).toBe('webgpu');
      expect(await page.locator('[data-testid="epoch-table"] tbody tr').count()).toBe(1);

      await page.getByTestId('verify-onnx').click();
      const table = page.getByTestId('parity-table');
      await table.waitFor({ timeout: 120_000 });
      for (const provider of ['wasm', 'webgpu']) {
        const diff = await table.locator(`tr[data-provider="${provider}"]`).getAttribute('data-max-diff');
        expect(diff, `${provider} ran`).not.toBe('');
        expect(Number(diff), provider).toBeLessThanOrEqual(1e-4);
      }
    });
  }

  it('raised no console error', () => {
    expect(app.errors).toEqual([]);
  });
});
