import type { ParamField } from '$lib/spec/layer-fields';
import { LAYERS } from '$lib/spec/layers';
import type { LayerNode } from '$lib/spec/types';
import { m } from '$lib/i18n/messages';

type Brief = (value: unknown, field: ParamField) => string | null;

// How each parameter reads on a card; parameters without an entry (bias, BatchNorm constants) are left off.
const BRIEF: Record<string, Brief> = {
  filters: v => m.cardParams_filters({ n: String(v) }),
  units: v => m.cardParams_units({ n: String(v) }),
  kernelSize: (v) => `${v}×${v}`,
  poolSize: (v) => `${v}×${v}`,
  strides: v => (v === 1 ? null : m.cardParams_stride({ n: String(v) })),
  dilation: v => (v === 1 ? null : m.cardParams_dilation({ n: String(v) })),
  padding: (v, field) => (field.widget === 'choice' ? String(v) : m.cardParams_pad({ n: String(v) })),
  rate: v => m.cardParams_rate({ r: String(v) }),
  size: (v) => `×${v}`,
  targetShape: (v) => `→ ${(v as number[]).join('×')}`,
  activation: (v) => (v === 'linear' ? null : String(v)),
};

/** A one-line summary of a layer's settings for its canvas card, e.g. "8 filters · 3×3 · same · relu", in registry order. */
export function describeParams(layer: Pick<LayerNode, 'kind' | 'params'>): string {
  const p = layer.params as Record<string, unknown>;
  if (layer.kind === 'Input') return `${p.height}×${p.width}×${p.channels}`;
  const fields = LAYERS[layer.kind].fields as ParamField[];
  return fields.flatMap((field) => BRIEF[field.key]?.(p[field.key], field) ?? []).join(' · ');
}
