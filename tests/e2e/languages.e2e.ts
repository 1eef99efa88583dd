import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appPerTest, screenshot, trainOnCanvas } from './harness';

/** What a reader sees first: the header's tab, the Train button, a layer card and the export button (a state class's `$derived`). */
async function visibleTexts(page: Page) {
  return {
    lang: await page.evaluate(() => document.documentElement.lang),
    tab: await page.getByTestId('show-model').textContent(),
    train: await page.getByTestId('train').textContent(),
    card: await page.getByTestId('node-conv1').innerText(),
    exportButton: await page.getByTestId('export-onnx').textContent(),
  };
}

/** Runs of three English words on screen: a sentence that bypassed the catalogue (names of layers, classes and files are single words). */
async function englishPhrases(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return text.match(/\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}\b/g) ?? [];
}

const CHINESE = { lang: 'zh-CN', tab: '模型', train: '训练', exportButton: '导出 ONNX' };
const ENGLISH = { lang: 'en', tab: 'Model', train: 'Train', exportButton: 'Export ONNX' };

describe('languages', () => {
  const open = appPerTest();

  it('opens in the browser’s language, switches without a reload and remembers the choice', async () => {
    const { page, errors } = await open({ locale: 'zh-CN', webgpu: false });
    await expect.poll(() => visibleTexts(page)).toMatchObject(CHINESE);
    expect((await visibleTexts(page)).card).toContain('8 个卷积核');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => visibleTexts(page)).toMatchObject(ENGLISH);
    expect((await visibleTexts(page)).card).toContain('8 filters');
    await page.getByTestId('language').selectOption('zh');
    await expect.poll(() => visibleTexts(page)).toMatchObject(CHINESE);
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);

    // The pick beats the browser's language on the next visit.
    await page.getByTestId('language').selectOption('en');
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    expect(await visibleTexts(page)).toMatchObject(ENGLISH);
    expect(await page.getByTestId('language').inputValue()).toBe('en');
    await page.getByTestId('language').selectOption('zh');
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    expect(await visibleTexts(page)).toMatchObject(CHINESE);
    expect(errors).toEqual([]);
  });

  it('opens in English for a browser that asks for English', async () => {
    const { page } = await open({ locale: 'en-US', webgpu: false });
    expect(await visibleTexts(page)).toMatchObject(ENGLISH);
    // The scan the Chinese test relies on finds English sentences.
    expect(await englishPhrases(page)).not.toEqual([]);
  });

  it('shows every view in Chinese with no message missing', async () => {
    const { page, errors } = await open({ locale: 'zh-CN', webgpu: false });
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 200, epochs: 2 })).toBe('completed');
    expect(await page.getByTestId('train-result').textContent()).toContain('验证准确率');
    await screenshot(page, 'languages-zh-model');
    expect(await englishPhrases(page)).toEqual([]);

    await page.getByTestId('lessons-menu').click();
    await page.getByTestId('lesson-firstCnn').getByTestId('lesson-start').click();
    await expect.poll(() => page.getByTestId('lesson-text').textContent()).toContain('卷积核');
    await screenshot(page, 'languages-zh-lesson');
    expect(await englishPhrases(page)).toEqual([]);
    await page.getByTestId('lesson-leave').click();

    await page.getByTestId('show-data').click();
    await page.getByText('新建数据集').first().waitFor();
    await screenshot(page, 'languages-zh-data');
    expect(await englishPhrases(page)).toEqual([]);

    await page.getByTestId('show-live').click();
    await page.getByText('使用模型').first().waitFor();
    await screenshot(page, 'languages-zh-live');
    expect(await englishPhrases(page)).toEqual([]);

    expect(errors).toEqual([]);
  });
});
