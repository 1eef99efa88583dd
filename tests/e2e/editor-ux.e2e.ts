import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PresetId } from '$lib/spec/presets';
import { appPerTest, screenshot, trainOnCanvas } from './harness';
import { graphOf, loadPreset, node, viewSettled } from './editor-page';

const DEFAULT_IDS = ['input', 'conv1', 'pool1', 'flatten', 'dense'];

const wrapper = (page: Page, id: string) => page.locator(`.svelte-flow__node[data-id="${id}"]`);
const edge = (page: Page, source: string, target: string) => page.locator(`.svelte-flow__edge[data-id="${source}->${target}"]`);
const inputsOf = (page: Page) => page.locator('[data-testid^="disconnect-"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')!.slice(11)));

async function select(page: Page, id: string): Promise<void> {
  await wrapper(page, id).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => wrapper(page, id).getAttribute('class')).toContain('selected');
}

/** The size a person sees a node's layer name at: its CSS font size times the canvas zoom. */
async function labelPixels(page: Page, id: string): Promise<number> {
  return node(page, id)
    .locator('.kind')
    .evaluate((el) => {
      const html = el as HTMLElement;
      return (parseFloat(getComputedStyle(html).fontSize) * html.getBoundingClientRect().height) / html.offsetHeight;
    });
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('editor usability: keyboard, presets, layout, banners', () => {
  const openApp = appPerTest();

  it('the "Connect an input" select wires nothing while arrowing through it; Enter or Connect does', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await select(page, 'dense');
    expect(await inputsOf(page)).toEqual(['flatten']);
    const choice = page.getByTestId('add-input');
    await choice.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => choice.inputValue()).toBe('pool1');
    expect(await inputsOf(page)).toEqual(['flatten']);
    expect(await edge(page, 'input', 'dense').count()).toBe(0);

    await page.keyboard.press('Enter');
    await expect.poll(() => inputsOf(page)).toEqual(['flatten', 'pool1']);
    await page.getByTestId('add-input').selectOption('conv1');
    expect(await inputsOf(page)).toEqual(['flatten', 'pool1']);
    await page.getByTestId('connect-input').click();
    await expect.poll(() => inputsOf(page)).toEqual(['flatten', 'pool1', 'conv1']);
    expect(app.errors).toEqual([]);
  });

  it('a layer added from the palette with Enter goes after the selected layer, wired in, on free space', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await select(page, 'conv1');
    await page.getByTestId('palette-Dropout').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => node(page, 'dropout_1').count()).toBe(1);
    // Inserted into the chain: conv1 → dropout_1 → pool1, and the old conv1 → pool1 edge is gone.
    await expect.poll(() => edge(page, 'conv1', 'dropout_1').count()).toBe(1);
    expect(await edge(page, 'dropout_1', 'pool1').count()).toBe(1);
    expect(await edge(page, 'conv1', 'pool1').count()).toBe(0);
    expect(await node(page, 'pool1').getAttribute('data-shape')).toBe('14×14×8');
    expect(await page.getByTestId('graph-issues').count()).toBe(0);

    const added = (await node(page, 'dropout_1').boundingBox())!;
    for (const id of DEFAULT_IDS) {
      expect(overlaps(added, (await node(page, id).boundingBox())!), `dropout_1 overlaps ${id}`).toBe(false);
    }
    // The view follows the new layer, wherever the free space was.
    await viewSettled(page);
    const canvas = (await page.locator('.svelte-flow').boundingBox())!;
    const shown = (await node(page, 'dropout_1').boundingBox())!;
    expect(shown.y >= canvas.y && shown.y + shown.height <= canvas.y + canvas.height && shown.x >= canvas.x && shown.x + shown.width <= canvas.x + canvas.width).toBe(true);
    expect(app.errors).toEqual([]);
  });

  it('Delete keeps the focus in the canvas, and Ctrl+A there selects every node, not the page text', async () => {
    const { page } = await openApp({ webgpu: false });
    const focusInCanvas = () => page.evaluate(() => !!document.activeElement?.closest('.svelte-flow'));
    await select(page, 'flatten');
    await page.keyboard.press('Delete');
    await expect.poll(() => node(page, 'flatten').count()).toBe(0);
    expect(await focusInCanvas()).toBe(true);

    await page.keyboard.press('Control+a');
    await expect.poll(() => page.locator('.svelte-flow__node.selected').count()).toBe(DEFAULT_IDS.length - 1);
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');

    // From the empty canvas too, after a click on the background.
    await page.locator('.svelte-flow__pane').click({ position: { x: 10, y: 10 } });
    await expect.poll(() => page.locator('.svelte-flow__node.selected').count()).toBe(0);
    await page.keyboard.press('Control+a');
    await expect.poll(() => page.locator('.svelte-flow__node.selected').count()).toBe(DEFAULT_IDS.length - 1);
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
  });

  it('the Tiny CNN preset brings the starting model back', async () => {
    const { page } = await openApp({ webgpu: false });
    const start = await graphOf(page);
    await loadPreset(page, 'lenet5');
    await loadPreset(page, 'tiny');
    await expect.poll(() => graphOf(page)).toEqual(start);
  });

  it('marks the output Dense when its units do not match the classes, and one click fixes it', async () => {
    const { page } = await openApp({ webgpu: false });
    await select(page, 'dense');
    await page.getByTestId('param-units').fill('32');
    await expect.poll(() => page.getByTestId('node-error-dense').textContent()).toContain('4 classes');
    await page.getByTestId('fix-dense').click();
    await expect.poll(() => node(page, 'dense').getAttribute('data-shape')).toBe('4');
    expect(await page.getByTestId('node-error-dense').count()).toBe(0);
    expect(await page.getByTestId('graph-issues').count()).toBe(0);
    expect(await page.getByTestId('param-units').inputValue()).toBe('4');
  });

  it('at 1280×720 the default model is fully in view at a readable size, epoch rows in view, the minimap off until asked for', async () => {
    const { page } = await openApp({ webgpu: false });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    const canvas = (await page.locator('.svelte-flow').boundingBox())!;
    await expect
      .poll(async () => {
        const boxes = await Promise.all(DEFAULT_IDS.map((id) => node(page, id).boundingBox()));
        return boxes.every((b) => b && b.x >= canvas.x && b.y >= canvas.y && b.x + b.width <= canvas.x + canvas.width && b.y + b.height <= canvas.y + canvas.height);
      })
      .toBe(true);
    for (const id of DEFAULT_IDS) expect(await labelPixels(page, id), id).toBeGreaterThanOrEqual(11);
    expect(await page.locator('.svelte-flow__minimap').count()).toBe(0);

    // After a run the epoch table shows its rows without scrolling the panel.
    await trainOnCanvas(page, { backend: 'cpu', samples: 100, epochs: 2 });
    const panel = (await page.getByTestId('charts').locator('xpath=..').boundingBox())!;
    const lastRow = (await page.locator('[data-testid="epoch-table"] tbody tr').last().boundingBox())!;
    expect(lastRow.y + lastRow.height, 'last epoch row inside the charts panel').toBeLessThanOrEqual(panel.y + panel.height);

    await page.getByTestId('toggle-minimap').click();
    await expect.poll(() => page.locator('.svelte-flow__minimap').count()).toBe(1);
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    expect(await page.locator('.svelte-flow__minimap').count()).toBe(1);
    expect(await page.getByTestId('toggle-minimap').getAttribute('aria-pressed')).toBe('true');
  });

  it('the Presets menu stays clickable while the share-link banner shows', async () => {
    const { page } = await openApp({ webgpu: false });
    await page.getByTestId('share').click();
    await page.getByTestId('share-popup').waitFor();
    // MLP is the menu's first entry, the one right under the banner; a covered button fails the click fast.
    await page.getByTestId('presets').click();
    await page.getByTestId('preset-mlp').click({ timeout: 5_000 });
    await expect.poll(() => node(page, 'hidden').count()).toBe(1);
  });

  it("draws ResNet-tiny's identity shortcut clear of the chain, through no layer", async () => {
    const { page } = await openApp({ webgpu: false });
    await loadPreset(page, 'resnet');
    const verdict = await page.evaluate(() => {
      const pathOf = (s: string, t: string) => document.querySelector<SVGPathElement>(`.svelte-flow__edge[data-id="${s}->${t}"] path.svelte-flow__edge-path`)!;
      const sample = (p: SVGPathElement) => {
        const m = p.getScreenCTM()!;
        const length = p.getTotalLength();
        return Array.from({ length: 41 }, (_, i) => new DOMPoint(p.getPointAtLength((length * i) / 40).x, p.getPointAtLength((length * i) / 40).y).matrixTransform(m));
      };
      const skip = sample(pathOf('pool', 'block1_add')).slice(4, -4);
      const chainIds = ['pool', 'block1_conv1', 'block1_conv1_bn', 'block1_conv1_relu', 'block1_conv2', 'block1_bn2', 'block1_add'];
      const chain = chainIds.slice(1).flatMap((id, i) => sample(pathOf(chainIds[i], id)));
      const cards = chainIds.slice(1, -1).map((id) => document.querySelector(`[data-testid="node-${id}"]`)!.getBoundingClientRect());
      const inside = skip.filter((p) => cards.some((r) => p.x > r.left && p.x < r.right && p.y > r.top && p.y < r.bottom)).length;
      const onChain = skip.filter((p) => chain.some((q) => Math.hypot(p.x - q.x, p.y - q.y) < 4)).length;
      return { inside, onChain, samples: skip.length };
    });
    expect(verdict.inside, 'skip edge points inside chain layers').toBe(0);
    expect(verdict.onChain / verdict.samples, 'share of the skip edge drawn over chain edges').toBeLessThan(0.1);
  });

  it('screenshots: default model, LeNet-5 and ResNet-tiny at 1440×900 and 1280×720, each in view and readable', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    const inView = async () => {
      const canvas = (await page.locator('.svelte-flow').boundingBox())!;
      const cards = await page.locator('[data-testid^="node-"][data-kind]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      return cards.every((b) => b.x >= canvas.x && b.y >= canvas.y && b.right <= canvas.x + canvas.width && b.bottom <= canvas.y + canvas.height);
    };
    // Label sizes wanted after Fit: the full 11 px for the small models; ResNet-tiny (23 layers) stays legible.
    const shots: [preset: PresetId, last: string, name: string, minPx: [number, number]][] = [
      ['tiny', 'dense', 'default', [11, 11]],
      ['lenet5', 'output', 'lenet5', [11, 11]],
      ['resnet', 'output', 'resnet', [8, 6.5]],
    ];
    for (const [index, [width, height]] of [
      [1440, 900],
      [1280, 720],
    ].entries()) {
      await page.setViewportSize({ width, height });
      for (const [preset, last, name, minPx] of shots) {
        await loadPreset(page, preset);
        await page.getByTestId('zoom-fit').click();
        await expect.poll(inView, { message: `${name} fits at ${width}×${height}` }).toBe(true);
        await viewSettled(page);
        await screenshot(page, `editor-ux-${name}-${width}x${height}`);
        expect(await labelPixels(page, last), `${name} at ${width}×${height}`).toBeGreaterThanOrEqual(minPx[index]);
      }
    }
    expect(app.errors).toEqual([]);
  });
});
