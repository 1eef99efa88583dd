import { expect } from 'vitest';
import type { Page } from 'playwright-core';

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

/** The middle of the edge between two vertically stacked nodes, where a person would point at it. */
export async function edgeMiddle(page: Page, source: string, target: string): Promise<{ x: number; y: number }> {
  const a = (await page.locator(handle(source, 'source')).boundingBox())!;
  const b = (await page.locator(handle(target, 'target')).boundingBox())!;
  return { x: (a.x + a.width / 2 + b.x + b.width / 2) / 2, y: (a.y + a.height / 2 + b.y + b.height / 2) / 2 };
}

export async function dropLayer(page: Page, kind: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-${kind}`).dragTo(page.locator('.svelte-flow__pane'), { targetPosition: { x, y } });
}

export async function loadPreset(page: Page, id: string): Promise<void> {
  await page.getByTestId('presets').click();
  await page.getByTestId(`preset-${id}`).click();
  await expect.poll(() => node(page, 'output').count()).toBe(1);
}

export async function expectValid(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('graph-issues').count()).toBe(0);
  expect(await page.locator('[data-testid^="node-error-"]').count()).toBe(0);
}
