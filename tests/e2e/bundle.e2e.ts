import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './harness';

const ASSETS = join(DIST, 'assets');

// tfjs registers its flags under this name; any chunk that contains it carries tfjs-core.
const TFJS_MARKER = 'tfjsflags';

describe('production build', () => {
  const files = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));

  it('keeps tfjs in the training worker, out of the page bundle', () => {
    const hasTfjs = (f: string) => readFileSync(join(ASSETS, f), 'utf8').includes(TFJS_MARKER);
    // The page loads exactly the scripts index.html names (entry and modulepreloads).
    const pageChunks = [...readFileSync(join(DIST, 'index.html'), 'utf8').matchAll(/\/assets\/([\w.-]+\.js)/g)].map((m) => m[1]);
    expect(pageChunks.length).toBeGreaterThan(0);
    expect(pageChunks.filter(hasTfjs)).toEqual([]);
    expect(files.filter((f) => f.startsWith('trainer.worker')).every(hasTfjs)).toBe(true);
  });

  it("ships exactly one onnxruntime-web WASM flavour, and tfjs's three WASM builds (plain, SIMD, threaded SIMD) for training", () => {
    const wasm = readdirSync(ASSETS).filter((f) => f.endsWith('.wasm'));
    const ort = wasm.filter((f) => f.startsWith('ort-'));
    expect(ort).toHaveLength(1);
    expect(ort[0]).toMatch(/^ort-wasm-simd-threaded\.jsep/);
    expect(wasm.filter((f) => !f.startsWith('ort-')).map((f) => f.replace(/-[\w]{8}\.wasm$/, '')).sort()).toEqual(['tfjs-backend-wasm', 'tfjs-backend-wasm-simd', 'tfjs-backend-wasm-threaded-simd']);
  });
});
