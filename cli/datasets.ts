import { splitDataset, type DatasetSplit } from '$lib/datasets/shared/dataset';
import type { DatasetId } from '$lib/datasets/shared/catalog';
import { generateRgbShapes, generateShapes } from '$lib/datasets/shared/shapes';
import { decodeMnist, mnistSubset } from '$lib/datasets/shared/mnist';
import { VAL_FRACTION } from '$lib/training/shared/validate';
import { memorySource, type SourceSplit } from '$workers/datasets/source';
import { buildMnistAsset } from '../build/mnist-asset';

const inMemory = ({ train, val }: DatasetSplit): SourceSplit => ({ train: memorySource(train), val: memorySource(val) });

/**
 * A built-in dataset as the worker's loader splits it (workers/datasets/load-dataset.ts), read
 * without a page: the generated sets from the seed, MNIST from the same asset the build bundles,
 * converted from the `mnist` package in this process instead of fetched.
 */
export function loadBuiltInSplit(id: DatasetId, count: number, seed: number): SourceSplit {
  switch (id) {
    case 'shapes':
      return inMemory(splitDataset(generateShapes({ count, seed }), VAL_FRACTION));
    case 'shapes-rgb':
      return inMemory(splitDataset(generateRgbShapes({ count, seed }), VAL_FRACTION));
    case 'mnist':
      return inMemory(mnistSubset(decodeMnist(buildMnistAsset()), count, seed));
  }
}
