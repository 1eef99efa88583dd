import type * as tfType from '@tensorflow/tfjs';
import type { ImageDataset } from '$lib/datasets/shared/dataset';

/** A dataset uploaded to the backend once per run: batches are gathered on the device, not re-uploaded. */
export interface DeviceDataset {
  xs: tfType.Tensor4D;
  ys: tfType.Tensor2D;
  count: number;
  dispose(): void;
}

export function toDevice(tf: typeof tfType, d: ImageDataset): DeviceDataset {
  const count = d.labels.length;
  const xs = tf.tensor4d(d.images, [count, d.height, d.width, d.channels]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(d.labels, 'int32'), d.classes.length).toFloat() as tfType.Tensor2D);
  return { xs, ys, count, dispose: () => tf.dispose([xs, ys]) };
}
