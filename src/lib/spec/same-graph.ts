import type { GraphSpec, LayerNode } from './types';

/** What a layer contributes to the built model: its kind, settings and wiring, not where it sits on the canvas. */
const architectureOf = (node: LayerNode): string => JSON.stringify([node.kind, node.params, node.inputs]);

/**
 * Ids of the layers that differ between two graphs as models: added, removed, re-wired or with
 * other settings, in `next`'s order, then the removed ones. Positions, node order and the graph's
 * name are ignored: none of them changes the tensors a trained model holds.
 */
export function changedLayers(previous: GraphSpec, next: GraphSpec): string[] {
  const before = new Map(previous.nodes.map((n) => [n.id, architectureOf(n)]));
  const changed = next.nodes.filter((n) => before.get(n.id) !== architectureOf(n)).map((n) => n.id);
  const kept = new Set(next.nodes.map((n) => n.id));
  return [...changed, ...previous.nodes.filter((n) => !kept.has(n.id)).map((n) => n.id)];
}

/** True when both graphs build the same model (see changedLayers). */
export function sameArchitecture(a: GraphSpec, b: GraphSpec): boolean {
  return changedLayers(a, b).length === 0;
}
