import type { DatasetRequest } from '$lib/training/shared/protocol';
import { splitDataset, type DatasetSplit } from '$lib/datasets/shared/dataset';
import { generateRgbShapes, generateShapes } from '$lib/datasets/shared/shapes';
import { loadMnistSplit } from './mnist';

/**
 * The worker's one way to data: every dataset arrives as a stratified train/validation split of
 * float images in [0, 1] (grayscale or RGB), which the loop uploads and augments the same way.
 * A dataset's branch here is all it takes to train on it.
 */
export async function loadDataset(request: DatasetRequest): Promise<DatasetSplit> {
  const { count, seed, valFraction } = request;
  switch (request.kind) {
    case 'shapes':
      return splitDataset(generateShapes({ count, seed }), valFraction);
    case 'shapes-rgb':
      return splitDataset(generateRgbShapes({ count, seed }), valFraction);
    case 'mnist':
      // A fixed set with its own train/test split: validation comes from its test side, not valFraction.
      return loadMnistSplit(count, seed);
  }
}
