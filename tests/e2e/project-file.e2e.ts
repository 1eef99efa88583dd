import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { appPerTest, screenshot, trainOnCanvas } from './harness';
import { graphOf } from './editor-page';
import { seedDataset } from './seed-dataset';
import { readProject } from '$lib/project/shared/project-file';
import { PRESETS } from '$lib/spec/presets';
import type { ModelWeights } from '$lib/spec/types';

const CLASSES = 4;

/** sha-256 of every weight array (node, name, shape and float32 bytes), in a fixed order. */
function weightsHash(weights: ModelWeights): string {
  const h = createHash('sha256');
  for (const [node, ws] of Object.entries(weights).sort(([a], [b]) => a.localeCompare(b)))
    for (const w of [...ws].sort((a, b) => a.name.localeCompare(b.name))) h.update(`${node}/${w.name}[${w.shape}]`).update(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));
  return h.digest('hex');
}

/** Saves the project the way a user does (the button, or Ctrl+S) and returns the downloaded file. */
async function saveProject(page: Page, how: 'button' | 'keys'): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent('download'), how === 'button' ? page.getByTestId('save-project').click() : page.keyboard.press('Control+s')]);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(await download.path())) };
}

async function openProject(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByTestId('project-file-input').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
}

/** Drops a file on the canvas, as a user drags one from the desktop onto the window. */
async function dropOnWindow(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.locator('.svelte-flow').evaluate(
    (target, { name, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name));
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { name, data: [...bytes] },
  );
}

const epochRows = (page: Page) =>
  page.locator('[data-testid="epoch-table"] tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-train-loss'), r.getAttribute('data-val-loss'), r.getAttribute('data-val-acc')]));

const settingsShown = async (page: Page) => ({
  epochs: await page.getByTestId('epochs').inputValue(),
  samples: await page.getByTestId('samples').inputValue(),
  learningRate: await page.getByTestId('learning-rate').inputValue(),
  backend: await page.getByTestId('backend-choice').inputValue(),
});

function weightsOf(bytes: Uint8Array): ModelWeights {
  const read = readProject(bytes);
  if (!read.ok) throw new Error(read.errors.join('\n'));
  expect(read.value.weights).not.toBeNull();
  return read.value.weights!;
}

/** The file with its manifest edited. */
function withManifest(bytes: Uint8Array, edit: (m: Record<string, unknown>) => Record<string, unknown>): Uint8Array {
  const files = unzipSync(bytes);
  files['manifest.json'] = strToU8(JSON.stringify(edit(JSON.parse(new TextDecoder().decode(files['manifest.json'])))));
  return zipSync(files);
}

