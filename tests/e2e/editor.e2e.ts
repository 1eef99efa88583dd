import { describe, expect, it } from 'vitest';
import { appPerTest, dragBetween, screenshot } from './harness';
import { dropLayer, edgeMiddle, expectValid, graphOf, handle, loadPreset, node, residualBlockSpec, shapeOf, viewSettled } from './editor-page';
import { PRESETS } from '$lib/spec/presets';
import { shareHash } from '$lib/share/url';
import { SHAPE_CLASSES } from '$lib/datasets/shared/shapes';

const PRESET_IDS = ['mlp', 'lenet5', 'vgg', 'mobilenet', 'resnet'] as const;
const resnet = () => PRESETS.resnet(SHAPE_CLASSES.length);

describe('visual editor: DAGs, undo, keyboard, presets, share links', () => {
  const openApp = appPerTest();

  it('builds a ResNet basic block with a 1×1 projection shortcut by drag and drop', async () => {
    const { page } = await openApp({ webgpu: false });
    // Cut pool1 → flatten: the block goes between them.
    const cut = await edgeMiddle(page, 'pool1', 'flatten');
    await page.mouse.click(cut.x, cut.y);
    await page.keyboard.press('Delete');
    await expect.poll(() => shapeOf(page, 'flatten')).toBe('?');

    await dropLayer(page, 'Conv2D', 760, 40);
    await page.getByTestId('param-filters').fill('16');
    await dropLayer(page, 'Conv2D', 760, 200);
    await page.getByTestId('param-filters').fill('16');
    await dropLayer(page, 'Conv2D', 960, 120);
    await page.getByTestId('param-filters').fill('16');
    await page.getByTestId('param-kernelSize').fill('1');
    await dropLayer(page, 'Add', 660, 300);
    // Unwired layers go to the top row, the chain below: every handle is in view for the mouse.
    await page.getByTestId('auto-layout').click();
    await viewSettled(page);

    await dragBetween(page, handle('pool1', 'source'), handle('conv2d_1', 'target'));
    await dragBetween(page, handle('conv2d_1', 'source'), handle('conv2d_2', 'target'));
    await dragBetween(page, handle('pool1', 'source'), handle('conv2d_3', 'target'));
    await dragBetween(page, handle('conv2d_2', 'source'), handle('add_1', 'target'));
    await dragBetween(page, handle('conv2d_3', 'source'), handle('add_1', 'target'));
    await dragBetween(page, handle('add_1', 'source'), handle('flatten', 'target'));

    const expected: Record<string, [string, number]> = {
      pool1: ['14×14×8', 0],
      conv2d_1: ['14×14×16', 9 * 8 * 16 + 16],
      conv2d_2: ['14×14×16', 9 * 16 * 16 + 16],
      conv2d_3: ['14×14×16', 8 * 16 + 16],
      add_1: ['14×14×16', 0],
      flatten: ['3136', 0],
      dense: ['4', 3136 * 4 + 4],
    };
    for (const [id, [shape, params]] of Object.entries(expected)) {
      await expect.poll(() => shapeOf(page, id), { message: id }).toBe(shape);
      expect(Number(await node(page, id).getAttribute('data-params')), id).toBe(params);
    }
    await expectValid(page);
    expect(await page.getByTestId('total-params').textContent()).toBe((80 + 1168 + 2320 + 144 + 12548).toLocaleString('en-US'));

    await page.getByTestId('auto-layout').click();
    await viewSettled(page);
    // The edge into the Add shows the tensor it carries while hovered.
    await page.locator('[data-testid="node-conv2d_3"]').hover();
    const label = page.getByTestId('edge-shape-input-conv1');
    expect(await label.count()).toBe(0);
    const middle = await edgeMiddle(page, 'input', 'conv1');
    await page.mouse.move(middle.x, middle.y);
    await expect.poll(() => label.textContent()).toBe('28×28×1');
    await screenshot(page, 'editor-resnet-block');
  });

  it('undoes and redoes with Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y; a drag and a burst of typing are one step each', async () => {
    const { page } = await openApp({ webgpu: false, spec: residualBlockSpec() });
    const total = () => page.getByTestId('total-params').textContent();
    const before = await total();
    await page.locator('[data-id="add_1"]').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => node(page, 'add_1').count()).toBe(0);
    await expect.poll(() => shapeOf(page, 'flatten')).toBe('?');

    await page.keyboard.press('Control+z');
    await expect.poll(() => shapeOf(page, 'add_1')).toBe('14×14×16');
    await expect.poll(() => shapeOf(page, 'flatten')).toBe('3136');
    expect(await total()).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => node(page, 'add_1').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => node(page, 'add_1').count()).toBe(1);
    await page.keyboard.press('Control+y');
    await expect.poll(() => node(page, 'add_1').count()).toBe(0);
    await page.getByTestId('undo').click();
    await expect.poll(() => node(page, 'add_1').count()).toBe(1);

    const box = async () => (await node(page, 'conv2d_3').boundingBox())!;
    const start = await box();
    await page.mouse.move(start.x + 20, start.y + 8);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + 20 + i * 12, start.y + 8 + i * 6);
    await page.mouse.up();
    expect((await box()).x).toBeGreaterThan(start.x + 60);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => Math.abs((await box()).x - start.x)).toBeLessThan(1);

    await page.locator('[data-id="conv2d_3"]').click();
    await page.getByTestId('param-filters').fill('');
    await page.getByTestId('param-filters').pressSequentially('24');
    await expect.poll(() => shapeOf(page, 'conv2d_3')).toBe('14×14×24');
    await page.locator('.svelte-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => shapeOf(page, 'conv2d_3')).toBe('14×14×16');
    await expectValid(page);
  });

  it('adds, wires, moves and deletes layers with the keyboard alone', async () => {
    const { page } = await openApp({ webgpu: false, spec: residualBlockSpec() });
    await page.getByTestId('palette-SeparableConv2D').focus();
    await page.keyboard.press('Enter');
    const sep = 'separableconv2d_1';
    await expect.poll(() => shapeOf(page, sep)).toBe('?');
    await page.getByTestId('param-filters').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('64');
    await page.getByTestId('add-input').focus();
    await page.getByTestId('add-input').selectOption('conv2d_2');
    await page.keyboard.press('Enter');
    await expect.poll(() => shapeOf(page, sep)).toBe('14×14×64');

    // Escape clears the selection, so the next layer is added unconnected rather than after sep.
    await page.getByTestId('palette-Conv2D').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    const conv = 'conv2d_4';
    await page.getByTestId('param-filters').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('64');
    await page.getByTestId('add-input').focus();
    await page.getByTestId('add-input').selectOption('conv2d_2');
    await page.keyboard.press('Enter');
    await expect.poll(() => shapeOf(page, conv)).toBe('14×14×64');
    // 3×3 from 16 channels to 64: separable needs 9·16 + 16·64 + 64 weights, full 9·16·64 + 64.
    const params = async (id: string) => Number(await node(page, id).getAttribute('data-params'));
    expect(await params(sep)).toBe(9 * 16 + 16 * 64 + 64);
    expect(await params(conv)).toBe(9 * 16 * 64 + 64);
    expect((await params(conv)) / (await params(sep))).toBeGreaterThan(7);
    await expect.poll(() => page.getByTestId(`node-error-${conv}`).textContent()).toContain('feeds nothing');

    // Select by focus + Enter, nudge with arrows, delete with the Delete key.
    const wrapper = page.locator(`.svelte-flow__node[data-id="${conv}"]`);
    await wrapper.focus();
    await page.keyboard.press('Enter');
    const x0 = (await wrapper.boundingBox())!.x;
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => (await wrapper.boundingBox())!.x).toBeGreaterThan(x0 + 5);
    await page.keyboard.press('Delete');
    await expect.poll(() => wrapper.count()).toBe(0);

    const sepWrapper = page.locator(`.svelte-flow__node[data-id="${sep}"]`);
    await sepWrapper.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId(`disconnect-conv2d_2`).count()).toBe(1);
    await page.getByTestId('disconnect-conv2d_2').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => shapeOf(page, sep)).toBe('?');
    await sepWrapper.focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => sepWrapper.count()).toBe(0);
    await expectValid(page);

    // Copy, paste and duplicate make fresh layers with fresh ids.
    await page.locator('.svelte-flow__node[data-id="conv2d_3"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+d');
    await expect.poll(() => node(page, 'conv2d_4').getAttribute('data-kind')).toBe('Conv2D');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => node(page, 'conv2d_5').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid^="node-conv2d_"][data-kind]').count()).toBe(3);
    await expectValid(page);
  });

  it('loads every preset in one click, each valid for the dataset, and undo brings the previous graph back', async () => {
    const { page } = await openApp({ webgpu: false, spec: residualBlockSpec() });
    const built = await graphOf(page);
    for (const id of PRESET_IDS) {
      await loadPreset(page, id);
      await expectValid(page);
      const shapes = (await graphOf(page)).map(([, , shape]) => shape);
      expect(shapes, id).not.toContain('?');
      expect(await shapeOf(page, 'output')).toBe('4');
      await screenshot(page, `editor-preset-${id}`);
    }
    for (let i = 0; i < PRESET_IDS.length; i++) await page.keyboard.press('Control+z');
    await expect.poll(() => graphOf(page)).toEqual(built);
  });

  it('opens a shared link in a new page with the same graph', async () => {
    const { page } = await openApp({ webgpu: false });
    await loadPreset(page, 'resnet');
    await page.getByTestId('share').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(/#graph=[A-Za-z0-9_-]+$/);
    const original = await graphOf(page);

    const other = await openApp({ webgpu: false, path: `/${new URL(url).hash}` });
    await expect.poll(() => graphOf(other.page)).toEqual(original);
    await expectValid(other.page);
    expect(other.errors).toEqual([]);
  });

  it('reports a tampered link and keeps the current graph, also after a reload', async () => {
    const app = await openApp({ webgpu: false, spec: resnet() });
    const { page } = app;
    const current = await graphOf(page);
    const hash = shareHash(resnet());
    const tampered = hash.slice(0, 40) + 'Zz-_' + hash.slice(44, -10);
    await page.evaluate((h) => (location.hash = h), tampered);
    await expect.poll(() => page.getByTestId('share-error').textContent()).toContain('Could not open the shared link');
    expect(await graphOf(page)).toEqual(current);

    await page.goto('about:blank');
    await page.goto(new URL('/#graph=bm90IGEgZ3JhcGg', app.url).href);
    await expect.poll(() => page.getByTestId('share-error').textContent()).toContain('Your current graph is unchanged');
    await expect.poll(() => graphOf(page)).toEqual(current);
  });

  it('draws a DAG preset readably: skip connection, shapes on hover, the merge node inspected', async () => {
    const { page } = await openApp({ webgpu: false, spec: resnet() });
    await page.setViewportSize({ width: 1440, height: 1100 });
    await page.getByTestId('zoom-fit').click();
    await viewSettled(page);
    const add = (await node(page, 'block2_add').boundingBox())!;
    await page.mouse.move(add.x + add.width / 2, add.y);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -120);
    await viewSettled(page);
    await page.locator('[data-id="block2_add"]').click();
    await expect.poll(() => page.getByTestId('inputs-field').textContent()).toContain('block2_proj_bn');
    // The shortcut's last stretch, beside the Add it feeds (the zoom keeps only the Add's neighbourhood in view).
    const shortcut = await edgeMiddle(page, 'block2_proj_bn', 'block2_add', 0.9);
    await page.mouse.move(shortcut.x, shortcut.y);
    await expect.poll(() => page.getByTestId('edge-shape-block2_proj_bn-block2_add').textContent()).toBe('7×7×16');
    const canvas = (await page.locator('.svelte-flow').boundingBox())!;
    await screenshot(page, 'editor-docs', { clip: { x: 0, y: 0, width: 1440, height: canvas.y + canvas.height } });
  });
});
