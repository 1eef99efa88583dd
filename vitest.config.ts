import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { aliases } from './aliases.ts';
import { mnistAsset } from './build/mnist-asset.ts';

export default defineConfig({
  // The svelte plugin compiles runes in `.svelte.ts` state classes, so Node tests can drive them;
  // the MNIST plugin resolves the asset path that worker modules import.
  plugins: [svelte(), mnistAsset({ emit: false })],
  resolve: { alias: aliases },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
