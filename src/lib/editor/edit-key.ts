import type { GraphSpec, LayerNode } from '$lib/spec/types';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function sameStructure(a: LayerNode, b: LayerNode): boolean {
  return a.id === b.id && a.kind === b.kind && same(a.inputs, b.inputs);
}

/**
 * Names the kind of edit between two snapshots so the history can merge its repeats: moving
 * the same nodes (a drag, arrow-key nudges) or editing one layer's settings (typing). Any other
 * change, such as adding, deleting or wiring, gets null and always becomes its own undo step.
 */
export function editKey(prev: GraphSpec, next: GraphSpec): string | null {
  if (prev.name !== next.name || prev.nodes.length !== next.nodes.length) return null;
  const moved: string[] = [];
  const edited: string[] = [];
  for (let i = 0; i < next.nodes.length; i++) {
    const a = prev.nodes[i];
    const b = next.nodes[i];
    if (!sameStructure(a, b)) return null;
    if (!same(a.position, b.position)) moved.push(b.id);
    if (!same(a.params, b.params)) edited.push(b.id);
  }
  if (moved.length > 0 && edited.length === 0) return `move:${moved.join(',')}`;
  if (edited.length === 1 && moved.length === 0) return `params:${edited[0]}`;
  return null;
}
