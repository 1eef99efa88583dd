import type * as tfType from '@tensorflow/tfjs';
import type { AugmentDraw } from '$lib/training/shared/augment';

/**
 * Applies one batch's augmentation on the device: crop-and-resize does the random resized crop,
 * the translation and the flip in one op (a box with x1 > x2 is sampled mirrored; area outside
 * the image reads as 0), then contrast around each image's mean and a brightness offset.
 */
export function augmentBatch(tf: typeof tfType, xs: tfType.Tensor4D, draw: AugmentDraw): tfType.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w] = xs.shape;
    const boxes = tf.tensor2d(draw.boxes, [n, 4]);
    const cropped = tf.image.cropAndResize(xs, boxes, tf.range(0, n, 1, 'int32') as tfType.Tensor1D, [h, w], 'bilinear', 0);
    const mean = tf.mean(cropped, [1, 2, 3], true);
    const contrast = tf.tensor4d(draw.contrast, [n, 1, 1, 1]);
    const brightness = tf.tensor4d(draw.brightness, [n, 1, 1, 1]);
    return tf.clipByValue(tf.add(tf.add(tf.mul(tf.sub(cropped, mean), contrast), mean), brightness), 0, 1) as tfType.Tensor4D;
  });
}
