import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { m } from '$lib/i18n/messages';
import { LOCALES, currentLocale, setLocale, useLocaleCell, type Locale } from '$lib/i18n/locale';
import { chooseLocale } from '$lib/i18n/choose-locale';

/**
 * The catalogue is messages/<locale>/<area>.json (inlang message format), compiled by paraglide-js.
 * The Chinese files must say everything the English ones say: the same keys, no value English
 * lacks, and Chinese wherever English has words.
 */
type Message = string | { declarations?: string[]; match: Record<string, string> }[];
type Catalogue = Record<string, Record<string, Message>>;

function sourceFiles(dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|svelte)$/.test(file) && !file.includes('paraglide'))
      .map((file) => `${dir}/${file}`),
  );
}

function catalogue(locale: Locale): Catalogue {
  const dir = `messages/${locale}`;
  return Object.fromEntries(
    readdirSync(dir).map((file) => {
      const { $schema: _, ...messages } = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Record<string, Message>;
      return [file, messages];
    }),
  );
}

/** Texts that read the same in Chinese: the product's name, names of layers, optimizers, formats and runtimes, symbols, units. */
const SAME_IN_CHINESE = new Set([
  'appName',
  'flops',
  'colourRgb',
  'scoreMissing',
  'int8NotRun',
  'int8FormatNames_float32',
  'int8FormatNames_int8',
  'layerFields_epsilon',
  'presets_mlp_name',
  'presets_lenet5_name',
  'presets_vgg_name',
  'presets_mobilenet_name',
  'presets_resnet_name',
  'backendNames_webgpu',
  'backendNames_webgl',
  'backendNames_wasm',
  'liveRuntimeNames_ort_wasm',
  'liveRuntimeNames_ort_webgpu',
  'liveRuntimeNames_tfjs',
  'languageNames_en',
  'languageNames_zh',
  'foreignLayoutNames_NCHW',
  'foreignLayoutNames_NHWC',
  'foreignRangeNames_unit',
  'foreignRangeNames_byte',
  'foreignRangeNames_signed',
  'scoreHeaders_f1',
  'int8Headers_wasmMs',
  'int8Headers_webgpuMs',
  'foreignStd',
  // Sentences built only from values and symbols.
  'parityAgrees',
  'windowNotation',
  'layerFieldProblem',
  'skippedFile',
  'imagesBy',
  'webcamFps',
  'nodeMacs',
  'foreignNodeFrom',
  'foreignProducer',
  'zipImageShape',
]);
const SAME_PREFIXES = ['trainingFields_', 'optimizers_'];

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const WORDS = /[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}|[a-z]{4,}/;

const allowed = (key: string) => SAME_IN_CHINESE.has(key) || SAME_PREFIXES.some((prefix) => key.startsWith(prefix));
const texts = (message: Message): string[] => (typeof message === 'string' ? [message] : message.flatMap((variant) => Object.values(variant.match)));
/** The values a message takes: its placeholders and its declared inputs. */
function values(message: Message): Set<string> {
  const names = texts(message).flatMap((text) => [...text.matchAll(/(?<!\\)\{(\w+)\}/g)].map((match) => match[1]));
  const inputs = typeof message === 'string' ? [] : message.flatMap((variant) => (variant.declarations ?? []).filter((d) => d.startsWith('input ')).map((d) => d.slice(6)));
  return new Set([...names, ...inputs]);
}

/** Every way the Chinese files differ in shape from the English ones, or leave English untranslated, as one line each. */
function differences(english: Catalogue, chinese: Catalogue): string[] {
  const files = [...new Set([...Object.keys(english), ...Object.keys(chinese)])];
  return files.flatMap((file) => {
    const a = english[file] ?? {};
    const b = chinese[file] ?? {};
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => {
      const at = `${file}: ${key}`;
      if (!(key in b)) return [`${at}: missing in Chinese`];
      if (!(key in a)) return [`${at}: not in English`];
      const extra = [...values(b[key])].filter((value) => !values(a[key]).has(value));
      if (extra.length > 0) return [`${at}: Chinese uses ${extra.join(', ')}, which English does not take`];
      if (allowed(key)) return [];
      const en = texts(a[key]).join(' ');
      const zh = texts(b[key]).join(' ');
      if (zh.trim() === '' && en !== '') return [`${at}: empty`];
      if (zh === en && /[A-Za-z]/.test(en)) return [`${at}: still English (“${en}”)`];
      return WORDS.test(en) && !CJK.test(zh) ? [`${at}: no Chinese in “${zh}”`] : [];
    });
  });
}

