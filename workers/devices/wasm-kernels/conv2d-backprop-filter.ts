import * as tf from '@tensorflow/tfjs';
import { composeKernel, geometry, input, padOrCrop, type KernelArgs } from './compose';

/**
 * dW[ky, kx, c, f] = Σ over n, i, j of x[n, i·s + ky, j·s + kx, c] · dy[n, i, j, f] is itself a
 * convolution once batch and channels swap places: the input's channels become the batch, the
 * batch becomes the summed-over channels, dy becomes a filter the size of the output, and the forward
 * stride becomes its dilation. One XNNPACK Conv2D then does the work, where im2col by filter tap spent
 * most of a step in strided slices. The padding is the forward one on the top and left; on the bottom
 * and right just what gives a filterHeight × filterWidth result (negative: rows cropped).
 */
function conv2dBackpropFilter({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(dataFormat));
  const g = geometry(info);
  const [, h, w] = x.shape;
  const bottom = (g.filterHeight - 1) * g.dilationHeight + (g.outHeight - 1) * g.strideHeight + 1 - h - g.padTop;
  const right = (g.filterWidth - 1) * g.dilationWidth + (g.outWidth - 1) * g.strideWidth + 1 - w - g.padLeft;
  return composeKernel(backend, [x, dy], (xt, dyt) => {
    const channelsAsBatch = padOrCrop(tf.transpose(xt, [3, 1, 2, 0]) as tf.Tensor4D, { before: Math.min(0, g.padTop), after: Math.min(0, bottom) }, { before: Math.min(0, g.padLeft), after: Math.min(0, right) });
    const dyAsFilter = tf.transpose(dyt, [1, 2, 0, 3]) as tf.Tensor4D;
    const padding: tf.backend_util.ExplicitPadding = [[0, 0], [Math.max(0, g.padTop), Math.max(0, bottom)], [Math.max(0, g.padLeft), Math.max(0, right)], [0, 0]];
    const perChannel = tf.conv2d(channelsAsBatch, dyAsFilter, [g.dilationHeight, g.dilationWidth], padding, 'NHWC', [g.strideHeight, g.strideWidth]);
    return tf.transpose(perChannel, [1, 2, 0, 3]);
  });
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc,
};
