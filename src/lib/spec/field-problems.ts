import { m } from '$lib/i18n/messages';
import { describeRange, valueProblem, type ValueProblem } from '$lib/util/number-field';
import type { ParamField } from './layer-fields';
import { LAYERS } from './layers';
import type { LayerKind } from './types';

/** A parameter value the layer registry does not allow, worded with the field's label and range. */
export interface FieldProblem {
  key: string;
  message: string;
}

/** Why `value` does not fit `field`, or null. Layer parameters have no "doubtful" values, only wrong ones. */
export function paramProblem(field: ParamField, value: unknown): ValueProblem | null {
  const label = m[`layerFields_${field.label}`]();
  switch (field.widget) {
    case 'number':
      return valueProblem(label, field, value);
    case 'choice':
      return typeof value === 'string' && field.choices.includes(value) ? null : { severity: 'error', message: m.fieldChoice({ label, choices: field.choices.join(', ') }) };
    case 'toggle':
      return typeof value === 'boolean' ? null : { severity: 'error', message: m.fieldToggle({ label }) };
    case 'shape': {
      const ok = Array.isArray(value) && field.ranks.includes(value.length) && value.every((d) => valueProblem(label, field.dimension, d) === null);
      return ok ? null : { severity: 'error', message: m.fieldShape({ label, ranks: field.ranks.map((count) => m.shapeRankValues({ count })).join(m.shapeRanksOr()), range: describeRange(field.dimension) }) };
    }
  }
}

/**
 * Every parameter of a `kind` layer that the registry does not allow, in field order. Pure, for the
 * inspector, the graph analysis and the spec parser alike (files and links may carry anything).
 * Unknown kinds have no fields here: the structure checks report them.
 */
export function fieldProblems(kind: LayerKind, params: unknown): FieldProblem[] {
  const fields = (LAYERS[kind]?.fields ?? []) as ParamField[];
  const values = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  return fields.flatMap((field) => {
    const problem = paramProblem(field, values[field.key]);
    return problem ? [{ key: field.key, message: problem.message }] : [];
  });
}
