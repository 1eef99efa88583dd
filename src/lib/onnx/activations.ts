import type { ActivationName } from '$lib/spec/types';
import { LEAKY_RELU_ALPHA } from '$lib/spec/activation-params';
import { floatAttr, intAttr } from './attributes';
import type { GraphBuilder, Value } from './graph-builder';
import type { proto } from './proto';

/** Emits the ONNX equivalent of a tfjs activation; the shape is unchanged. */
export function lowerActivation(b: GraphBuilder, scope: string, x: Value, activation: ActivationName): Value {
  const unary = (opType: string, attrs: proto.IAttributeProto[] = []): Value => ({
    name: b.op(scope, opType, [x.name], attrs),
    shape: x.shape,
  });
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return unary('Relu');
    case 'relu6':
      return { name: b.op(scope, 'Clip', [x.name, b.scalar(0), b.scalar(6)]), shape: x.shape };
    case 'leakyRelu':
      return unary('LeakyRelu', [floatAttr('alpha', LEAKY_RELU_ALPHA)]);
    case 'elu':
      return unary('Elu', [floatAttr('alpha', 1)]);
    case 'sigmoid':
      return unary('Sigmoid');
    case 'tanh':
      return unary('Tanh');
    case 'softmax':
      // tfjs normalises the last Keras axis: the features of a vector, the channels (ONNX axis 1) of an image.
      return unary('Softmax', [intAttr('axis', x.shape.length === 1 ? -1 : 1)]);
    case 'swish':
      return { name: b.op(scope, 'Mul', [x.name, b.op(scope, 'Sigmoid', [x.name])]), shape: x.shape };
  }
}
