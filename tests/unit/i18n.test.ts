import { afterEach, describe, expect, it, vi } from 'vitest';
import { en, messages } from '$lib/i18n/messages';
import { zh } from '$lib/i18n/zh';
import { localized } from '$lib/i18n/localized';
import { currentLocale, setLocale, useLocaleCell, type Locale } from '$lib/i18n/locale';
import { chooseLocale } from '$lib/i18n/choose-locale';

/**
 * The Chinese catalogue (src/lib/i18n/zh/) must say everything the English one says: the same
 * keys at every depth, functions taking the same values, and Chinese wherever English has words.
 */

/** Texts that read the same in Chinese: names of layers, optimizers, formats and runtimes, symbols, units. */
const SAME_IN_CHINESE = new Set([
  'flops',
  'colourRgb',
  'scoreMissing',
  'int8NotRun',
  'int8FormatNames.float32',
  'int8FormatNames.int8',
  'layerFields.epsilon',
  'presets.mlp.name',
  'presets.lenet5.name',
  'presets.vgg.name',
  'presets.mobilenet.name',
  'presets.resnet.name',
  'backendNames.webgpu',
  'backendNames.webgl',
  'backendNames.wasm',
  'liveRuntimeNames.ort-wasm',
  'liveRuntimeNames.ort-webgpu',
  'liveRuntimeNames.tfjs',
  'languageNames.en',
  'languageNames.zh',
  'foreignLayoutNames.NCHW',
  'foreignLayoutNames.NHWC',
  'foreignRangeNames.unit',
  'foreignRangeNames.byte',
  'foreignRangeNames.signed',
    'scoreHeaders.3',
  'int8Headers.2',
  'int8Headers.3',
  'foreignStd',
  // Sentences built only from values and symbols.
  'parityAgrees',
  'windowNotation',
  'layerFieldProblem',
  'skippedFile',
  'imagesBy',
  'webcamFps',
  'liveTopClass',
  'sampleTitle',
  'nodeMacs',
  'foreignNodeFrom',
  'zipImageShape',
]);
const SAME_PREFIXES = ['trainingFields.', 'optimizers.'];

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]|\\u(?:30[0-3]|[4-9][0-9a-f]|ff)[0-9a-f]{1,2}/i;
const WORDS = /[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}|[a-z]{4,}/;

const allowed = (path: string) => SAME_IN_CHINESE.has(path) || SAME_PREFIXES.some((prefix) => path.startsWith(prefix));

/** Every way `zh` differs in shape from `en`, or leaves English untranslated, as one line each. */
function differences(english: unknown, chinese: unknown, path: string): string[] {
  const kind = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);
  if (kind(english) !== kind(chinese)) return [`${path}: ${kind(english)} in English, ${kind(chinese)} in Chinese`];
  if (typeof english === 'function' && typeof chinese === 'function') {
    if (english.length !== chinese.length) return [`${path}: takes ${english.length} values in English, ${chinese.length} in Chinese`];
    return !allowed(path) && !CJK.test(chinese.toString()) ? [`${path}: the function writes no Chinese`] : [];
  }
  if (typeof english === 'string' && typeof chinese === 'string') {
    if (chinese.trim() === '' && english !== '') return [`${path}: empty`];
    if (allowed(path)) return [];
    if (chinese === english && /[A-Za-z]/.test(english)) return [`${path}: still English (“${english}”)`];
    return WORDS.test(english) && !CJK.test(chinese) ? [`${path}: no Chinese in “${chinese}”`] : [];
  }
  if (typeof english === 'object' && english !== null && typeof chinese === 'object' && chinese !== null) {
    const a = english as Record<string, unknown>;
    const b = chinese as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      if (!(key in b)) return [`${at}: missing in Chinese`];
      if (!(key in a)) return [`${at}: not in English`];
      return differences(a[key], b[key], at);
    });
  }
  return [];
}

describe('the Chinese catalogue', () => {
  it('has every English key at every depth, with the same parameters, in Chinese', () => {
    expect(differences(en, zh, '')).toEqual([]);
  });

  it('is told apart from a catalogue that lacks a key, takes other values or stayed English (the check itself works)', () => {
    const english = { a: 'Open the file', b: { c: (n: number) => `${n} files` }, d: ['name', 'size'] };
    const chinese = { b: { c: () => '文件' }, d: ['name'], e: '多余' };
    expect(differences(english, chinese, '')).toEqual(['a: missing in Chinese', 'b.c: takes 1 values in English, 0 in Chinese', 'd.0: still English (“name”)', 'd.1: missing in Chinese', 'e: not in English']);
  });

  it('writes sentences in Chinese with the values in place', () => {
    expect(zh.epochProgress(3, 10)).toBe('第 3 / 10 轮');
    expect(zh.datasetSummary(1, 2, '28×28×1')).toBe('1 个样本 · 2 个类别 · 28×28×1');
  });
});

describe('messages speaks the current language', () => {
  afterEach(() => setLocale('en'));

  it('switches every reader at once, nested texts and sentences included', () => {
    expect(messages.train).toBe('Train');
    setLocale('zh');
    expect(messages.train).toBe('训练');
    expect(messages.layerFields.filters).toBe('卷积核数');
    expect(messages.epochProgress(1, 2)).toBe('第 1 / 2 轮');
    setLocale('en');
    expect(messages.epochProgress(1, 2)).toBe('Epoch 1 / 2');
  });

  it('falls back to English for a key the translation lacks, and reports it once', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const texts = localized<{ hello: string; bye: string }>({ en: { hello: 'Hello', bye: 'Bye' }, zh: { hello: '你好' } as { hello: string; bye: string } });
    setLocale('zh');
    expect([texts.hello, texts.bye, texts.bye]).toEqual(['你好', 'Bye', 'Bye']);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toContain('bye');
    error.mockRestore();
  });

  it('keeps the language when a reactive cell takes over', () => {
    setLocale('zh');
    let held: Locale = 'en';
    useLocaleCell({ get: () => held, set: (locale) => (held = locale) });
    expect(currentLocale()).toBe('zh');
    setLocale('en');
    expect(held).toBe('en');
  });
});

describe('the first language', () => {
  it('is the first browser language a catalogue serves', () => {
    expect(chooseLocale(null, ['zh-CN', 'en'])).toBe('zh');
    expect(chooseLocale(null, ['zh'])).toBe('zh');
    expect(chooseLocale(null, ['zh-Hans-CN'])).toBe('zh');
    expect(chooseLocale(null, ['zh-SG'])).toBe('zh');
    expect(chooseLocale(null, ['fr-FR', 'zh-CN', 'en'])).toBe('zh');
    expect(chooseLocale(null, ['en-GB', 'zh-CN'])).toBe('en');
  });

  it('is English when the browser asks for nothing served, or for Traditional Chinese alone', () => {
    expect(chooseLocale(null, ['fr-FR', 'de'])).toBe('en');
    expect(chooseLocale(null, [])).toBe('en');
    expect(chooseLocale(null, ['zh-TW'])).toBe('en');
    expect(chooseLocale(null, ['not a tag', 'zh-CN'])).toBe('zh');
  });

  it('is the one the user picked before, whatever the browser says', () => {
    expect(chooseLocale('en', ['zh-CN'])).toBe('en');
    expect(chooseLocale('zh', ['en-US'])).toBe('zh');
    expect(chooseLocale('klingon', ['zh-CN'])).toBe('zh');
  });
});
