import * as tf from '@tensorflow/tfjs';
import { composeKernel, input, type KernelArgs, geometry, tapViews } from './compose';

/**
 * dW[ky, kx, :, :] = Σ over batch and output positions of x(tap ky,kx)ᵀ · dy: one MatMul per tap
 * of the strided input view with dy, both flattened to [positions, channels].
 */
function conv2dBackpropFilter({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(dataFormat));
  const g = geometry(info);
  const [fh, fw, inC, outC] = filterShape;
  return composeKernel(backend, [x, dy], (xt, dyt) => {
    const positions = dyt.size / outC;
    const dy2 = tf.reshape(dyt, [positions, outC]);
    const perTap = tapViews(xt as tf.Tensor4D, g).map((tap) => tf.matMul(tf.reshape(tap, [positions, inC]), dy2, true, false));
    return tf.reshape(tf.stack(perTap), [fh, fw, inC, outC]);
  });
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc,
};
