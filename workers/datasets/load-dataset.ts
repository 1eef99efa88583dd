import type { DatasetRequest } from '$lib/training/shared/protocol';
import { splitDataset, type DatasetSplit } from '$lib/datasets/shared/dataset';
import { generateRgbShapes, generateShapes } from '$lib/datasets/shared/shapes';
import { isDatasetId, userDatasetId } from '$lib/datasets/shared/catalog';
import { loadMnistSplit } from './mnist';
import { memorySource, type SourceSplit } from './source';
import { loadStoredSplit } from './stored';

const inMemory = ({ train, val }: DatasetSplit): SourceSplit => ({ train: memorySource(train), val: memorySource(val) });

/**
 * The worker's one way to data: every dataset arrives as a stratified train/validation split of
 * sample sources (grayscale or RGB, values in [0, 1]), which the loop puts on the device and
 * augments the same way. A dataset's branch here is all it takes to train on it.
 */
export async function loadDataset(request: DatasetRequest): Promise<SourceSplit> {
  const { count, seed, valFraction } = request;
  if (!isDatasetId(request.kind)) return loadStoredSplit(userDatasetId(request.kind), seed, valFraction);
  switch (request.kind) {
    case 'shapes':
      return inMemory(splitDataset(generateShapes({ count, seed }), valFraction));
    case 'shapes-rgb':
      return inMemory(splitDataset(generateRgbShapes({ count, seed }), valFraction));
    case 'mnist':
      // A fixed set with its own train/test split: validation comes from its test side, not valFraction.
      return inMemory(await loadMnistSplit(count, seed));
  }
}
