import type { MessageSuffix } from '$lib/i18n/messages';
import type { NumberRange } from '$lib/util/number-field';
import type { ActivationName, Padding } from './types';

/** The registry names labels, the catalogue words them as `layerFields_<label>`. */
export type LayerFieldLabel = MessageSuffix<'layerFields_'>;

interface FieldBase<P> {
  key: keyof P & string;
  label: LayerFieldLabel;
}

export interface NumberParamField<P = Record<string, unknown>> extends FieldBase<P>, NumberRange {
  widget: 'number';
  /** Spinner step: 1 for whole numbers, a sensible increment otherwise (never derived from the value). */
  step: number;
}

export interface ChoiceParamField<P = Record<string, unknown>> extends FieldBase<P> {
  widget: 'choice';
  choices: readonly string[];
}

export interface ToggleParamField<P = Record<string, unknown>> extends FieldBase<P> {
  widget: 'toggle';
}

/** A tensor shape typed as "7×7×16": how many values it may have, and the range of each. */
export interface ShapeParamField<P = Record<string, unknown>> extends FieldBase<P> {
  widget: 'shape';
  ranks: readonly number[];
  dimension: NumberRange;
}

export type ParamField<P = Record<string, unknown>> = NumberParamField<P> | ChoiceParamField<P> | ToggleParamField<P> | ShapeParamField<P>;

export const ACTIVATIONS: readonly ActivationName[] = ['linear', 'relu', 'relu6', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'softmax', 'swish'];
export const PADDINGS: readonly Padding[] = ['same', 'valid'];

/** A whole-number field from `min` to `max`. */
export function count<P>(key: keyof P & string, label: LayerFieldLabel, min: number, max: number): NumberParamField<P> {
  return { key, label, widget: 'number', min, max, integer: true, step: 1 };
}

/** A real-valued field; `range` says which bounds are open. */
export function real<P>(key: keyof P & string, label: LayerFieldLabel, range: Omit<NumberRange, 'integer'>, step: number): NumberParamField<P> {
  return { key, label, widget: 'number', ...range, step };
}

export function choice<P>(key: keyof P & string, label: LayerFieldLabel, choices: readonly string[]): ChoiceParamField<P> {
  return { key, label, widget: 'choice', choices };
}

export function toggle<P>(key: keyof P & string, label: LayerFieldLabel): ToggleParamField<P> {
  return { key, label, widget: 'toggle' };
}

/** Fields every convolution has, in reading order. Kernels up to 64 leave room for large inputs. */
export function convFields<P extends { kernelSize: number; strides: number; padding: Padding }>(): ParamField<P>[] {
  return [count<P>('kernelSize', 'kernelSize', 1, 64), count<P>('strides', 'strides', 1, 16), choice<P>('padding', 'padding', PADDINGS)];
}

export function activationFields<P extends { activation: ActivationName; useBias: boolean }>(): ParamField<P>[] {
  return [choice<P>('activation', 'activation', ACTIVATIONS), toggle<P>('useBias', 'useBias')];
}
