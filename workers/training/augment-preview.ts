import type * as tfType from '@tensorflow/tfjs';
import type { AugmentPreview, DatasetRequest } from '$lib/training/shared/protocol';
import { drawAugmentation, type AugmentConfig } from '$lib/training/shared/augment';
import { Rng } from '$lib/util/random';
import { loadDataset } from '$workers/datasets/load-dataset';
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
  const shape: [number, number, number, number] = [count, height, width, channels];
  const draw = drawAugmentation({ ...augment, enabled: true }, count, new Rng(seed));
  const out = tf.tidy(() => augmentBatch(tf, tf.tensor4d(train.images.subarray(0, count * height * width * channels), shape), draw));
  const images = new Float32Array(await out.data());
  out.dispose();
  return { images, shape };
}
