import type { NodeOf } from '$lib/spec/types';
import { intAttr, intsAttr, stringAttr } from './attributes';
import type { GraphBuilder, Value } from './graph-builder';
import { TO_NCHW, TO_NHWC } from './layout';

/** The tensor with its elements in Keras (channels-last) order, which Flatten and Reshape follow. */
function channelsLast(b: GraphBuilder, scope: string, x: Value): string {
  return x.shape.length === 3 ? b.op(scope, 'Transpose', [x.name], [intsAttr('perm', TO_NHWC)]) : x.name;
}

export function lowerFlatten(b: GraphBuilder, node: NodeOf<'Flatten'>, x: Value): Value {
  if (x.shape.length === 1) return x;
  const size = x.shape.reduce((a, d) => a * d, 1);
  return { name: b.op(node.id, 'Flatten', [channelsLast(b, node.id, x)], [intAttr('axis', 1)]), shape: [size] };
}

/** Keras allows one -1 in a target shape, standing for whatever size is left. */
function resolveTarget(target: readonly number[], size: number): number[] {
  const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
  const resolved = target.map((d) => (d === -1 ? size / known : d));
  if (resolved.reduce((a, d) => a * d, 1) !== size || !resolved.every(Number.isInteger)) {
    throw new Error(`Cannot reshape ${size} values to [${target}]`);
  }
  return resolved;
}

export function lowerReshape(b: GraphBuilder, node: NodeOf<'Reshape'>, x: Value): Value {
  const shape = resolveTarget(node.params.targetShape, x.shape.reduce((a, d) => a * d, 1));
  if (shape.length !== 1 && shape.length !== 3) {
    throw new Error(`Reshape "${node.id}": only vector or image targets can be exported, got [${shape}]`);
  }
  // 0 copies the batch dimension from the input.
  const dims = b.int64s(node.id, 'shape', [0, ...shape]);
  const reshaped = b.op(node.id, 'Reshape', [channelsLast(b, node.id, x), dims]);
  const name = shape.length === 3 ? b.op(node.id, 'Transpose', [reshaped], [intsAttr('perm', TO_NCHW)]) : reshaped;
  return { name, shape };
}

export function lowerZeroPadding(b: GraphBuilder, node: NodeOf<'ZeroPadding2D'>, x: Value): Value {
  const p = node.params.padding;
  const [h, w, c] = x.shape;
  const pads = b.int64s(node.id, 'pads', [0, 0, p, p, 0, 0, p, p]);
  return { name: b.op(node.id, 'Pad', [x.name, pads]), shape: [h + 2 * p, w + 2 * p, c] };
}

export function lowerUpSampling(b: GraphBuilder, node: NodeOf<'UpSampling2D'>, x: Value): Value {
  const s = node.params.size;
  const [h, w, c] = x.shape;
  const scales = b.floats(node.id, 'scales', new Float32Array([1, 1, s, s]), [4]);
  // Output pixel i copies input pixel floor(i / s), as tfjs's resizeNearestNeighbor does.
  const name = b.op(node.id, 'Resize', [x.name, '', scales], [
    stringAttr('mode', 'nearest'),
    stringAttr('coordinate_transformation_mode', 'asymmetric'),
    stringAttr('nearest_mode', 'floor'),
  ]);
  return { name, shape: [h * s, w * s, c] };
}
