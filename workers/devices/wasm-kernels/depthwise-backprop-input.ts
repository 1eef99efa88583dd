import * as tf from '@tensorflow/tfjs';
import { composeKernel, input, type KernelArgs, geometry, padOrCrop } from './compose';

/**
 * dx is the transposed depthwise convolution: dy spread out by the stride (zeros between rows and
 * columns), padded so each input pixel sees every output it fed, then a stride-1 depthwise
 * convolution with the spatially flipped filter over all channel × multiplier planes, and the
 * multiplier planes of each channel summed.
 */
function depthwiseBackpropInput({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  const dy = input(inputs, 'dy');
  const filter = input(inputs, 'filter');
  const filterShape = filter.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, strides, dilations, pad, dimRoundingMode, true);
  const g = geometry(info);
  const [n, h, w, channels] = inputShape;
  const [fh, fw, , multiplier] = filterShape;
  return composeKernel(backend, [dy, filter], (dyt, ft) => {
    const spread = spreadByStride(dyt as tf.Tensor4D, g.strideHeight, g.strideWidth);
    const reachH = (fh - 1) * g.dilationHeight;
    const reachW = (fw - 1) * g.dilationWidth;
    const top = reachH - g.padTop;
    const left = reachW - g.padLeft;
    const padded = padOrCrop(spread, { before: top, after: h + reachH - spread.shape[1] - top }, { before: left, after: w + reachW - spread.shape[2] - left });
    const flipped = tf.reshape(tf.reverse(ft, [0, 1]), [fh, fw, channels * multiplier, 1]) as tf.Tensor4D;
    const planes = tf.depthwiseConv2d(padded, flipped, 1, 'valid', 'NHWC', [g.dilationHeight, g.dilationWidth]);
    return multiplier === 1 ? planes : tf.sum(tf.reshape(planes, [n, h, w, channels, multiplier]), 4);
  });
}

/** [n, oh, ow, c] → [n, (oh−1)·sh + 1, (ow−1)·sw + 1, c] with sh−1 zero rows (sw−1 columns) between. */
function spreadByStride(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [n, oh, ow, c] = dy.shape;
  const gaps = tf.pad(tf.reshape(dy, [n, oh, 1, ow, 1, c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
  return tf.slice(tf.reshape(gaps, [n, oh * sh, ow * sw, c]) as tf.Tensor4D, [0, 0, 0, 0], [n, (oh - 1) * sh + 1, (ow - 1) * sw + 1, c]);
}

export const depthwiseBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInput as unknown as tf.KernelFunc,
};
