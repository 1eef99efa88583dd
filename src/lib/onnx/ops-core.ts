import type { ModelWeights, NodeOf } from '$lib/spec/types';
import { lowerActivation } from './activations';
import { floatAttr, intAttr, intsAttr } from './attributes';
import type { GraphBuilder, Value } from './graph-builder';
import { TO_NCHW, TO_NHWC } from './layout';
import { takeWeight } from './weights';

/** Last Keras axis: the features of a vector, the channels of an image. */
const channels = (x: Value): number => x.shape[x.shape.length - 1];

/** Keras Dense on an image acts on every pixel's channel vector, so it runs channels-last. */
function densePerPixel(b: GraphBuilder, id: string, x: Value, kernel: string, bias: string | null): string {
  const nhwc = b.op(id, 'Transpose', [x.name], [intsAttr('perm', TO_NHWC)]);
  const product = b.op(id, 'MatMul', [nhwc, kernel]);
  const biased = bias ? b.op(id, 'Add', [product, bias]) : product;
  return b.op(id, 'Transpose', [biased], [intsAttr('perm', TO_NCHW)]);
}

export function lowerDense(b: GraphBuilder, node: NodeOf<'Dense'>, x: Value, weights: ModelWeights): Value {
  const { id, params: p } = node;
  const shape = [channels(x), p.units];
  // Keras keeps the kernel as [in, out], which is Gemm's B without transposition.
  const kernel = b.floats(id, 'kernel', takeWeight(weights, id, 'kernel', shape), shape);
  const bias = p.useBias ? b.floats(id, 'bias', takeWeight(weights, id, 'bias', [p.units]), [p.units]) : null;
  const name =
    x.shape.length === 1
      ? b.op(id, 'Gemm', bias ? [x.name, kernel, bias] : [x.name, kernel])
      : densePerPixel(b, id, x, kernel, bias);
  return lowerActivation(b, id, { name, shape: [...x.shape.slice(0, -1), p.units] }, p.activation);
}

export function lowerBatchNorm(b: GraphBuilder, node: NodeOf<'BatchNormalization'>, x: Value, weights: ModelWeights): Value {
  const { id } = node;
  const c = channels(x);
  const stat = (label: string) => b.floats(id, label, takeWeight(weights, id, label, [c]), [c]);
  const inputs = [x.name, stat('gamma'), stat('beta'), stat('moving_mean'), stat('moving_variance')];
  const name = b.op(id, 'BatchNormalization', inputs, [floatAttr('epsilon', node.params.epsilon)]);
  return { name, shape: x.shape };
}

export function lowerAdd(b: GraphBuilder, node: NodeOf<'Add'>, xs: Value[]): Value {
  // Chained binary Adds rather than Sum: every execution provider implements Add.
  const name = xs.slice(1).reduce((acc, x) => b.op(node.id, 'Add', [acc, x.name]), xs[0].name);
  return { name, shape: xs[0].shape };
}

export function lowerConcatenate(b: GraphBuilder, node: NodeOf<'Concatenate'>, xs: Value[]): Value {
  // Keras joins on the last axis: channels, which is axis 1 in NCHW; for vectors axis 1 too.
  const name = b.op(node.id, 'Concat', xs.map((x) => x.name), [intAttr('axis', 1)]);
  const joined = xs.reduce((sum, x) => sum + channels(x), 0);
  return { name, shape: [...xs[0].shape.slice(0, -1), joined] };
}
