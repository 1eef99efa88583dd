import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot } from './harness';
import { graphOf } from './editor-page';

const NOTE = 'Today we only change the epochs <b>!</b>';

/** What a student sees and can do under the rules the teacher set. */
async function expectRulesHold(page: Page): Promise<void> {
  await page.getByTestId('classroom-badge').waitFor();
  expect(await page.getByTestId('learning-rate').isDisabled()).toBe(true);
  expect(await page.getByTestId('lock-learningRate').getAttribute('title')).toContain(NOTE);
  expect(await page.getByTestId('augmentation-section').count()).toBe(0);
  expect(await page.getByTestId('show-data').count()).toBe(0);
  expect(await page.getByTestId('teacher-button').count()).toBe(0);

  // The graph: no palette, no deleting, no editing a layer.
  expect(await page.getByTestId('palette-Dense').isDisabled()).toBe(true);
  expect(await page.getByTestId('graph-locked').textContent()).toContain(NOTE);
  const layers = await graphOf(page);
  const conv = page.locator('.svelte-flow__node[data-id="conv1"]');
  await conv.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => conv.getAttribute('class')).toContain('selected');
  await page.keyboard.press('Delete');
  expect(await page.getByTestId('param-filters').isDisabled()).toBe(true);
  expect(await graphOf(page)).toEqual(layers);

  // Epochs stay free within the teacher's range: outside it, training is blocked with the range named.
  await page.getByTestId('epochs').fill('5');
  await expect.poll(() => page.getByTestId('settings-blocked').count()).toBe(1);
  expect(await page.getByTestId('train').isDisabled()).toBe(true);
  expect(await page.getByTestId('training-panel').textContent()).toContain('1 to 3');
  await page.getByTestId('epochs').fill('2');
  await expect.poll(() => page.getByTestId('train').isEnabled()).toBe(true);
}

describe('teacher mode', () => {
  const openApp = appPerTest();

  it('a teacher locks and hides controls and sets a range; the saved project opens for a student with them locked, visibly, with the reason', async () => {
    const teacher = await openApp({ webgpu: false });
    let page = teacher.page;
    await page.getByTestId('teacher-button').click();
    await page.getByTestId('rule-graph').selectOption('locked');
    await page.getByTestId('rule-learningRate').selectOption('locked');
    await page.getByTestId('rule-augmentation').selectOption('hidden');
    await page.getByTestId('rule-dataTab').selectOption('hidden');
    await page.getByTestId('range-epochs').check();
    await page.getByTestId('range-epochs-min').fill('1');
    await page.getByTestId('range-epochs-max').fill('3');
    await page.getByTestId('rule-note').fill(NOTE);
    await screenshot(page, 'teacher-panel');
    await page.getByTestId('rules-apply').click();
    await expectRulesHold(page);
    await screenshot(page, 'teacher-rules-applied');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-project').click()]);
    const file = (await download.path())!;

    const student = await openApp({ webgpu: false });
    page = student.page;
    expect(await page.getByTestId('learning-rate').isDisabled()).toBe(false);
    await page.getByTestId('project-file-input').setInputFiles({ name: 'lesson.netloom', mimeType: 'application/zip', buffer: (await import('node:fs')).readFileSync(file) });
    await expectRulesHold(page);
    // A reload keeps the rules: they are part of the project kept in the browser.
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    await expectRulesHold(page);
    expect(teacher.errors).toEqual([]);
    expect(student.errors).toEqual([]);
  });

  it("a teacher's share link carries the rules: a student opening it gets the graph with them", async () => {
    const teacher = await openApp({ webgpu: false });
    await teacher.page.getByTestId('teacher-button').click();
    await teacher.page.getByTestId('rule-graph').selectOption('locked');
    await teacher.page.getByTestId('rule-learningRate').selectOption('locked');
    await teacher.page.getByTestId('rule-augmentation').selectOption('hidden');
    await teacher.page.getByTestId('rule-dataTab').selectOption('hidden');
    await teacher.page.getByTestId('range-epochs').check();
    await teacher.page.getByTestId('range-epochs-min').fill('1');
    await teacher.page.getByTestId('range-epochs-max').fill('3');
    await teacher.page.getByTestId('rule-note').fill(NOTE);
    await teacher.page.getByTestId('rules-apply').click();
    await teacher.page.getByTestId('share').click();
    const link = await teacher.page.getByTestId('share-url').inputValue();
    expect(link).toContain('&rules=');

    const student = await openApp({ webgpu: false, path: new URL(link).pathname + new URL(link).hash });
    await expectRulesHold(student.page);
    expect(teacher.errors).toEqual([]);
    expect(student.errors).toEqual([]);
  });
});
