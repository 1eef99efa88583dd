import { sinkIds, topologicalOrder } from './graph';
import { mark, type Marks } from './issues';
import { arityError } from './shapes';
import type { GraphSpec, LayerNode } from './types';
import { m } from '$lib/i18n/messages';

/** Keeps the first node of each id so lookups stay unambiguous, and marks the clash on it. */
export function uniqueNodes(nodes: LayerNode[], marks: Marks): LayerNode[] {
  const seen = new Map<string, number>();
  for (const n of nodes) seen.set(n.id, (seen.get(n.id) ?? 0) + 1);
  for (const [id, count] of seen) {
    if (count > 1) mark(marks, id, { error: m.duplicateId({ id, count }), hint: m.duplicateIdHint() });
  }
  return nodes.filter((n, i) => nodes.findIndex((m) => m.id === n.id) === i);
}

export function markConnections(graph: GraphSpec, marks: Marks): void {
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const node of graph.nodes) {
    const missing = node.inputs.find((i) => !ids.has(i));
    if (missing !== undefined) {
      mark(marks, node.id, { error: m.missingInput({ id: missing }), hint: m.missingInputHint() });
    }
    const arity = arityError(node.kind, node.inputs.length);
    if (arity) mark(marks, node.id, arity);
  }
}

/** Map from a node id to the ids of the nodes it feeds. */
function consumersOf(graph: GraphSpec): Map<string, string[]> {
  const consumers = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const node of graph.nodes) for (const src of node.inputs) consumers.get(src)?.push(node.id);
  return consumers;
}

/**
 * Topological order of the acyclic part. Kahn's algorithm leaves behind both the nodes on a
 * cycle and those downstream of one; only the former are marked, each with the shortest loop
 * through it so the user sees which connection to cut.
 */
export function orderMarkingCycles(graph: GraphSpec, marks: Marks): LayerNode[] {
  const topo = topologicalOrder(graph);
  if (topo.ok) return topo.order;
  const stuck = new Set(topo.cycle);
  const consumers = consumersOf(graph);
  for (const id of topo.cycle) {
    const loop = shortestLoop(id, consumers, stuck);
    if (loop) {
      mark(marks, id, {
        error: m.inCycle({ loop: loop.join(' → ') }),
        hint: m.inCycleHint(),
      });
    }
  }
  const rest = topologicalOrder({ ...graph, nodes: graph.nodes.filter((n) => !stuck.has(n.id)) });
  return rest.ok ? rest.order : [];
}

/** Breadth-first search from `start` back to itself; the path, or null when it is not on a loop. */
function shortestLoop(start: string, consumers: Map<string, string[]>, within: Set<string>): string[] | null {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const next of consumers.get(id) ?? []) {
      if (!within.has(next)) continue;
      if (next === start) return [...pathTo(id, start, cameFrom), start];
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, id);
      queue.push(next);
    }
  }
  return null;
}

function pathTo(id: string, start: string, cameFrom: Map<string, string>): string[] {
  const path = [id];
  while (path[0] !== start) path.unshift(cameFrom.get(path[0])!);
  return path;
}

/** Ids reachable from `start` by following data flow, `start` included. */
function reachableFrom(start: string, consumers: Map<string, string[]>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of consumers.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * The model has one Input. With several, the one feeding the most layers is taken as the real
 * one (so a stray Input does not take the wired model down with it) and the others are marked.
 */
export function pickInput(graph: GraphSpec, marks: Marks): string | null {
  const inputs = graph.nodes.filter((n) => n.kind === 'Input');
  if (inputs.length === 0) return null;
  const consumers = consumersOf(graph);
  const reach = inputs.map((n) => reachableFrom(n.id, consumers).size);
  const chosen = inputs[reach.indexOf(Math.max(...reach))];
  for (const extra of inputs) {
    if (extra !== chosen) {
      mark(marks, extra.id, {
        error: m.secondInput({ input: chosen.id }),
        hint: m.secondInputHint({ input: chosen.id }),
      });
    }
  }
  return chosen.id;
}

/**
 * The output is the sink farthest from the Input; any other sink the Input reaches is a dangling
 * branch and is marked. Sinks the Input does not reach already carry (or sit downstream of) a
 * root-cause error. A dangling layer keeps its computed shape: it helps while wiring it up.
 */
export function pickOutput(graph: GraphSpec, order: LayerNode[], inputId: string | null, marks: Marks): string | null {
  if (inputId === null) return null;
  const depth = new Map([[inputId, 0]]);
  for (const node of order) {
    const reached = node.inputs.filter((i) => depth.has(i)).map((i) => depth.get(i)!);
    if (node.id !== inputId && reached.length > 0) depth.set(node.id, Math.max(...reached) + 1);
  }
  const sinks = sinkIds(graph).filter((id) => depth.has(id));
  if (sinks.length === 0) return null;
  const outputId = sinks.reduce((best, id) => (depth.get(id)! >= depth.get(best)! ? id : best));
  for (const id of sinks) {
    if (id !== outputId) {
      mark(marks, id, {
        error: m.feedsNothing({ output: outputId }),
        hint: m.feedsNothingHint(),
      });
    }
  }
  return outputId;
}
