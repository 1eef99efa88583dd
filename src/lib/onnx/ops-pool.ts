import type { NodeOf } from '$lib/spec/types';
import { intAttr, intsAttr } from './attributes';
import type { GraphBuilder, Value } from './graph-builder';
import { spatialPadding } from './padding';

export function lowerPool(b: GraphBuilder, node: NodeOf<'MaxPool2D'> | NodeOf<'AvgPool2D'>, x: Value): Value {
  const { poolSize, strides, padding } = node.params;
  const geo = spatialPadding(padding, x.shape, poolSize, strides);
  const attrs = [
    intsAttr('kernel_shape', [poolSize, poolSize]),
    intsAttr('strides', [strides, strides]),
    intsAttr('pads', geo.pads),
  ];
  // TF averages 'same' windows over the real pixels only, never the padding.
  if (node.kind === 'AvgPool2D') attrs.push(intAttr('count_include_pad', 0));
  const opType = node.kind === 'MaxPool2D' ? 'MaxPool' : 'AveragePool';
  return { name: b.op(node.id, opType, [x.name], attrs), shape: [geo.outHeight, geo.outWidth, x.shape[2]] };
}

export function lowerGlobalAveragePooling(b: GraphBuilder, node: NodeOf<'GlobalAveragePooling2D'>, x: Value): Value {
  const pooled = b.op(node.id, 'GlobalAveragePool', [x.name]);
  // GlobalAveragePool keeps 1×1 spatial dims; Keras returns a plain vector.
  return { name: b.op(node.id, 'Flatten', [pooled], [intAttr('axis', 1)]), shape: [x.shape[2]] };
}