describe('the Chinese catalogue', () => {
  it('has every English key, takes no value English lacks, and is in Chinese', () => {
    expect(differences(catalogue('en'), catalogue('zh'))).toEqual([]);
  });

  it('is told apart from a catalogue that lacks a key, takes other values or stayed English (the check itself works)', () => {
    const english: Catalogue = { 'a.json': { open: 'Open the file', files: '{n} files', name: 'name' }, 'b.json': { x: 'Export' } };
    const chinese: Catalogue = { 'a.json': { files: '{count} 个文件', name: 'name', extra: '多余' } };
    expect(differences(english, chinese)).toEqual([
      'a.json: open: missing in Chinese',
      'a.json: files: Chinese uses count, which English does not take',
      'a.json: name: still English (“name”)',
      'a.json: extra: not in English',
      'b.json: x: missing in Chinese',
    ]);
  });

  it('is compiled for exactly the languages the app offers', () => {
    const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as { baseLocale: string; locales: string[] };
    expect(settings.locales).toEqual([...LOCALES]);
    expect(settings.baseLocale).toBe('en');
    expect(readdirSync('messages').sort()).toEqual([...LOCALES].sort());
  });

  it('holds no message the code never shows', () => {
    const code = sourceFiles(['src', 'workers', 'cli'])
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // Keyed names are looked up as m[`prefix_${name}`]().
    const prefixes = [...code.matchAll(/\bm\[`(\w+?_)\$\{/g)].map((match) => match[1]);
    const keys = Object.values(catalogue('en')).flatMap((messages) => Object.keys(messages));
    const unused = keys.filter((key) => !prefixes.some((prefix) => key.startsWith(prefix)) && !new RegExp(`\\bm\\.${key}\\b`).test(code));
    expect(unused).toEqual([]);
  });

  it('is what the compiled messages hold (run `npm run i18n` after editing the JSON)', () => {
    const keys = Object.values(catalogue('en')).flatMap((messages) => Object.keys(messages));
    expect(Object.keys(m).sort()).toEqual(keys.sort());
  });
});

describe('the messages speak the current language', () => {
  afterEach(() => setLocale('en'));

  it('switches every message at once, plurals and sentences included', () => {
    expect(m.train()).toBe('Train');
    expect(m.datasetSummary({ samples: 1, classes: 2, shape: '28×28×1' })).toBe('1 sample · 2 classes · 28×28×1');
    expect(m.datasetSummary({ samples: 5, classes: 1, shape: '28×28×1' })).toBe('5 samples · 1 class · 28×28×1');
    setLocale('zh');
    expect(m.train()).toBe('训练');
    expect(m.layerFields_filters()).toBe('卷积核数');
    expect(m.epochProgress({ epoch: 1, epochs: 2 })).toBe('第 1 / 2 轮');
    expect(m.datasetSummary({ samples: 1, classes: 2, shape: '28×28×1' })).toBe('1 个样本 · 2 个类别 · 28×28×1');
    setLocale('en');
    expect(m.epochProgress({ epoch: 1, epochs: 2 })).toBe('Epoch 1 / 2');
  });

  it('chooses a variant by the value it is given', () => {
    expect(m.weightsKept({ epoch: 0 })).toBe('the start of training');
    expect(m.weightsKept({ epoch: 4 })).toBe('the end of epoch 4 (the last checkpoint)');
    expect(m.liveOnOrt({ provider: 'webgpu' })).toBe('ONNX Runtime Web on WebGPU');
    expect(m.liveOnOrt({ provider: 'wasm' })).toBe('ONNX Runtime Web on WASM');
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
