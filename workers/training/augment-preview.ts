import type * as tfType from '@tensorflow/tfjs';
import type { AugmentPreview, DatasetRequest } from '$lib/training/shared/protocol';
import { drawAugmentation, type AugmentConfig } from '$lib/training/shared/augment';
import { Rng } from '$lib/util/random';
import { loadDataset } from '$workers/datasets/load-dataset';
import { allPositions } from '$workers/datasets/source';
import { augmentBatch } from './augment-gpu';

/** The first `count` training images through the same augmentation the loop applies, for the settings preview. */
export async function previewAugmentation(
  tf: typeof tfType,
  dataset: DatasetRequest,
  augment: AugmentConfig,
  seed: number,
  count: number,
): Promise<AugmentPreview> {
  const { train } = await loadDataset({ ...dataset, count: Math.max(dataset.count, count * 2) });
  const { height, width, channels } = train;
  const shown = Math.min(count, train.count);
  const shape: [number, number, number, number] = [shown, height, width, channels];
  const draw = drawAugmentation({ ...augment, enabled: true }, shown, new Rng(seed));
  const first = await train.read(allPositions(train).subarray(0, shown));
  const out = tf.tidy(() => augmentBatch(tf, tf.tensor4d(first, shape), draw));
  const images = new Float32Array(await out.data());
  out.dispose();
  return { images, shape };
}
