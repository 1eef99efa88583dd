import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { aliases } from './aliases.ts';
import { mnistAsset } from './build/mnist-asset.ts';
import { offlineApp } from './build/offline-app.ts';
import { tfjsWasmThreads } from './build/tfjs-wasm-threads.ts';

// Cross-origin isolation lets onnxruntime-web use threaded WASM; dev and preview must match
// so tests of the production build see what developers see.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The messages (messages/<locale>/*.json) compile into src/lib/paraglide on start and again on every edit in dev,
// with the options of `npm run i18n`. The language comes from src/lib/i18n/locale.ts, never from paraglide's cookie;
// one module per language, not per message, so the dev server serves a handful of files instead of ~1,900.
const messages = paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide', strategy: ['baseLocale'], outputStructure: 'locale-modules', emitTsDeclarations: true });

export default defineConfig({
  plugins: [svelte(), messages, mnistAsset({ emit: true }), offlineApp()],
  resolve: { alias: aliases },
  worker: { format: 'es', plugins: () => [mnistAsset({ emit: false }), tfjsWasmThreads()] },
  server: { headers: isolation },
  preview: { headers: isolation },
  optimizeDeps: { entries: ['index.html', 'workers/*.worker.ts'], exclude: ['onnxruntime-web'] },
  // bench.html is a second entry: the benchmark ships with the build but stays out of the app's bundle.
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } } },
});
