import { m } from '$lib/i18n/messages';
import type { NumberField } from '$lib/training/shared/config';

/** What a `NumberInput` needs from a setting's declaration: its words from the catalogue, its range and step. */
export function fieldProps(field: NumberField): { label: string; help: string; min: number; max: number; step: number | 'any' } {
  return {
    label: m[`trainingFields_${field.label}`](),
    help: m[`trainingHelp_${field.label}`](),
    min: field.min,
    max: field.max,
    step: field.log ? 'any' : field.step,
  };
}
