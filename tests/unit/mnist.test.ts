import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildMnistAsset } from '../../build/mnist-asset';
import { decodeMnist, mnistSubset, MnistFormatError, type MnistSet } from '$lib/datasets/shared/mnist';
import { MNIST_HEADER_BYTES } from '$lib/datasets/shared/mnist-format';
import { m } from '$lib/i18n/messages';

const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const SIZE = 28 * 28;
const FIRST_SAMPLE_INK = 31095;
const digitsDir = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');

/** Sum of a sample's pixels as bytes, read straight from the package's JSON (values are byte/255). */
function packageChecksum(digit: number, index: number): number {
  const { data } = JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8')) as { data: number[] };
  return data.slice(index * SIZE, (index + 1) * SIZE).reduce((sum, v) => sum + Math.round(v * 255), 0);
}

function assetChecksum(set: MnistSet, id: number): number {
  return set.pixels.subarray(id * SIZE, (id + 1) * SIZE).reduce((sum, v) => sum + v, 0);
}

/** The id of the package's `index`-th sample of `digit`: samples keep the package's digit-major order. */
const idOf = (digit: number, index: number) => PACKAGE_COUNTS.slice(0, digit).reduce((a, b) => a + b, 0) + index;

describe('bundled MNIST asset', () => {
  let asset: Uint8Array;
  let set: MnistSet;
  // Building the asset compresses 10,000 digits: seconds alone, much longer on a shared, busy machine.
  beforeAll(() => {
    asset = buildMnistAsset();
    set = decodeMnist(asset);
  }, 120_000);

  it('is a compact file: well under the raw 7.9 MB of pixels', () => {
    expect(asset.length).toBeLessThan(2_500_000);
  });

  it('holds every digit of the package, as many of each as the package has', () => {
    expect(set.height).toBe(28);
    expect(set.width).toBe(28);
    expect(set.pixels.length).toBe(10_000 * SIZE);
    const counts = new Array<number>(10).fill(0);
    for (const label of set.labels) counts[label]++;
    expect(counts).toEqual(PACKAGE_COUNTS);
    expect(set.labels[0]).toBe(0);
    expect(set.labels[9999]).toBe(9);
  });

  it('keeps the pixels of the package exactly', () => {
    for (const [digit, index] of [[0, 0], [3, 517], [5, 862], [9, 977]]) {
      expect(assetChecksum(set, idOf(digit, index))).toBe(packageChecksum(digit, index));
    }
    // The package's first sample, a 0, has this many bytes of ink (fixed so a change of both sides still shows).
    expect(assetChecksum(set, 0)).toBe(FIRST_SAMPLE_INK);
  });

  it('splits each digit 85/15, the test side being the tail of each digit, with no shared id', () => {
    expect(set.trainIds.length + set.testIds.length).toBe(10_000);
    const train = new Set(set.trainIds);
    expect(set.testIds.some((id) => train.has(id))).toBe(false);
    PACKAGE_COUNTS.forEach((n, digit) => {
      const testOfDigit = set.testIds.filter((id) => set.labels[id] === digit);
      expect(testOfDigit.length).toBe(Math.round(n * 0.15));
      expect(testOfDigit[0]).toBe(idOf(digit, n - testOfDigit.length));
    });
  });

  it('gives a run a stratified subset: training ids from the train side, validation from the test side', () => {
    const subset = mnistSubset(set, 2000, 7);
    expect(subset.trainIds.length + subset.valIds.length).toBe(2000);
    const test = new Set(set.testIds);
    expect(subset.trainIds.every((id) => !test.has(id))).toBe(true);
    expect(subset.valIds.every((id) => test.has(id))).toBe(true);
    const perDigit = (ids: Uint32Array) => PACKAGE_COUNTS.map((_, d) => ids.filter((id) => set.labels[id] === d).length);
    perDigit(subset.trainIds).forEach((n, d) => expect(Math.abs(n - (PACKAGE_COUNTS[d] * subset.trainIds.length) / 10_000)).toBeLessThanOrEqual(20));
    expect(subset.train.images.length).toBe(subset.trainIds.length * SIZE);
    expect(subset.train.images[0]).toBe(set.pixels[subset.trainIds[0] * SIZE] / 255);
    expect(Array.from(subset.val.labels)).toEqual(Array.from(subset.valIds, (id) => set.labels[id]));
    expect(mnistSubset(set, 2000, 7).trainIds).toEqual(subset.trainIds);
  });

  it('refuses a truncated file, saying so', () => {
    const cut = asset.subarray(0, asset.length - 1000);
    expect(() => decodeMnist(cut)).toThrow(MnistFormatError);
    expect(() => decodeMnist(cut)).toThrow(m.mnistAssetInvalid({ why: m.mnistTruncated({ got: cut.length, expected: asset.length }) }));
  });

  it('refuses a foreign file (an HTML error page) and a damaged body', () => {
    const html = new TextEncoder().encode('<!doctype html><title>404</title>');
    expect(() => decodeMnist(html)).toThrow(m.mnistAssetInvalid({ why: m.mnistNotAsset() }));
    const damaged = asset.slice();
    damaged.fill(0xff, MNIST_HEADER_BYTES + 100, MNIST_HEADER_BYTES + 400);
    expect(() => decodeMnist(damaged)).toThrow(m.mnistAssetInvalid({ why: m.mnistCorrupt() }));
    const future = asset.slice();
    future[4] = 99;
    expect(() => decodeMnist(future)).toThrow(m.mnistAssetInvalid({ why: m.mnistVersion({ found: 99, expected: 1 }) }));
  });
});

describe("the worker's MNIST branch", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** The worker's dataset path as a fresh worker has it: nothing cached yet. */
  async function freshWorker() {
    vi.resetModules();
    return (await import('$workers/datasets/load-dataset')).loadDataset;
  }

  /** A worker global whose fetch answers from the converter's output, or with `status` when given. */
  function serve(status = 200) {
    const asset = buildMnistAsset();
    const fetch = vi.fn(async (url: URL) => {
      expect(url.origin).toBe('http://app.test');
      expect(url.pathname).toMatch(/^\/datasets\/mnist-[0-9a-f]{10}\.bin$/);
      return new Response(status === 200 ? asset.slice() : 'gone', { status });
    });
    vi.stubGlobal('self', { location: { href: 'http://app.test/assets/trainer.worker.js' } });
    vi.stubGlobal('fetch', fetch);
    return fetch;
  }

  it('trains on a subset of the train side and validates on the test side, fetching the asset once', async () => {
    const fetch = serve();
    const loadDataset = await freshWorker();
    const request = { kind: 'mnist' as const, count: 500, seed: 3, valFraction: 0.5 };
    const first = await loadDataset(request);
    expect(first.train.labels.length + first.val.labels.length).toBe(500);
    expect(first.val.labels.length).toBe(75);
    expect(first.train.classes).toHaveLength(10);
    expect(new Set(first.train.labels).size).toBe(10);
    const again = await loadDataset(request);
    expect(again.train.labels).toEqual(first.train.labels);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reports a failed download and tries again on the next run', async () => {
    serve(404);
    const loadDataset = await freshWorker();
    const request = { kind: 'mnist' as const, count: 100, seed: 1, valFraction: 0.2 };
    await expect(loadDataset(request)).rejects.toThrow(m.mnistDownloadFailed({ status: 404 }));
    const fetch = serve();
    await expect(loadDataset(request)).resolves.toBeDefined();
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
