/**
 * Reads the bundled MNIST asset (format and split rule in ./mnist-format.ts) and takes the
 * stratified subset a run trains and validates on.
 */
import { inflateSync } from 'fflate';
import { m } from '$lib/i18n/messages';
import { Rng, shuffledIndices } from '$lib/util/random';
import type { DatasetSplit, ImageDataset } from './dataset';
import { MNIST_HEADER_BYTES, MNIST_MAGIC, MNIST_VERSION, SPLIT_TEST, SPLIT_TRAIN } from './mnist-format';

export interface MnistSet {
  height: number;
  width: number;
  classCount: number;
  /** count × height × width, 0..255. */
  pixels: Uint8Array;
  labels: Uint8Array;
  /** Sample ids (indices into labels) of each side of the fixed split, ascending. */
  trainIds: Uint32Array;
  testIds: Uint32Array;
}

/** The asset is not one this build can read; the message says why, in catalogue words. */
export class MnistFormatError extends Error {
  override name = 'MnistFormatError';
}

export function decodeMnist(bytes: Uint8Array): MnistSet {
  const fail = (why: string): never => {
    throw new MnistFormatError(m.mnistAssetInvalid({ why }));
  };
  if (bytes.length < MNIST_HEADER_BYTES || new TextDecoder().decode(bytes.subarray(0, 4)) !== MNIST_MAGIC) fail(m.mnistNotAsset());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [version, height, width, classCount] = bytes.subarray(4, 8);
  if (version !== MNIST_VERSION) fail(m.mnistVersion({ found: version, expected: MNIST_VERSION }));
  const count = view.getUint32(8, true);
  const bodyBytes = view.getUint32(12, true);
  if (bytes.length !== MNIST_HEADER_BYTES + bodyBytes) fail(m.mnistTruncated({ got: bytes.length, expected: MNIST_HEADER_BYTES + bodyBytes }));
  const expected = count * (2 + height * width);
  let body: Uint8Array = new Uint8Array(0);
  try {
    body = inflateSync(bytes.subarray(MNIST_HEADER_BYTES), { out: new Uint8Array(expected) });
  } catch {
    fail(m.mnistCorrupt());
  }
  if (body.length !== expected) fail(m.mnistCorrupt());
  const labels = body.slice(0, count);
  const split = body.subarray(count, count * 2);
  if (labels.some((label) => label >= classCount) || split.some((side) => side > SPLIT_TEST)) fail(m.mnistCorrupt());
  const ids = (side: number) => Uint32Array.from(split.keys()).filter((id) => split[id] === side);
  return { height, width, classCount, pixels: body.slice(count * 2), labels, trainIds: ids(SPLIT_TRAIN), testIds: ids(SPLIT_TEST) };
}

/** Takes `n` of `ids` with each class in proportion to its share (largest remainder), in a seeded order. */
export function stratifiedPick(ids: Uint32Array, labels: Uint8Array, classCount: number, n: number, rng: Rng): Uint32Array {
  const byClass = Array.from({ length: classCount }, () => [] as number[]);
  for (const id of ids) byClass[labels[id]].push(id);
  const exact = byClass.map((group) => (group.length * n) / ids.length);
  const quota = exact.map(Math.floor);
  const byRemainder = exact.map((x, c) => [x - Math.floor(x), c]).sort((a, b) => b[0] - a[0]);
  for (let i = 0, left = n - quota.reduce((a, b) => a + b, 0); left > 0; i++, left--) quota[byRemainder[i][1]]++;
  const picked = byClass.flatMap((group, c) => Array.from(shuffledIndices(group.length, rng).subarray(0, quota[c]), (i) => group[i]));
  return Uint32Array.from(shuffledIndices(picked.length, rng), (i) => picked[i]);
}

function toImageDataset(set: MnistSet, ids: Uint32Array): ImageDataset {
  const size = set.height * set.width;
  const images = new Float32Array(ids.length * size);
  ids.forEach((id, i) => {
    const sample = set.pixels.subarray(id * size, (id + 1) * size);
    for (let p = 0; p < size; p++) images[i * size + p] = sample[p] / 255;
  });
  return {
    name: 'mnist',
    height: set.height,
    width: set.width,
    channels: 1,
    classes: Array.from({ length: set.classCount }, (_, digit) => String(digit)),
    images,
    labels: Uint8Array.from(ids, (id) => set.labels[id]),
    ids,
  };
}

/**
 * `count` samples in all, split as the asset is (about 85/15): a stratified draw from the train
 * side for training and from the test side for validation, so validation never sees a training id.
 */
export function mnistSubset(set: MnistSet, count: number, seed: number): DatasetSplit & { trainIds: Uint32Array; valIds: Uint32Array } {
  const total = set.trainIds.length + set.testIds.length;
  const n = Math.min(Math.max(2, Math.round(count)), total);
  const nVal = Math.min(set.testIds.length, Math.max(1, Math.round((n * set.testIds.length) / total)));
  const rng = new Rng(seed);
  const trainIds = stratifiedPick(set.trainIds, set.labels, set.classCount, n - nVal, rng);
  const valIds = stratifiedPick(set.testIds, set.labels, set.classCount, nVal, rng);
  return { train: toImageDataset(set, trainIds), val: toImageDataset(set, valIds), trainIds, valIds };
}
