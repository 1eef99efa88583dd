import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { PRESETS, defaultSpec, type PresetId } from '$lib/spec/presets';
import { LAYERS } from '$lib/spec/layers';
import type { GraphSpec, LayerNode } from '$lib/spec/types';
import { SHAPE_CLASSES } from '$lib/datasets/shared/shapes';

/** Page helpers for the editor's browser tests: read the canvas and act on it as a person would. */

export const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);
export const shapeOf = (page: Page, id: string) => node(page, id).getAttribute('data-shape');
export const handle = (id: string, side: 'source' | 'target') => `[data-id="${id}"] .svelte-flow__handle.${side}`;

/** Everything on the canvas as [id, kind, shape], in DOM order. */
export async function graphOf(page: Page): Promise<string[][]> {
  return page
    .locator('[data-testid^="node-"][data-kind]')
    .evaluateAll((cards) => cards.map((c) => [c.getAttribute('data-testid')!.slice(5), c.getAttribute('data-kind')!, c.getAttribute('data-shape')!]));
}

/**
 * A point on the edge as drawn (edges bend around layers and between rows), where a person would
 * point at it: its middle, or the share `along` of its length from the source.
 */
export async function edgeMiddle(page: Page, source: string, target: string, along = 0.5): Promise<{ x: number; y: number }> {
  const path = page.locator(`.svelte-flow__edge[data-id="${source}->${target}"] path.svelte-flow__edge-path`);
  return path.evaluate((path: SVGPathElement, along) => {
    const middle = path.getPointAtLength(path.getTotalLength() * along);
    const onScreen = new DOMPoint(middle.x, middle.y).matrixTransform(path.getScreenCTM()!);
    return { x: onScreen.x, y: onScreen.y };
  }, along);
}

export async function dropLayer(page: Page, kind: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-${kind}`).dragTo(page.locator('.svelte-flow__pane'), { targetPosition: { x, y } });
}

/** Picks a preset from the toolbar menu and waits until the canvas shows its layers. */
export async function loadPreset(page: Page, id: PresetId): Promise<void> {
  await page.getByTestId('presets').click();
  await page.getByTestId(`preset-${id}`).click();
  const ids = PRESETS[id](SHAPE_CLASSES.length).nodes.map((n) => n.id);
  await expect.poll(async () => (await graphOf(page)).map(([layer]) => layer)).toEqual(ids);
}

export async function expectValid(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('graph-issues').count()).toBe(0);
  expect(await page.locator('[data-testid^="node-error-"]').count()).toBe(0);
}

/**
 * Resolves once the canvas has stopped moving (fit-to-view and wheel zoom animate): the viewport
 * and every node kept their transform over ten animation frames in a row.
 */
export async function viewSettled(page: Page): Promise<void> {
  await page.locator('.svelte-flow__viewport').evaluate(
    (viewport) =>
      new Promise<void>((resolve) => {
        let last = '';
        let still = 0;
        const tick = () => {
          const nodes = Array.from(viewport.querySelectorAll<HTMLElement>('.svelte-flow__node'));
          const now = [viewport as HTMLElement, ...nodes].map((el) => el.style.transform).join('|');
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 10) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/**
 * The default model with a ResNet basic block between pool1 and flatten: two 3×3 convolutions
 * and a 1×1 projection shortcut into an Add, with the ids the palette gives when a person builds it.
 * Positions are left out, so the app lays it out as it does any shared graph.
 */
export function residualBlockSpec(): GraphSpec {
  const base = defaultSpec(SHAPE_CLASSES.length);
  const at = (id: string): LayerNode => {
    const { position: _, ...node } = base.nodes.find((n) => n.id === id)!;
    return node as LayerNode;
  };
  const conv = (id: string, input: string, kernelSize: number): LayerNode => ({
    id,
    kind: 'Conv2D',
    params: { ...LAYERS.Conv2D.defaults, filters: 16, kernelSize },
    inputs: [input],
  });
  const nodes: LayerNode[] = [
    at('input'),
    at('conv1'),
    at('pool1'),
    conv('conv2d_1', 'pool1', 3),
    conv('conv2d_2', 'conv2d_1', 3),
    conv('conv2d_3', 'pool1', 1),
    { id: 'add_1', kind: 'Add', params: {}, inputs: ['conv2d_2', 'conv2d_3'] },
    { ...at('flatten'), inputs: ['add_1'] },
    at('dense'),
  ];
  return { ...base, nodes };
}
