import type { GraphSpec } from '$lib/spec/types';
import type { FlowNode } from './flow';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';
import type { Box, Point } from './route';

const MARGIN = 16;
const STEP = 24;
const SEARCH_STEPS = 30;

/** Where a node is drawn, at its measured size once it has one. */
export function nodeBox(n: Pick<FlowNode, 'position' | 'measured'>): Box {
  return { ...n.position, width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? NODE_HEIGHT };
}

/**
 * How a layer added "after" the selected one is wired: the selected layer feeds it, and when the
 * selected layer fed exactly one layer, the new one is inserted before that one (conv → pool
 * becomes conv → new → pool), which is what adding to a chain means. A layer feeding several
 * others (a fork, such as the start of a residual block) keeps them: the new layer starts a
 * branch, because which path to extend is the user's call. `consumers` are rewired to the new layer.
 */
export function insertionAfter(spec: GraphSpec, anchorId: string): { inputs: string[]; consumers: string[] } {
  if (!spec.nodes.some((n) => n.id === anchorId)) return { inputs: [], consumers: [] };
  const consumers = spec.nodes.filter((n) => n.inputs.includes(anchorId)).map((n) => n.id);
  return { inputs: [anchorId], consumers: consumers.length === 1 ? consumers : [] };
}

/** The free spot for a box of `size` nearest to `wanted` (its top-left), keeping MARGIN from every box. */
export function freeSpot(boxes: readonly Box[], wanted: Point, size: { width: number; height: number }): Point {
  const clear = (p: Point) =>
    !boxes.some((b) => p.x < b.x + b.width + MARGIN && b.x < p.x + size.width + MARGIN && p.y < b.y + b.height + MARGIN && b.y < p.y + size.height + MARGIN);
  const offsets: Point[] = [];
  for (let i = -SEARCH_STEPS; i <= SEARCH_STEPS; i++) for (let j = -SEARCH_STEPS; j <= SEARCH_STEPS; j++) offsets.push({ x: i * STEP, y: j * STEP });
  // Nearest first; on a tie, right of and below the wanted spot, where a reader expects what comes next.
  offsets.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y) || b.x - a.x || b.y - a.y);
  const found = offsets.map((o) => ({ x: wanted.x + o.x, y: wanted.y + o.y })).find(clear);
  return found ?? { x: wanted.x, y: Math.max(wanted.y, ...boxes.map((b) => b.y + b.height + MARGIN)) };
}