describe('.netloom project files', () => {
  const openApp = appPerTest();

  it('saves a trained project and opens it in a fresh browser: graph, settings, curves and a model that exports without training', async () => {
    const first = await openApp({ webgpu: false, spec: PRESETS.lenet5(CLASSES) });
    expect(await trainOnCanvas(first.page, { backend: 'cpu', samples: 200, epochs: 2, learningRate: 0.005 })).toBe('completed');
    const graph = await graphOf(first.page);
    const rows = await epochRows(first.page);
    const settings = await settingsShown(first.page);
    expect(rows).toHaveLength(2);
    const saved = await saveProject(first.page, 'button');
    expect(saved.name).toBe('LeNet-5.netloom');
    expect(first.errors).toEqual([]);
    await first.close();

    const second = await openApp({ webgpu: false });
    const { page } = second;
    await openProject(page, saved.name, saved.bytes);
    await page.getByTestId('project-notice').waitFor();
    expect(await page.getByTestId('project-notice').textContent()).toContain('Opened the project “LeNet-5”');
    await expect.poll(() => graphOf(page)).toEqual(graph);
    expect(await settingsShown(page)).toEqual(settings);
    expect(await epochRows(page)).toEqual(rows);
    await screenshot(page, 'project-opened');

    // The model came with the file: ONNX Runtime runs it and agrees with tfjs, with no training here.
    expect(await page.getByTestId('train-result').getAttribute('data-outcome')).toBe('completed');
    await page.getByTestId('verify-onnx').click();
    const wasm = page.locator('[data-testid="parity-table"] tr[data-provider="wasm"]');
    await wasm.waitFor({ timeout: 120_000 });
    expect(Number(await wasm.getAttribute('data-max-diff'))).toBeLessThanOrEqual(1e-4);

    // The Use tab takes the same model, with its classes.
    await page.getByTestId('show-live').click();
    await expect.poll(() => page.getByTestId('live-model').textContent()).toBe('Model: the trained graph “LeNet-5” · 4 classes');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await page.getByTestId('show-model').click();

    // Saving again writes the very weights that were opened, bit for bit.
    await page.locator('.svelte-flow__pane').click();
    const again = await saveProject(page, 'keys');
    expect(weightsHash(weightsOf(again.bytes))).toBe(weightsHash(weightsOf(saved.bytes)));
    expect(second.errors).toEqual([]);
  });

  it('asks before replacing a trained project, and refuses a corrupt or newer file with its message, changing nothing', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.mlp(CLASSES) });
    const { page } = app;
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 200, epochs: 1 })).toBe('completed');
    const saved = await saveProject(page, 'button');
    const graph = await graphOf(page);
    const rows = await epochRows(page);
    const settings = await settingsShown(page);
    await page.getByTestId('epochs').fill('3');
    const unchanged = async () => {
      expect(await graphOf(page)).toEqual(graph);
      expect(await epochRows(page)).toEqual(rows);
      expect(await page.getByTestId('epochs').inputValue()).toBe('3');
      expect(await page.getByTestId('verify-onnx').isEnabled()).toBe(true);
    };

    const broken = saved.bytes.slice(0, saved.bytes.length >> 1);
    await openProject(page, 'broken.netloom', broken);
    const error = page.getByTestId('project-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('“broken.netloom” was not opened; nothing was changed.');
    expect(await error.textContent()).toContain('not a zip archive');
    await unchanged();
    await screenshot(page, 'project-corrupt');

    const newer = withManifest(saved.bytes, (m) => ({ ...m, version: 2 }));
    await dropOnWindow(page, 'newer.netloom', newer);
    await expect.poll(() => error.textContent()).toContain('“newer.netloom” was not opened');
    expect(await error.textContent()).toContain('made by a newer NetLoom');
    await unchanged();
    await screenshot(page, 'project-newer');

    // A good file over the user's work waits for an answer that names what it replaces.
    await openProject(page, saved.name, saved.bytes);
    const dialog = page.getByTestId('project-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('your graph “MLP”');
    expect(await dialog.textContent()).toContain('the trained model of “MLP” and its curves');
    await screenshot(page, 'project-ask');
    await page.getByTestId('project-keep').click();
    await expect.poll(() => dialog.count()).toBe(0);
    await unchanged();

    await openProject(page, saved.name, saved.bytes);
    await page.getByTestId('project-open').click();
    await expect.poll(() => page.getByTestId('epochs').inputValue()).toBe(settings.epochs);
    expect(await graphOf(page)).toEqual(graph);
    expect(app.errors).toEqual([]);
  });

  it('carries the user dataset it trained on when asked: the fresh browser gets it as a new dataset, and the settings and checks use it', async () => {
    const first = await openApp({ webgpu: false });
    await seedDataset(first.page, { id: 'bands', name: 'Bands', size: 28, channels: 1, classes: ['top', 'middle', 'bottom'], perClass: 10 });
    await first.page.reload();
    await first.page.getByTestId('show-data').click();
    await first.page.getByTestId('train-on-dataset').click();
    await first.page.getByTestId('dataset-in-use').waitFor();
    await first.page.getByTestId('show-model').click();
    await first.page.getByTestId('fix-dense').click();
    expect(await trainOnCanvas(first.page, { backend: 'cpu', epochs: 1 })).toBe('completed');
    await first.page.getByTestId('project-include-dataset').check();
    const saved = await saveProject(first.page, 'button');
    expect(Object.keys(unzipSync(saved.bytes)).filter((p) => p.startsWith('dataset/') && p.endsWith('.png'))).toHaveLength(30);
    await first.close();

    const second = await openApp({ webgpu: false });
    const { page } = second;
    await openProject(page, saved.name, saved.bytes);
    await page.getByTestId('project-notice').waitFor();
    await expect.poll(() => page.getByTestId('dataset-label').textContent()).toContain('Dataset: Bands (top, middle, bottom) · 28×28×1');
    await page.getByTestId('verify-onnx').click();
    const wasm = page.locator('[data-testid="parity-table"] tr[data-provider="wasm"]');
    await wasm.waitFor({ timeout: 120_000 });
    expect(Number(await wasm.getAttribute('data-max-diff'))).toBeLessThanOrEqual(1e-4);
    await screenshot(page, 'project-with-dataset');
    expect(second.errors).toEqual([]);
  });
});
