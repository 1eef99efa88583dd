import { m } from '$lib/i18n/messages';
import { paramProblem } from '$lib/spec/field-problems';
import type { ParamField } from '$lib/spec/layer-fields';
import { LAYERS } from '$lib/spec/layers';
import type { LayerKind } from '$lib/spec/types';

/** A registry field with its label in the user's words, ready for the inspector. */
export type InspectorField = ParamField & { text: string };

export function fieldsFor(kind: LayerKind): InspectorField[] {
  return (LAYERS[kind].fields as ParamField[]).map((field) => ({ ...field, text: m[`layerFields_${field.label}`]() }));
}

/** What an edit does: the value goes into the graph, or it is held back with the reason shown at the field. */
export type Edit = { ok: true; value: unknown } | { ok: false; message: string };

export function readEdit(field: ParamField, value: unknown): Edit {
  const problem = paramProblem(field, value);
  return problem ? { ok: false, message: problem.message } : { ok: true, value };
}

/** "7x7x16", "7×7×16" or "7, 7, 16" → [7, 7, 16]; NaN parts stay NaN so the field check names the problem. */
export function parseShape(text: string): number[] {
  return text.split(/[x×,\s]+/).filter(Boolean).map(Number);
}
