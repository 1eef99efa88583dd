import type { LayerNode } from '$lib/spec/types';
import { freshId } from './flow';

/** Copied layers: connections among them are kept, connections from outside are dropped. */
export interface Clip {
  layers: LayerNode[];
}

export function copyLayers(nodes: readonly LayerNode[], ids: ReadonlySet<string>): Clip {
  const layers = nodes
    .filter((n) => ids.has(n.id))
    .map((n) => structuredClone({ ...n, inputs: n.inputs.filter((i) => ids.has(i)) }) as LayerNode);
  return { layers };
}

/** Fresh copies of the clip's layers with unused ids, moved by `offset`, wired to each other as before. */
export function pasteLayers(clip: Clip, taken: Iterable<string>, offset: { x: number; y: number }): LayerNode[] {
  const used = new Set(taken);
  const renamed = new Map<string, string>();
  for (const layer of clip.layers) {
    const id = freshId(layer.kind, used);
    used.add(id);
    renamed.set(layer.id, id);
  }
  return clip.layers.map(
    (layer) =>
      structuredClone({
        ...layer,
        id: renamed.get(layer.id)!,
        inputs: layer.inputs.map((i) => renamed.get(i)!),
        position: { x: (layer.position?.x ?? 0) + offset.x, y: (layer.position?.y ?? 0) + offset.y },
      }) as LayerNode,
  );
}
