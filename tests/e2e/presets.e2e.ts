import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, stopServer, type App, expectOnnxParity } from './harness';
import { loadPreset } from './editor-page';
import { PRESET_IDS } from '$lib/spec/presets';

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

      await expectOnnxParity(page);
    });
  }

  // ONNX parity cannot catch a backend that trains wrongly (both sides share the weights), so the
  // same seeded run must give the same numbers on webgpu as on cpu. ResNet-tiny has 20 gradient
  // tensors: more than a WebGPU shader may bind at once.
  it('resnet: webgpu trains the same curve as cpu for the same seed', async () => {
    const { page } = app;
    await loadPreset(page, 'resnet');
    const run = async (backend: string) => {
      await page.getByTestId('backend-choice').selectOption(backend);
      await page.getByTestId('epochs').fill('1');
      await page.getByTestId('samples').fill('120');
      await page.getByTestId('train').click();
      await page.getByTestId('train-result').waitFor({ timeout: 240_000 });
      const row = page.locator('[data-testid="epoch-table"] tbody tr').first();
      return { train: Number(await row.getAttribute('data-train-loss')), val: Number(await row.getAttribute('data-val-loss')) };
    };
    const cpu = await run('cpu');
    const webgpu = await run('webgpu');
    expect(Number.isFinite(cpu.val)).toBe(true);
    expect(Math.abs(webgpu.train - cpu.train)).toBeLessThan(1e-3);
    expect(Math.abs(webgpu.val - cpu.val)).toBeLessThan(1e-3);
  });

  it('raised no console error', () => {
    expect(app.errors).toEqual([]);
  });
});
