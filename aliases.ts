import { fileURLToPath } from 'node:url';

/** Path aliases shared by Vite, Vitest and tsconfig `paths`, so imports name a feature, not a `../../` walk. */
export const aliases = {
  $lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
  $components: fileURLToPath(new URL('./src/components', import.meta.url)),
  $workers: fileURLToPath(new URL('./workers', import.meta.url)),
};
