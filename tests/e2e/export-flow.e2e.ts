import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import pkg from 'onnx-proto';
import type { Page } from 'playwright-core';
import { appPerTest, trainOnCanvas } from './harness';
import { graphOf } from './editor-page';
import { PRESETS } from '$lib/spec/presets';
import { shareHash } from '$lib/share/url';

const { onnx } = pkg;
const ARTIFACTS = 'test-results';
const CLASSES = 4;

const wrapper = (page: Page, id: string) => page.locator(`.svelte-flow__node[data-id="${id}"]`);
const idsOf = async (page: Page) => (await graphOf(page)).map(([id]) => id);

/** One quick epoch on the CPU backend: the point here is what happens after training, not the backend. */
async function trainOneEpoch(page: Page): Promise<void> {
  expect(await trainOnCanvas(page, { backend: 'cpu', samples: 200 })).toBe('completed');
}

/** Dense kernels in a downloaded ONNX file, as `layer → [inputs, units]`. */
async function denseKernels(page: Page): Promise<Record<string, number[]>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-onnx').click()]);
  const file = await download.path();
  const model = onnx.ModelProto.decode(readFileSync(file));
  const kernels = model.graph!.initializer!.filter((t) => t.name!.endsWith('/kernel') && t.dims!.length === 2);
  return Object.fromEntries(kernels.map((t) => [t.name!.split('/')[0], t.dims!.map(Number)]));
}

async function dragBy(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = (await wrapper(page, id).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy, { steps: 5 });
  await page.mouse.up();
}

describe('export after the graph changed; share links over the user graph; leaving mid-run', () => {
  const openApp = appPerTest();

  it('after training LeNet-5 and changing fc1 to 100 units, Export says so and writes the trained 120-unit graph', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.lenet5(CLASSES) });
    const { page } = app;
    await trainOneEpoch(page);
    const exportButton = page.getByTestId('export-onnx');
    expect(await exportButton.textContent()).toBe('Export ONNX');

    // Moving a layer changes no weight: the export stays as it is.
    await dragBy(page, 'fc2', 80, 0);
    await wrapper(page, 'fc1').click();
    expect(await page.getByTestId('export-stale').count()).toBe(0);

    await page.getByTestId('param-units').fill('100');
    const notice = page.getByTestId('export-stale');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('The graph changed since training (fc1)');
    expect(await exportButton.textContent()).toBe('Export trained graph (LeNet-5 as trained)');
    expect(await page.getByTestId('verify-onnx').textContent()).toContain('LeNet-5 as trained');
    await page.getByTestId('export-stale').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/export-stale-notice.png` });

    const kernels = await denseKernels(page);
    expect(kernels.fc1).toEqual([400, 120]);
    expect(kernels.fc2).toEqual([120, 84]);

    // The ONNX Runtime check runs that same trained file and agrees with the worker's outputs.
    await page.getByTestId('verify-onnx').click();
    const wasm = page.locator('[data-testid="parity-table"] tr[data-provider="wasm"]');
    await wasm.waitFor({ timeout: 120_000 });
    expect(Number(await wasm.getAttribute('data-max-diff'))).toBeLessThanOrEqual(1e-4);
    expect(app.errors).toEqual([]);
  });

  it('a share link opened over an autosaved graph asks first: "Keep mine" keeps it, "Open" opens it one undo away', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.mlp(CLASSES) });
    const { page } = app;
    const mine = await idsOf(page);
    const link = new URL(`/${shareHash(PRESETS.lenet5(CLASSES))}`, app.url).href;
    const openLink = async () => {
      await page.goto('about:blank');
      await page.goto(link);
      await page.getByTestId('node-input').waitFor();
    };

    await openLink();
    const dialog = page.getByTestId('shared-graph-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Open the shared graph “LeNet-5”?');
    expect(await dialog.textContent()).toContain('Your current graph “MLP”');
    expect(await idsOf(page)).toEqual(mine);
    await page.screenshot({ path: `${ARTIFACTS}/share-link-dialog.png` });

    await page.getByTestId('shared-graph-keep').click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await idsOf(page)).toEqual(mine);
    expect(new URL(page.url()).hash).toBe('');
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    expect(await idsOf(page)).toEqual(mine);
    expect(await dialog.count()).toBe(0);

    await openLink();
    await page.getByTestId('shared-graph-open').click();
    await expect.poll(() => idsOf(page)).toEqual(PRESETS.lenet5(CLASSES).nodes.map((n) => n.id));
    await page.getByTestId('undo').click();
    await expect.poll(() => idsOf(page)).toEqual(mine);
    expect(app.errors).toEqual([]);
  });

  it('asks before the page is left while a run is in progress, and only then', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.type());
      void dialog.accept();
    });
    // Chromium asks only on pages the user has interacted with.
    await page.getByTestId('epochs').fill('50');
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    expect(prompts).toEqual([]);

    await page.getByTestId('backend-choice').selectOption('cpu');
    await page.getByTestId('epochs').fill('50');
    await page.getByTestId('samples').fill('200');
    await page.getByTestId('train').click();
    await expect.poll(() => page.getByTestId('progress').getAttribute('data-batch'), { timeout: 120_000 }).not.toBe('0');
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    expect(prompts).toEqual(['beforeunload']);
  });
});
