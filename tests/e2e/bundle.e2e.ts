import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ASSETS = 'dist/assets';

// tfjs registers its flags under this name; any chunk that contains it carries tfjs-core.
const TFJS_MARKER = 'tfjsflags';

describe('production build', () => {
  const files = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));

  it('keeps tfjs in the training worker, out of the page bundle', () => {
    const withTfjs = files.filter((f) => readFileSync(join(ASSETS, f), 'utf8').includes(TFJS_MARKER));
    expect(withTfjs.length).toBeGreaterThan(0);
    expect(withTfjs.every((f) => f.startsWith('trainer.worker'))).toBe(true);
  });

  it('ships exactly one onnxruntime-web WASM flavour', () => {
    const wasm = readdirSync(ASSETS).filter((f) => f.endsWith('.wasm'));
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/^ort-wasm-simd-threaded\.jsep/);
  });
});
