import type { LayerNode } from '$lib/spec/types';

/** A one-line summary of a layer's settings for its canvas card, e.g. "8 × 3×3 same · relu". */
export function describeParams(layer: Pick<LayerNode, 'kind' | 'params'>): string {
  const p = layer.params as Record<string, unknown>;
  const parts: string[] = [];
  if (layer.kind === 'Input') parts.push(`${p.height}×${p.width}×${p.channels}`);
  if ('filters' in p) parts.push(`${p.filters} filters`);
  if ('units' in p) parts.push(`${p.units} units`);
  if ('kernelSize' in p) parts.push(`${p.kernelSize}×${p.kernelSize}`);
  if ('poolSize' in p) parts.push(`${p.poolSize}×${p.poolSize}`);
  if ('strides' in p && p.strides !== 1) parts.push(`stride ${p.strides}`);
  if (typeof p.padding === 'string') parts.push(p.padding);
  if (typeof p.padding === 'number') parts.push(`pad ${p.padding}`);
  if ('rate' in p) parts.push(`rate ${p.rate}`);
  if ('size' in p) parts.push(`×${p.size}`);
  if ('targetShape' in p) parts.push(`→ ${(p.targetShape as number[]).join('×')}`);
  if ('activation' in p && p.activation !== 'linear') parts.push(String(p.activation));
  return parts.join(' · ');
}
