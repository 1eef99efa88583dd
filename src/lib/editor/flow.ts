import type { Edge, Node } from '@xyflow/svelte';
import { LAYERS } from '$lib/spec/layers';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerKind, type LayerNode, type NodeOf } from '$lib/spec/types';
import { m } from '$lib/i18n/messages';

/** What a canvas node carries: the layer itself, its params typed by its kind; shapes and errors are looked up by id. */
export type LayerData = { [K in LayerKind]: Pick<NodeOf<K>, 'kind' | 'params'> }[LayerKind];
export type FlowNode = Node<LayerData, 'layer'>;

/** Edges are drawn by ShapeEdge, which shows the tensor shape they carry. */
export const EDGE_TYPE = 'shape';

export function edgeId(source: string, target: string): string {
  return `${source}->${target}`;
}

export function toFlowEdge(source: string, target: string): Edge {
  return { id: edgeId(source, target), source, target, type: EDGE_TYPE };
}

export function toFlowNode(layer: LayerNode, position: { x: number; y: number }): FlowNode {
  const { id, inputs: _inputs, position: _position, ...data } = layer;
  return { id, type: 'layer', position, ariaLabel: m.layerAria({ label: LAYERS[layer.kind].label, id }), data };
}

export function specToFlow(spec: GraphSpec): { nodes: FlowNode[]; edges: Edge[] } {
  const nodes = spec.nodes.map((n, i) => toFlowNode(n, n.position ?? { x: 0, y: i * 110 }));
  const edges = spec.nodes.flatMap((n) => n.inputs.map((source) => toFlowEdge(source, n.id)));
  return { nodes, edges };
}

/**
 * The spec is derived from the canvas; a node's inputs keep the order its edges were made in.
 * It is built from the editor's own typed state, which only ever holds current-version layers,
 * so it is written, not read: nothing here needs parsing.
 */
export function flowToSpec(name: string, nodes: readonly FlowNode[], edges: readonly Edge[]): GraphSpec {
  const layer = (n: FlowNode): LayerNode => ({
    id: n.id,
    ...n.data,
    inputs: edges.filter((e) => e.target === n.id).map((e) => e.source),
    position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
  });
  return { format: SPEC_FORMAT, version: SPEC_VERSION, name, nodes: nodes.map(layer) };
}

/** A short unused id like conv2d_3, readable in error messages and exported ONNX node names. */
export function freshId(kind: LayerKind, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = kind.toLowerCase();
  for (let i = 1; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}
