import * as tf from '@tensorflow/tfjs';
import { composeKernel, input, type KernelArgs, geometry, tapViews } from './compose';

/**
 * dW[ky, kx, c, m] = Σ over batch and output positions of x(tap ky,kx)[c] · dy[c·M + m]: per tap, a
 * broadcast product of the strided input view with dy (split into channel × multiplier) summed over positions.
 */
function depthwiseBackpropFilter({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, dilations, pad, dimRoundingMode, true);
  const g = geometry(info);
  const [fh, fw, channels, multiplier] = filterShape;
  return composeKernel(backend, [x, dy], (xt, dyt) => {
    const positions = dyt.size / (channels * multiplier);
    const dy3 = tf.reshape(dyt, [positions, channels, multiplier]);
    const perTap = tapViews(xt as tf.Tensor4D, g).map((tap) => tf.sum(tf.mul(tf.reshape(tap, [positions, channels, 1]), dy3), 0));
    return tf.reshape(tf.stack(perTap), [fh, fw, channels, multiplier]);
  });
}

export const depthwiseBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilter as unknown as tf.KernelFunc,
};
