import { ACTIVATIONS } from '$lib/spec/layers';

export type FieldKind = 'number' | 'boolean' | 'choice' | 'shape';

export interface Field {
  key: string;
  label: string;
  kind: FieldKind;
  choices?: readonly string[];
  step?: number;
}

const LABELS: Record<string, string> = {
  height: 'Height',
  width: 'Width',
  channels: 'Channels',
  filters: 'Filters',
  kernelSize: 'Kernel size',
  strides: 'Stride',
  padding: 'Padding',
  dilation: 'Dilation',
  activation: 'Activation',
  useBias: 'Use bias',
  depthMultiplier: 'Depth multiplier',
  poolSize: 'Pool size',
  momentum: 'Momentum',
  epsilon: 'Epsilon',
  rate: 'Rate',
  units: 'Units',
  size: 'Scale',
  targetShape: 'Target shape',
};

/** Inspector fields derived from a layer's current params, so every kind gets an editor for free. */
export function fieldsFor(params: Record<string, unknown>): Field[] {
  return Object.entries(params).map(([key, value]) => {
    const label = LABELS[key] ?? key;
    if (typeof value === 'boolean') return { key, label, kind: 'boolean' };
    if (key === 'activation') return { key, label, kind: 'choice', choices: ACTIVATIONS };
    if (typeof value === 'string') return { key, label, kind: 'choice', choices: ['same', 'valid'] };
    if (Array.isArray(value)) return { key, label, kind: 'shape' };
    return { key, label, kind: 'number', step: Number.isInteger(value) && key !== 'rate' ? 1 : 0.001 };
  });
}

/** "7x7x16", "7×7×16" or "7, 7, 16" → [7, 7, 16]; null when any part is not a number. */
export function parseShape(text: string): number[] | null {
  const parts = text.split(/[x×,\s]+/).filter(Boolean).map(Number);
  return parts.length > 0 && parts.every((n) => Number.isFinite(n)) ? parts : null;
}
