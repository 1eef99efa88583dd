import { sinkIds } from '$lib/spec/graph';
import type { GraphSpec, LayerKind, LayerNode } from '$lib/spec/types';

export const CONV_KINDS: ReadonlySet<LayerKind> = new Set(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D']);
const POOLING: ReadonlySet<LayerKind> = new Set(['MaxPool2D', 'AvgPool2D']);

/** Whether every path from the input to the output passes through `id`. */
function onEveryPath(spec: GraphSpec, inputId: string, outputId: string, id: string): boolean {
  if (id === outputId) return true;
  const consumers = new Map<string, string[]>();
  for (const n of spec.nodes) for (const from of n.inputs) consumers.set(from, [...(consumers.get(from) ?? []), n.id]);
  const seen = new Set([id]);
  const stack = [inputId];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at === outputId) return false;
    for (const next of consumers.get(at) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return true;
}

/**
 * The layer Grad-CAM weights: the output of the last convolutional block, as Keras's Grad-CAM
 * example picks ResNet's post-Add ReLU rather than a conv inside a branch. That is the last image
 * layer, from the first conv on, that every path to the output passes through (so no skip
 * connection goes around it), not a pooling layer (coarser than the conv before it); the last conv
 * when no layer qualifies. `isImage` tells whether a node's output is height × width × channels.
 * Undefined without a conv.
 */
export function gradCamLayer(order: readonly LayerNode[], spec: GraphSpec, isImage: (id: string) => boolean): LayerNode | undefined {
  const first = order.findIndex((n) => CONV_KINDS.has(n.kind));
  if (first < 0) return undefined;
  const [outputId] = sinkIds(spec);
  const inputId = order[0].id;
  const after = order.slice(first);
  return after.filter((n) => !POOLING.has(n.kind) && isImage(n.id) && onEveryPath(spec, inputId, outputId, n.id)).at(-1) ?? after.filter((n) => CONV_KINDS.has(n.kind)).at(-1);
}
