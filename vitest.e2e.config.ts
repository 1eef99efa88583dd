import { defineConfig } from 'vitest/config';
import { aliases } from './aliases.ts';

// Browser tests share one machine's two cores: run files one after another, with long timeouts for software WebGPU.
export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // A poll waits on a condition; on a loaded machine the page can take seconds to settle (1 s is the default).
    expect: { poll: { timeout: 15_000 } },
  },
});
