/**
 * Build step for the bundled MNIST digits: converts the `mnist` package's JSON (10,000 digits,
 * ~40 MB of decimal text) into one compressed binary asset (format in
 * src/lib/datasets/shared/mnist-format.ts), emitted under the build and served by `vite dev`, so the app
 * loads it from its own origin and works offline.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { encodeMnist, type MnistSource } from '../src/lib/datasets/shared/mnist-format.ts';

const SIDE = 28;
const DIGITS = 10;
const VIRTUAL_ID = 'virtual:netloom/mnist-asset';

const packageDir = () => dirname(createRequire(import.meta.url).resolve('mnist/package.json'));

/** The package's digits in its own order (all 0s, then all 1s, …), pixels back to 0..255. */
export function readMnistPackage(): MnistSource {
  const digitsDir = join(packageDir(), 'src', 'digits');
  const perDigit = Array.from({ length: DIGITS }, (_, digit) => {
    const { data } = JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8')) as { data: number[] };
    // The package stores byte/255 rounded to 3 decimals: ×255 is within 0.13 of the byte, so rounding restores it exactly.
    return Uint8Array.from(data, (v) => Math.round(v * 255));
  });
  const pixels = new Uint8Array(perDigit.reduce((n, d) => n + d.length, 0));
  const labels = new Uint8Array(pixels.length / (SIDE * SIDE));
  let offset = 0;
  perDigit.forEach((digitPixels, digit) => {
    pixels.set(digitPixels, offset);
    labels.fill(digit, offset / (SIDE * SIDE), (offset + digitPixels.length) / (SIDE * SIDE));
    offset += digitPixels.length;
  });
  return { height: SIDE, width: SIDE, classCount: DIGITS, pixels, labels };
}

export function buildMnistAsset(): Uint8Array {
  return encodeMnist(readMnistPackage());
}

/** The package's digit files and the format's writer: what the asset is made of, read without parsing 41 MB of JSON. */
function inputFiles(): string[] {
  const digitsDir = join(packageDir(), 'src', 'digits');
  const writer = fileURLToPath(new URL('../src/lib/datasets/shared/mnist-format.ts', import.meta.url));
  return [...Array.from({ length: DIGITS }, (_, digit) => join(digitsDir, `${digit}.json`)), writer];
}

/**
 * `import { mnistAssetUrl } from 'virtual:netloom/mnist-asset'` gives the asset's path on the
 * app's origin. The name carries a hash of the inputs, so a changed asset is never read from a
 * stale cache, and naming it costs no conversion: the ~4 s build runs only when the file is written
 * or first requested. Register it for the page (`emit: true`, writes the file) and for workers and
 * Vitest (`emit: false`, the same path).
 */
export function mnistAsset({ emit }: { emit: boolean }): Plugin {
  let base = '/';
  let fileName: string | undefined;
  let bytes: Uint8Array | undefined;
  const name = () => {
    if (!fileName) {
      const hash = createHash('sha256');
      for (const file of inputFiles()) hash.update(readFileSync(file));
      fileName = `datasets/mnist-${hash.digest('hex').slice(0, 10)}.bin`;
    }
    return fileName;
  };
  const contents = () => (bytes ??= buildMnistAsset());
  return {
    name: 'netloom-mnist-asset',
    configResolved(config) {
      base = config.base;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined;
    },
    load(id) {
      return id === `\0${VIRTUAL_ID}` ? `export const mnistAssetUrl = ${JSON.stringify(base + name())};` : undefined;
    },
    generateBundle() {
      if (emit) this.emitFile({ type: 'asset', fileName: name(), source: contents() });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith(`${base}datasets/mnist-`) || req.url.split('?')[0] !== base + name()) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(contents());
      });
    },
  };
}
