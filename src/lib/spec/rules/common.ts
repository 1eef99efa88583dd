import type { LayerKind, NodeOf, Shape } from '$lib/spec/types';
import { m } from '$lib/i18n/messages';

// The result types and shape formatting live here rather than in shapes.ts so that the rule
// tables, which shapes.ts imports, do not have to import it back.

export interface LayerStats {
  shape: Shape;
  params: number;
  trainableParams: number;
  flops: number;
}

/** Why a layer cannot be built, in words for the user, with a suggested fix. */
export interface LayerError {
  error: string;
  hint?: string;
}

export type InferResult = LayerStats | LayerError;

export type Check = LayerError | null;
export type Rule<K extends LayerKind> = (node: NodeOf<K>, inputShapes: Shape[]) => InferResult;
export type Rules<K extends LayerKind> = { [P in K]: Rule<P> };

/** "28×28×1" for images, "10" for vectors, "?" when unknown. */
export function formatShape(shape: Shape | null): string {
  return shape === null ? '?' : shape.join('×');
}

/** Number of values in a tensor of this shape. */
export function shapeSize(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function stats(shape: Shape, params: number, flops: number, trainableParams = params): LayerStats {
  return { shape, params, trainableParams, flops };
}

export function firstError(...checks: Check[]): Check {
  return checks.find((c) => c !== null) ?? null;
}

export function needsImage(kind: LayerKind, input: Shape): Check {
  if (input.length === 3) return null;
  return { error: m.needsImage({ kind, shape: formatShape(input) }), hint: m.needsImageHint() };
}

/** Element-wise layers that keep the shape; `opsPerValue` is their per-value cost. */
export function elementwise(opsPerValue: number, input: Shape, params = 0, trainable = params): LayerStats {
  return stats([...input], params, opsPerValue * shapeSize(input), trainable);
}
