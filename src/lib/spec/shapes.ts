import { m } from '$lib/i18n/messages';
import { fieldProblems } from './field-problems';
import { LAYERS } from './layers';
import type { Check, InferResult, LayerError, Rule, Rules } from './rules/common';
import { CONV_RULES } from './rules/conv';
import { CORE_RULES } from './rules/core';
import { MERGE_SHAPE_RULES } from './rules/merge-shape';
import type { LayerKind, LayerNode, Shape } from './types';

/**
 * Per-layer shape, parameter and cost rules. They mirror Keras/tfjs exactly (channels-last
 * [H, W, C], batch excluded) so the numbers shown in the editor match what tfjs builds.
 *
 * Cost convention: `flops` counts multiply-accumulates (MACs) for Conv/Dense-like layers, as Keras
 * style summaries and papers (e.g. MobileNet) do; bias adds and fused activations are excluded.
 * Layers without multiplies count one op per elementary step (comparison or add), noted per rule.
 */

export { formatShape, shapeSize, type InferResult, type LayerError, type LayerStats } from './rules/common';

// Typed as the full table so that a layer kind without a rule fails to compile.
const RULES: Rules<LayerKind> = { ...CORE_RULES, ...CONV_RULES, ...MERGE_SHAPE_RULES };

export function isLayerError(result: InferResult): result is LayerError {
  return 'error' in result;
}

/**
 * Checks the number of inputs against the kind's arity (and rejects kinds this version does not
 * know, which can only come from files). Zero inputs is phrased as a connection problem because
 * that is how it happens in the editor: a layer dropped on the canvas and never wired.
 */
export function arityError(kind: LayerKind, inputCount: number): Check {
  const info = LAYERS[kind] as (typeof LAYERS)[LayerKind] | undefined;
  if (!info) return { error: m.unknownKind({ kind: String(kind) }), hint: m.unknownKindHint() };
  if (info.arity === 0) {
    return inputCount === 0 ? null : { error: m.inputTakesNoInputs({ kind, count: inputCount }), hint: m.inputTakesNoInputsHint() };
  }
  if (inputCount === 0) {
    return { error: m.notConnected({ kind }), hint: m.notConnectedHint() };
  }
  if (info.arity === 1 && inputCount !== 1) {
    return { error: m.takesOneInput({ kind, count: inputCount }), hint: m.takesOneInputHint() };
  }
  if (info.arity === 'many' && inputCount < 2) {
    return { error: m.needsTwoInputs({ kind, count: inputCount }), hint: m.needsTwoInputsHint({ kind }) };
  }
  return null;
}

/** Shape, parameter count and cost of one layer given its input shapes, or why it is invalid. */
export function inferLayer(node: LayerNode, inputShapes: Shape[]): InferResult {
  const arity = arityError(node.kind, inputShapes.length);
  if (arity) return arity;
  // Parameter values are checked against the registry first, so the rules can trust their types and ranges.
  const [problem] = fieldProblems(node.kind, node.params);
  if (problem) return { error: m.layerFieldProblem({ kind: node.kind, problem: problem.message }) };
  const rule = RULES[node.kind] as Rule<LayerKind>;
  return rule(node as never, inputShapes);
}
