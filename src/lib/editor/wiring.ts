import type { GraphSpec } from '$lib/spec/types';

/**
 * Layers that may feed `targetId`: not itself, not already an input, and not downstream of it
 * (that would close a loop). Offered by the inspector so wiring works without a mouse.
 */
export function inputCandidates(spec: GraphSpec, targetId: string): string[] {
  const target = spec.nodes.find((n) => n.id === targetId);
  if (!target) return [];
  const downstream = new Set([targetId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of spec.nodes) {
      if (!downstream.has(n.id) && n.inputs.some((i) => downstream.has(i))) {
        downstream.add(n.id);
        grew = true;
      }
    }
  }
  return spec.nodes.filter((n) => !downstream.has(n.id) && !target.inputs.includes(n.id)).map((n) => n.id);
}
