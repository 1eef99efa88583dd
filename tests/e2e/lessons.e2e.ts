import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot, trainOnCanvas } from './harness';
import { graphOf } from './editor-page';
import { controlledByServiceWorker } from './service-worker';
import { LESSONS } from '$lib/lessons/shared/catalog';
import type { LessonId } from '$lib/lessons/shared/lesson';

const card = (page: Page) => page.getByTestId('lesson-card');
const stepOf = (page: Page) => card(page).getAttribute('data-step');

async function startLesson(page: Page, id: LessonId): Promise<void> {
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId(`lesson-${id}`).getByRole('button').last().click();
  await card(page).waitFor();
}

/** Selects a layer as a keyboard user does, so the palette's Enter adds after it. */
async function select(page: Page, id: string): Promise<void> {
  const wrapper = page.locator(`.svelte-flow__node[data-id="${id}"]`);
  await wrapper.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => wrapper.getAttribute('class')).toContain('selected');
}

/** Adds a layer from the palette after the selected one and returns its id. */
async function addAfter(page: Page, anchor: string, kind: string): Promise<string> {
  const before = (await graphOf(page)).map(([id]) => id);
  await select(page, anchor);
  await page.getByTestId(`palette-${kind}`).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await graphOf(page)).length).toBe(before.length + 1);
  const added = (await graphOf(page)).map(([id]) => id).find((id) => !before.includes(id))!;
  await select(page, added);
  return added;
}

describe('guided lessons', () => {
  const openApp = appPerTest();

  it('lesson 1 offline: from a lone Input to a trained CNN, each step advancing when done; then its ONNX runs in ORT-web', async () => {
    const app = await openApp({ webgpu: false, serviceWorker: true });
    const { page, context } = app;
    await controlledByServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('node-input').waitFor();

    await startLesson(page, 'firstCnn');
    expect(await stepOf(page)).toBe('conv');
    await expect.poll(async () => (await graphOf(page)).map(([id]) => id)).toEqual(['input']);
    expect(await page.getByTestId('lesson-step-count').textContent()).toBe('Step 1 of 5');

    const conv = await addAfter(page, 'input', 'Conv2D');
    expect(await stepOf(page)).toBe('conv');
    await page.getByTestId('param-filters').fill('16');
    await expect.poll(() => stepOf(page)).toBe('pool');
    const pool = await addAfter(page, conv, 'MaxPool2D');
    await expect.poll(() => stepOf(page)).toBe('dense');
    const flatten = await addAfter(page, pool, 'Flatten');
    await addAfter(page, flatten, 'Dense');
    await page.getByTestId('param-units').fill('4');
    await page.getByTestId('param-activation').selectOption('softmax');
    await expect.poll(() => stepOf(page)).toBe('train');
    await screenshot(page, 'lesson-1-built');

    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 600, epochs: 4 })).toBe('completed');
    await page.getByTestId('lesson-complete').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('lesson-complete').textContent()).toContain('Your first CNN');
    await screenshot(page, 'lesson-1-finished');

    // Offline without a GPU flag: ONNX Runtime's WASM provider runs the export.
    await page.getByTestId('verify-onnx').click();
    const wasm = page.locator('[data-testid="parity-table"] tr[data-provider="wasm"]');
    await wasm.waitFor({ timeout: 120_000 });
    expect(Number(await wasm.getAttribute('data-max-diff'))).toBeLessThanOrEqual(1e-4);
    expect(app.errors).toEqual([]);
  });

  it('starting a lesson replaces the graph undoably; leaving it and reloading comes back at the same step', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    const before = (await graphOf(page)).map(([id]) => id);
    await startLesson(page, 'mnistLenet');
    expect(await page.getByTestId('dataset-label').textContent()).toContain('MNIST');
    await expect.poll(async () => (await graphOf(page)).map(([id]) => id)).toContain('fc2');
    // The learner's graph is one undo away.
    await page.getByTestId('undo').click();
    await expect.poll(async () => (await graphOf(page)).map(([id]) => id)).toEqual(before);
    await page.getByTestId('redo').click();
    await expect.poll(async () => (await graphOf(page)).map(([id]) => id)).toContain('fc2');

    await page.getByTestId('lesson-next').click();
    await expect.poll(() => stepOf(page)).toBe('train');
    await page.getByTestId('lesson-leave').click();
    await card(page).waitFor({ state: 'detached' });

    await page.reload();
    await page.getByTestId('node-input').waitFor();
    await page.getByTestId('lessons-menu').click();
    const entry = page.getByTestId('lesson-mnistLenet');
    expect(await entry.textContent()).toContain('Continue at step 2');
    await entry.getByRole('button', { name: 'Continue at step 2' }).click();
    await expect.poll(() => stepOf(page)).toBe('train');
    expect(app.errors).toEqual([]);
  });

  it('each lesson opens at its first step (screenshots)', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    for (const lesson of LESSONS) {
      await startLesson(page, lesson.id);
      expect(await stepOf(page)).toBe(lesson.steps[0].id);
      await screenshot(page, `lesson-${lesson.id}-first-step`);
      // Folded to its title bar the card leaves the graph free; unfolding brings the step back.
      await page.getByTestId('lesson-fold').click();
      expect(await page.getByTestId('lesson-text').isVisible()).toBe(false);
      await page.getByTestId('lesson-fold').click();
      expect(await page.getByTestId('lesson-text').isVisible()).toBe(true);
      await page.getByTestId('lesson-leave').click();
      await card(page).waitFor({ state: 'detached' });
    }
    expect(app.errors).toEqual([]);
  });
});
