import type { GraphSpec, LayerKind, LayerNode } from '$lib/spec/types';
import type { LessonSnapshot } from './lesson';

/** Each node's consumers, so paths can be followed from the input forward. */
function consumers(spec: GraphSpec): Map<string, LayerNode[]> {
  const map = new Map<string, LayerNode[]>();
  for (const node of spec.nodes) for (const from of node.inputs) map.set(from, [...(map.get(from) ?? []), node]);
  return map;
}

/**
 * Whether some path from an Input passes through layers of these kinds in this order (other layers
 * may sit between them), each accepted by `accept` when given: "a Conv2D with 16 filters after the Input".
 */
export function hasPath(spec: GraphSpec, kinds: readonly LayerKind[], accept: (node: LayerNode) => boolean = () => true): boolean {
  const next = consumers(spec);
  const seen = new Set<string>();
  const walk = (node: LayerNode, matched: number): boolean => {
    const key = `${node.id}/${matched}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const here = matched < kinds.length && node.kind === kinds[matched] && accept(node) ? matched + 1 : matched;
    if (here === kinds.length) return true;
    return (next.get(node.id) ?? []).some((n) => walk(n, here));
  };
  return spec.nodes.filter((n) => n.kind === 'Input').some((input) => walk(input, 0));
}

export const countKind = (spec: GraphSpec | null, kind: LayerKind): number => spec?.nodes.filter((n) => n.kind === kind).length ?? 0;

/** The best validation accuracy of the current run, 0 before an epoch ends. */
export const bestValAcc = (state: LessonSnapshot): number => state.epochs.reduce((best, e) => Math.max(best, e.valAcc), 0);

/** A run finished (not stopped half-way into nothing) with at least one epoch. */
export const finishedRun = (state: LessonSnapshot): boolean => state.status === 'done' && state.epochs.length > 0;
