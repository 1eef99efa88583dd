import type { GraphSpec, LayerNode, NodeOf } from './types';

export type TopoResult = { ok: true; order: LayerNode[] } | { ok: false; cycle: string[] };

/**
 * Orders nodes so every node comes after all of its inputs (Kahn's algorithm, stable in spec
 * order). Inputs naming unknown nodes are ignored here; validation reports them.
 */
export function topologicalOrder(spec: GraphSpec): TopoResult {
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const pending = new Map<string, number>();
  const consumers = new Map<string, string[]>();
  for (const node of spec.nodes) {
    const known = node.inputs.filter((i) => byId.has(i));
    pending.set(node.id, known.length);
    for (const src of known) consumers.set(src, [...(consumers.get(src) ?? []), node.id]);
  }
  const ready = spec.nodes.filter((n) => pending.get(n.id) === 0).map((n) => n.id);
  const order: LayerNode[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(byId.get(id)!);
    for (const next of consumers.get(id) ?? []) {
      const left = pending.get(next)! - 1;
      pending.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (order.length === spec.nodes.length) return { ok: true, order };
  const placed = new Set(order.map((n) => n.id));
  return { ok: false, cycle: spec.nodes.filter((n) => !placed.has(n.id)).map((n) => n.id) };
}

/** Ids of nodes that feed no other node: a valid model has exactly one, its output. */
export function sinkIds(spec: GraphSpec): string[] {
  const fed = new Set(spec.nodes.flatMap((n) => n.inputs));
  return spec.nodes.filter((n) => !fed.has(n.id)).map((n) => n.id);
}

/**
 * Walks a model graph in dependency order, computing each node's value from its inputs' values:
 * the one traversal behind the tfjs builder and the ONNX writer. Throws on graphs that are not
 * a model (cycle, not exactly one Input and one output); the editor reports those before this runs.
 */
export function foldGraph<T>(
  spec: GraphSpec,
  source: (input: NodeOf<'Input'>) => T,
  apply: (node: Exclude<LayerNode, NodeOf<'Input'>>, inputs: T[]) => T,
): { input: T; output: T } {
  const topo = topologicalOrder(spec);
  if (!topo.ok) throw new Error(`Graph has a cycle through: ${topo.cycle.join(', ')}`);
  const inputs = spec.nodes.filter((n): n is NodeOf<'Input'> => n.kind === 'Input');
  const sinks = sinkIds(spec);
  if (inputs.length !== 1) throw new Error(`Model needs exactly one Input node, found ${inputs.length}`);
  if (sinks.length !== 1) throw new Error(`Model needs exactly one output node, found: ${sinks.join(', ')}`);

  const values = new Map<string, T>();
  for (const node of topo.order) {
    if (node.kind === 'Input') {
      values.set(node.id, source(node));
      continue;
    }
    const args = node.inputs.map((id) => {
      if (!values.has(id)) throw new Error(`Node "${node.id}" reads unknown node "${id}"`);
      return values.get(id)!;
    });
    values.set(node.id, apply(node, args));
  }
  return { input: values.get(inputs[0].id)!, output: values.get(sinks[0])! };
}
