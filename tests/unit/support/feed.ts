import type * as tfType from '@tensorflow/tfjs';
import { toDevice, type DeviceFeed } from '$workers/datasets/device-feed';
import { memorySource } from '$workers/datasets/source';

/** A device feed of the images in `xs`, every one labelled class 0 of `classes`. */
export async function feedOf(tf: typeof tfType, xs: tfType.Tensor4D, classes = 2): Promise<DeviceFeed> {
  const [count, height, width, channels] = xs.shape;
  const images = (await xs.data()) as Float32Array;
  const labels = new Uint8Array(count);
  const ids = Uint32Array.from(labels.keys());
  return toDevice(tf, memorySource({ name: 'test', height, width, channels, classes: Array.from({ length: classes }, (_, c) => `c${c}`), images, labels, ids }));
}
