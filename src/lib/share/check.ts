import { fileProblems } from '$lib/spec/analyze';
import { LAYERS } from '$lib/spec/layers';
import type { GraphSpec, LayerKind } from '$lib/spec/types';
import { messages } from '$lib/i18n/messages';

export type SpecResult = { ok: true; spec: GraphSpec } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const typeOf = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v);

/**
 * Accepts only what the editor can show: a graph of the current format and version whose nodes
 * are known kinds with exactly their kind's settings, unique ids and no repeated connection.
 * Wiring mistakes (cycles, missing inputs) are left to the analysis, which pins them to nodes.
 */
export function checkSpec(value: unknown): SpecResult {
  if (!isObject(value) || !('nodes' in value)) return { ok: false, error: messages.shareNotGraph };
  const spec = value as unknown as GraphSpec;
  const [problem] = fileProblems(spec);
  if (problem) return { ok: false, error: problem.message };
  if (typeof spec.name !== 'string') return { ok: false, error: 'The graph has no name.' };
  const seen = new Set<string>();
  for (const [i, node] of spec.nodes.entries()) {
    const error = nodeProblem(node as unknown as Record<string, unknown>, seen);
    if (error) return { ok: false, error: `Layer ${i + 1}: ${error}` };
    seen.add(node.id);
  }
  return { ok: true, spec };
}

function nodeProblem(node: Record<string, unknown>, seen: Set<string>): string | null {
  const { id, kind, params, inputs, position } = node as { id: string; kind: string; params: Record<string, unknown>; inputs: string[]; position?: unknown };
  if (seen.has(id)) return `the id '${id}' is used twice.`;
  if (!(kind in LAYERS)) return `unknown layer kind '${kind}'.`;
  const defaults = LAYERS[kind as LayerKind].defaults as Record<string, unknown>;
  const keys = Object.keys(defaults);
  if (Object.keys(params).length !== keys.length) return `${kind} settings should be ${keys.join(', ') || 'empty'}.`;
  const wrong = keys.find((k) => typeOf(params[k]) !== typeOf(defaults[k]));
  if (wrong) return `setting '${wrong}' should be a ${typeOf(defaults[wrong])}.`;
  if (new Set(inputs).size !== inputs.length) return 'the same input is connected twice.';
  if (position !== undefined && !(isObject(position) && Number.isFinite(position.x) && Number.isFinite(position.y))) {
    return 'its position is not a pair of numbers.';
  }
  return null;
}
