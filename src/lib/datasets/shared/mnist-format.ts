/**
 * The bundled MNIST asset's binary format and its writer (run at build time by build/mnist-asset.ts;
 * no aliased imports, so Vite's config loader can bundle it). The reader is ./mnist.ts.
 *
 * Format, little-endian:
 *   offset 0  4 bytes  magic "NLMN"
 *          4  u8       format version (MNIST_VERSION)
 *          5  u8       height (28)
 *          6  u8       width (28)
 *          7  u8       class count (10)
 *          8  u32      sample count
 *         12  u32      byte length of the compressed body that follows
 *         16  …        raw DEFLATE (fflate) of: labels[count] · split[count] · pixels[count × h × w]
 * Pixels are uint8 0..255, one channel, sample-major. split is 0 for train, 1 for test.
 *
 * The split (fixed, stratified by digit): the samples keep the package's order (digit 0's samples,
 * then digit 1's, …) and the last MNIST_TEST_FRACTION of each digit's samples, rounded, are test.
 * A sample's id is its index in that order.
 */
import { deflateSync } from 'fflate';

export const MNIST_MAGIC = 'NLMN';
export const MNIST_VERSION = 1;
export const MNIST_HEADER_BYTES = 16;
export const MNIST_TEST_FRACTION = 0.15;

export const SPLIT_TRAIN = 0;
export const SPLIT_TEST = 1;

/** Marks the last `fraction` (rounded) of each class's samples, in order, as test. */
export function stratifiedTailSplit(labels: Uint8Array, classCount: number, fraction: number): Uint8Array {
  const perClass = new Array<number>(classCount).fill(0);
  for (const label of labels) perClass[label]++;
  const trainLeft = perClass.map((n) => n - Math.round(n * fraction));
  return labels.map((label) => (trainLeft[label]-- > 0 ? SPLIT_TRAIN : SPLIT_TEST));
}

export interface MnistSource {
  height: number;
  width: number;
  classCount: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

export function encodeMnist(source: MnistSource): Uint8Array {
  const count = source.labels.length;
  const body = new Uint8Array(count * 2 + source.pixels.length);
  body.set(source.labels, 0);
  body.set(stratifiedTailSplit(source.labels, source.classCount, MNIST_TEST_FRACTION), count);
  body.set(source.pixels, count * 2);
  const compressed = deflateSync(body, { level: 6 });
  const out = new Uint8Array(MNIST_HEADER_BYTES + compressed.length);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MNIST_MAGIC), 0);
  out.set([MNIST_VERSION, source.height, source.width, source.classCount], 4);
  view.setUint32(8, count, true);
  view.setUint32(12, compressed.length, true);
  out.set(compressed, MNIST_HEADER_BYTES);
  return out;
}
