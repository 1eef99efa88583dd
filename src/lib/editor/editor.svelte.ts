import type { Edge } from '@xyflow/svelte';
import { analyzeGraph, type NodeIssue } from '$lib/spec/analyze';
import { LAYERS } from '$lib/spec/layers';
import type { GraphSpec, LayerKind, LayerNode } from '$lib/spec/types';
import { copyLayers, pasteLayers, type Clip } from './clipboard';
import { editKey } from './edit-key';
import { flowToSpec, freshId, specToFlow, toFlowEdge, toFlowNode, type FlowNode, type LayerData } from './flow';
import { History } from './history';
import { layeredLayout, withLayout, NODE_HEIGHT, NODE_WIDTH, type LayoutOptions } from './layout';
import { freeSpot, insertionAfter, nodeBox } from './placement';

const PASTE_OFFSET = { x: 40, y: 40 };
const sameSpec = (a: GraphSpec, b: GraphSpec) => JSON.stringify(a) === JSON.stringify(b);

export interface EditorOptions {
  /** Clock for merging undo steps (one drag, one burst of typing); tests pass their own. */
  now?: () => number;
}

/**
 * The editor's state. Svelte Flow owns node and edge arrays (it moves nodes while dragging);
 * every edit replaces an array rather than mutating it, and the spec and its analysis are
 * derived from them, so there is one source of truth. Undo snapshots are specs: every
 * assignment, whoever makes it (a method here, or Svelte Flow through its binding), records one
 * once the current task's edits are done, so an edit touching nodes and edges is one step.
 */
export class EditorState {
  #nodes = $state.raw<FlowNode[]>([]);
  #edges = $state.raw<Edge[]>([]);
  #name = $state('Untitled');
  /** A teacher locked the graph: it can be looked at, selected and moved, not changed. */
  readOnly = $state(false);
  canUndo = $state(false);
  canRedo = $state(false);

  spec: GraphSpec = $derived(flowToSpec(this.name, this.nodes, this.edges));
  analysis = $derived(analyzeGraph(this.spec));
  /** Selection lives on the nodes (Svelte Flow sets it), so it is derived rather than mirrored. */
  selected = $derived(this.nodes.find((n) => n.selected) ?? null);
  /**
   * Inspector edits the registry refused ("-3" filters, an empty kernel size), by "node/field". The
   * graph keeps its last valid value; these block training until the field is fixed or left.
   */
  heldEdits = $state.raw<Record<string, NodeIssue>>({});

  readonly #history: History<GraphSpec>;
  readonly #now: () => number;
  #recordPending = false;
  #clip: Clip | null = null;

  constructor(spec: GraphSpec, { now = Date.now }: EditorOptions = {}) {
    this.#now = now;
    this.load(spec);
    this.#history = new History(this.spec, { cap: 100, equals: sameSpec });
  }

  get nodes(): FlowNode[] {
    return this.#nodes;
  }

  set nodes(nodes: FlowNode[]) {
    this.#nodes = nodes;
    this.#recordSoon();
  }

  get edges(): Edge[] {
    return this.#edges;
  }

  set edges(edges: Edge[]) {
    this.#edges = edges;
    this.#recordSoon();
  }

  get name(): string {
    return this.#name;
  }

  set name(name: string) {
    this.#name = name;
    this.#recordSoon();
  }

  /** Records after the running task: Svelte Flow's delete sets nodes and edges one after the other. */
  #recordSoon(): void {
    if (this.#recordPending) return;
    this.#recordPending = true;
    queueMicrotask(() => {
      this.#recordPending = false;
      this.#record();
    });
  }

  /** Replaces the whole graph (a preset, a shared link); undoable like any edit. A graph never drawn is laid out first. */
  load(spec: GraphSpec, view?: LayoutOptions['view']): void {
    const flow = specToFlow(spec.nodes.every((n) => n.position) ? spec : withLayout(spec, view && { view }));
    const old = new Map(this.nodes.map((n) => [n.id, n]));
    this.name = spec.name;
    // Keeping selection and measured sizes of surviving nodes avoids a flicker on undo.
    this.nodes = flow.nodes.map((n) => ({ ...n, selected: old.get(n.id)?.selected ?? false, measured: old.get(n.id)?.measured }));
    this.edges = flow.edges;
  }

