/**
 * Build step for the bundled MNIST digits: converts the `mnist` package's JSON (10,000 digits,
 * ~40 MB of decimal text) into one compressed binary asset (format in
 * src/lib/datasets/shared/mnist.ts), emitted under the build and served by `vite dev`, so the app
 * loads it from its own origin and works offline.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { encodeMnist, type MnistSource } from '../src/lib/datasets/shared/mnist-format';

const SIDE = 28;
const DIGITS = 10;
const VIRTUAL_ID = 'virtual:netloom/mnist-asset';

/** The package's digits in its own order (all 0s, then all 1s, …), pixels back to 0..255. */
export function readMnistPackage(): MnistSource {
  const digitsDir = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
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

/**
 * `import { mnistAssetUrl } from 'virtual:netloom/mnist-asset'` gives the asset's path on the
 * app's origin (content-hashed, so a new build never reads a stale cached copy). Register it for
 * the page (`emit: true`, writes the file) and for workers (`emit: false`, the same path).
 */
export function mnistAsset({ emit }: { emit: boolean }): Plugin {
  let base = '/';
  let built: { bytes: Uint8Array; fileName: string } | undefined;
  const asset = () => {
    if (!built) {
      const bytes = buildMnistAsset();
      built = { bytes, fileName: `datasets/mnist-${createHash('sha256').update(bytes).digest('hex').slice(0, 10)}.bin` };
    }
    return built;
  };
  return {
    name: 'netloom-mnist-asset',
    configResolved(config) {
      base = config.base;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined;
    },
    load(id) {
      return id === `\0${VIRTUAL_ID}` ? `export const mnistAssetUrl = ${JSON.stringify(base + asset().fileName)};` : undefined;
    },
    generateBundle() {
      if (emit) this.emitFile({ type: 'asset', fileName: asset().fileName, source: asset().bytes });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith(`${base}datasets/mnist-`) || req.url.split('?')[0] !== base + asset().fileName) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(asset().bytes);
      });
    },
  };
}
