import type { ModelWeights, NodeOf, Padding } from '$lib/spec/types';
import { lowerActivation } from './activations';
import { intAttr, intsAttr } from './attributes';
import type { GraphBuilder, Value } from './graph-builder';
import { depthwiseToOihw, hwioToOihw } from './layout';
import { spatialPadding } from './padding';
import { takeWeight } from './weights';

interface ConvGeometry {
  kernelSize: number;
  strides: number;
  padding: Padding;
  dilation: number;
  group: number;
}

/** One ONNX Conv with explicit pads; `weight` is already in OIHW order. */
function conv(b: GraphBuilder, scope: string, x: Value, weight: string, bias: string | null, outChannels: number, g: ConvGeometry): Value {
  const geo = spatialPadding(g.padding, x.shape, g.kernelSize, g.strides, g.dilation);
  const name = b.op(scope, 'Conv', bias ? [x.name, weight, bias] : [x.name, weight], [
    intsAttr('kernel_shape', [g.kernelSize, g.kernelSize]),
    intsAttr('strides', [g.strides, g.strides]),
    intsAttr('dilations', [g.dilation, g.dilation]),
    intsAttr('pads', geo.pads),
    intAttr('group', g.group),
  ]);
  return { name, shape: [geo.outHeight, geo.outWidth, outChannels] };
}

function biasInput(b: GraphBuilder, weights: ModelWeights, id: string, useBias: boolean, size: number): string | null {
  return useBias ? b.floats(id, 'bias', takeWeight(weights, id, 'bias', [size]), [size]) : null;
}

export function lowerConv2D(b: GraphBuilder, node: NodeOf<'Conv2D'>, x: Value, weights: ModelWeights): Value {
  const { id, params: p } = node;
  const shape = [p.kernelSize, p.kernelSize, x.shape[2], p.filters];
  const kernel = hwioToOihw(takeWeight(weights, id, 'kernel', shape), shape);
  const weight = b.floats(id, 'kernel', kernel, [shape[3], shape[2], shape[0], shape[1]]);
  const bias = biasInput(b, weights, id, p.useBias, p.filters);
  const y = conv(b, id, x, weight, bias, p.filters, { ...p, group: 1 });
  return lowerActivation(b, id, y, p.activation);
}

/** Grouped conv with one group per input channel: ONNX's spelling of a depthwise conv. */
function depthwise(b: GraphBuilder, id: string, x: Value, weights: ModelWeights, p: NodeOf<'DepthwiseConv2D'>['params']): Value {
  const channels = x.shape[2];
  const shape = [p.kernelSize, p.kernelSize, channels, p.depthMultiplier];
  const kernel = depthwiseToOihw(takeWeight(weights, id, 'depthwise_kernel', shape), shape);
  const outChannels = channels * p.depthMultiplier;
  const weight = b.floats(id, 'depthwise_kernel', kernel, [outChannels, 1, p.kernelSize, p.kernelSize]);
  const bias = biasInput(b, weights, id, p.useBias, outChannels);
  return conv(b, id, x, weight, bias, outChannels, { ...p, dilation: 1, group: channels });
}

export function lowerDepthwiseConv2D(b: GraphBuilder, node: NodeOf<'DepthwiseConv2D'>, x: Value, weights: ModelWeights): Value {
  return lowerActivation(b, node.id, depthwise(b, node.id, x, weights, node.params), node.params.activation);
}

/** Depthwise conv (no bias) followed by a 1×1 pointwise conv, as Keras defines SeparableConv2D. */
export function lowerSeparableConv2D(b: GraphBuilder, node: NodeOf<'SeparableConv2D'>, x: Value, weights: ModelWeights): Value {
  const { id, params: p } = node;
  const mid = depthwise(b, id, x, weights, { ...p, useBias: false });
  const shape = [1, 1, mid.shape[2], p.filters];
  const kernel = hwioToOihw(takeWeight(weights, id, 'pointwise_kernel', shape), shape);
  const weight = b.floats(id, 'pointwise_kernel', kernel, [p.filters, mid.shape[2], 1, 1]);
  const bias = biasInput(b, weights, id, p.useBias, p.filters);
  const pointwise = { kernelSize: 1, strides: 1, padding: 'valid', dilation: 1, group: 1 } as const;
  const y = conv(b, id, mid, weight, bias, p.filters, pointwise);
  return lowerActivation(b, id, y, p.activation);
}
