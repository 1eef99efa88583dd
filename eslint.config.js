// Lint rules that hold the architecture in place: tfjs only in workers, one owner module per
// runtime (onnxruntime-web, IndexedDB, the compiled messages), no DOM in pure modules, no blocking GPU reads.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const TFJS = { group: ['@tensorflow/*'], message: 'TensorFlow.js belongs to workers/: the UI talks to it through the training bridge.' };
const ORT = { group: ['onnxruntime-web', 'onnxruntime-web/*'], message: 'onnxruntime-web is imported only by src/lib/onnx/runtime.ts.' };
const IDB = { group: ['idb'], message: 'IndexedDB is reached only through src/lib/storage/database.ts.' };
const PARAGLIDE = { group: ['$lib/paraglide/*', '**/paraglide/*'], message: 'Import m from $lib/i18n/messages: it ties the compiled messages to the app’s language.' };

const PURE = [
  'src/lib/spec/**',
  'src/lib/onnx/**',
  'src/lib/training/shared/**',
  'src/lib/datasets/shared/**',
  'src/lib/devices/shared/**',
  'src/lib/share/**',
  'src/lib/util/**',
  'src/lib/i18n/**',
  'src/lib/project/shared/**',
  'src/lib/live/shared/**',
  'src/lib/export/**',
  'src/lib/lessons/shared/**',
];
const NOT_PURE = ['src/lib/onnx/runtime.ts', 'src/lib/onnx/verify.ts'];
const DOM_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location', 'indexedDB', 'HTMLElement', 'Image', 'fetch'].map((name) => ({
  name,
  message: 'Pure modules run in Node and in the worker: pass what they need in as arguments.',
}));
const NO_BROWSER = DOM_GLOBALS.map(({ name }) => ({ name, message: 'The CLI runs in Node, without a page: read files with node:fs.' }));
const BLOCKING_READS = ['dataSync', 'arraySync'].map((name) => ({
  selector: `CallExpression[callee.property.name='${name}']`,
  message: `${name}() blocks on the GPU: use await tensor.data() / tensor.array().`,
}));

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'bench/results/', '.vite/', 'src/lib/paraglide/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...BLOCKING_READS],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
    // Short-lived lookup maps inside methods are not state; reactive state is declared with $state.
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },
  {
    files: ['src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TFJS, ORT, IDB, PARAGLIDE] }] },
  },
  { files: ['src/lib/onnx/runtime.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [TFJS, IDB, PARAGLIDE] }] } },
  { files: ['src/lib/storage/database.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [TFJS, ORT, PARAGLIDE] }] } },
  { files: ['src/lib/i18n/messages.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [TFJS, ORT, IDB] }] } },
  { files: ['workers/**'], rules: { 'no-restricted-imports': ['error', { patterns: [ORT, IDB, PARAGLIDE] }] } },
  { files: ['tests/**', 'bench/**'], rules: { 'no-restricted-imports': ['error', { patterns: [PARAGLIDE] }] } },
  // The command line runs in Node and starts tfjs and ONNX Runtime itself, but has no browser: no IndexedDB, no page globals.
  { files: ['cli/**', 'bin/**'], rules: { 'no-restricted-imports': ['error', { patterns: [IDB, PARAGLIDE] }], 'no-restricted-globals': ['error', ...NO_BROWSER] } },
  { files: PURE, ignores: NOT_PURE, rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS] } },
);
