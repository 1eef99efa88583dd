import type { Edge } from '@xyflow/svelte';
import { analyzeGraph } from '../spec/analyze';
import { LAYERS } from '../spec/layers';
import type { GraphSpec, LayerKind, LayerNode } from '../spec/types';
import { edgeId, flowToSpec, freshId, specToFlow, type FlowNode } from './flow';

/**
 * The editor's state. Svelte Flow owns node and edge arrays (it moves nodes while dragging);
 * every edit replaces an array rather than mutating it, and the spec and its analysis are
 * derived from them, so there is one source of truth.
 */
export class EditorState {
  nodes = $state.raw<FlowNode[]>([]);
  edges = $state.raw<Edge[]>([]);
  name = $state('Untitled');

  spec: GraphSpec = $derived(flowToSpec(this.name, this.nodes, this.edges));
  analysis = $derived(analyzeGraph(this.spec));
  /** Selection lives on the nodes (Svelte Flow sets it), so it is derived rather than mirrored. */
  selected = $derived(this.nodes.find((n) => n.selected) ?? null);

  constructor(spec: GraphSpec) {
    this.load(spec);
  }

  load(spec: GraphSpec): void {
    const flow = specToFlow(spec);
    this.name = spec.name;
    this.nodes = flow.nodes;
    this.edges = flow.edges;
  }

  addLayer(kind: LayerKind, position: { x: number; y: number }): string {
    const id = freshId(kind, this.nodes.map((n) => n.id));
    const defaults = structuredClone(LAYERS[kind].defaults) as LayerNode['params'];
    this.nodes = [...this.nodes.map((n) => ({ ...n, selected: false })), { id, type: 'layer', position, selected: true, data: { kind, params: defaults } }];
    return id;
  }

  updateParams(id: string, params: LayerNode['params']): void {
    this.nodes = this.nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, params } } : n));
  }

  connect(source: string, target: string): void {
    if (source === target || this.edges.some((e) => e.source === source && e.target === target)) return;
    this.edges = [...this.edges, { id: edgeId(source, target), source, target }];
  }

  removeNode(id: string): void {
    this.nodes = this.nodes.filter((n) => n.id !== id);
    this.edges = this.edges.filter((e) => e.source !== id && e.target !== id);
  }
}