  #record(): void {
    const spec = this.spec;
    this.#history.commit(spec, editKey(this.#history.present, spec), this.#now());
    this.#syncFlags();
  }

  undo(): void {
    if (this.readOnly) return;
    this.#record();
    const spec = this.#history.undo();
    if (spec) this.load(spec);
    this.#syncFlags();
  }

  redo(): void {
    if (this.readOnly) return;
    const spec = this.#history.redo();
    if (spec) this.load(spec);
    this.#syncFlags();
  }

  #syncFlags(): void {
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
  }

  addLayer(kind: LayerKind, position: { x: number; y: number }): string {
    const id = freshId(kind, this.nodes.map((n) => n.id));
    this.insert([{ id, kind, params: structuredClone(LAYERS[kind].defaults), inputs: [], position } as LayerNode]);
    return id;
  }

  /**
   * Adds a layer after `anchorId` (wired as `insertionAfter` says), or unconnected near `fallback`
   * when nothing is selected; either way on free space, never on top of another layer.
   */
  addAfter(kind: LayerKind, anchorId: string | null, fallback: { x: number; y: number }): string {
    const id = freshId(kind, this.nodes.map((n) => n.id));
    const anchor = this.nodes.find((n) => n.id === anchorId);
    const { inputs, consumers } = anchor ? insertionAfter(this.spec, anchor.id) : { inputs: [], consumers: [] };
    const wanted = anchor ? { x: anchor.position.x + nodeBox(anchor).width + 48, y: anchor.position.y } : fallback;
    const position = freeSpot(this.nodes.map(nodeBox), wanted, { width: NODE_WIDTH, height: NODE_HEIGHT });
    this.insert([{ id, kind, params: structuredClone(LAYERS[kind].defaults), inputs, position } as LayerNode]);
    // In place, so a merge layer keeps the order of its inputs.
    this.edges = this.edges.map((e) => (e.source === anchorId && consumers.includes(e.target) ? toFlowEdge(id, e.target) : e));
    return id;
  }

  selectAll(): void {
    this.nodes = this.nodes.map((n) => (n.selected ? n : { ...n, selected: true }));
  }

  deselectAll(): void {
    if (this.nodes.some((n) => n.selected)) this.nodes = this.nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
  }

  /** Adds layers with their connections and makes them the selection. */
  insert(layers: LayerNode[]): void {
    if (this.readOnly) return;
    const added = layers.map((l) => ({ ...toFlowNode(l, l.position ?? { x: 0, y: 0 }), selected: true }));
    this.nodes = [...this.nodes.map((n) => ({ ...n, selected: false })), ...added];
    this.edges = [...this.edges, ...layers.flatMap((l) => l.inputs.map((source) => toFlowEdge(source, l.id)))];
  }

  holdEdit(id: string, key: string, message: string | null): void {
    const { [`${id}/${key}`]: _old, ...rest } = this.heldEdits;
    this.heldEdits = message === null ? rest : { ...rest, [`${id}/${key}`]: { nodeId: id, message } };
  }

  /** `params` must suit the node's kind: the inspector checks each value against the kind's fields before it gets here. */
  updateParams(id: string, params: LayerNode['params']): void {
    if (this.readOnly) return;
    this.nodes = this.nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, params } as LayerData } : n));
  }

  connect(source: string, target: string): void {
    if (this.readOnly) return;
    if (source === target || this.edges.some((e) => e.source === source && e.target === target)) return;
    this.edges = [...this.edges, toFlowEdge(source, target)];
  }

  disconnect(source: string, target: string): void {
    if (this.readOnly) return;
    this.edges = this.edges.filter((e) => !(e.source === source && e.target === target));
  }

  removeNode(id: string): void {
    if (this.readOnly) return;
    this.nodes = this.nodes.filter((n) => n.id !== id);
    this.edges = this.edges.filter((e) => e.source !== id && e.target !== id);
  }

  #selectedIds(): Set<string> {
    return new Set(this.nodes.filter((n) => n.selected).map((n) => n.id));
  }

  copy(): void {
    const ids = this.#selectedIds();
    if (ids.size > 0) this.#clip = copyLayers(this.spec.nodes, ids);
  }

  paste(): void {
    if (this.readOnly) return;
    if (!this.#clip) return;
    const layers = pasteLayers(this.#clip, this.nodes.map((n) => n.id), PASTE_OFFSET);
    this.insert(layers);
    // Pasting again steps further, so repeated pastes do not pile up on one spot.
    this.#clip = { layers };
  }

  duplicate(): void {
    if (this.readOnly) return;
    const ids = this.#selectedIds();
    if (ids.size > 0) this.insert(pasteLayers(copyLayers(this.spec.nodes, ids), this.nodes.map((n) => n.id), PASTE_OFFSET));
  }

  /** Arranges the graph left to right in rows that suit `view` (the canvas), using each node's size as drawn. */
  arrange(view?: LayoutOptions['view']): void {
    const byId = new Map(this.nodes.map((n) => [n.id, n]));
    const positions = layeredLayout(
      this.spec.nodes.map((l) => ({ id: l.id, inputs: l.inputs, width: byId.get(l.id)?.measured?.width, height: byId.get(l.id)?.measured?.height })),
      view && { view },
    );
    this.nodes = this.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
  }
}
