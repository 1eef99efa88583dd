import type { GraphSpec } from '$lib/spec/types';

export interface LayoutNode {
  id: string;
  /** Ids of the nodes feeding this one; unknown ids are ignored. */
  inputs: readonly string[];
  width?: number;
  height?: number;
}

export interface LayoutOptions {
  /** Between neighbouring columns of one row. */
  gapX: number;
  /** Between nodes stacked in one column (parallel branches). */
  gapY: number;
  /** Between wrapped rows: edges from one row to the next run in this gap. */
  rowGap: number;
  /** Size assumed for nodes not yet measured on screen. */
  width: number;
  height: number;
  /** Size of the view the graph will be fitted into: rows wrap so the graph fills it. */
  view: { width: number; height: number };
}

export type Positions = Map<string, { x: number; y: number }>;

/** The card width, fixed in LayerNode.svelte, and a typical error-free card's height (cards not yet measured). */
export const NODE_WIDTH = 160;
export const NODE_HEIGHT = 80;
// The default view is the canvas at 1280×720 (a common classroom laptop) with the training panel open.
const DEFAULTS: LayoutOptions = { gapX: 36, gapY: 24, rowGap: 64, width: NODE_WIDTH, height: NODE_HEIGHT, view: { width: 830, height: 340 } };
/** Share of the view the fitted graph may fill (FIT_VIEW leaves a margin), and the largest zoom a fit uses. */
const FILL = 0.9;
const MAX_ZOOM = 1;
/** Zoom a layout gives up for each extra edge a row break cuts (a skip connection split over two rows reads badly). */
const SPLIT_COST = 0.85;

interface Placed {
  node: LayoutNode;
  rank: number;
  /** Top relative to the row: 0 is the main path, parallel branches lie below it. Tops align, so chain edges run straight. */
  lane: number;
  w: number;
  h: number;
}

/**
 * Layered left-to-right layout of a DAG, wrapped into rows like text. Each node sits one column
 * right of its deepest input (longest-path ranks), so every edge points right, or down into a
 * later row. A node keeps its first input's height, so a chain stays on one line and a parallel
 * branch (a projection shortcut) runs below it. Rows break where the fewest edges cross, and the
 * row length is the one whose bounding box, fitted into `view`, gets the largest zoom (up to 100 %,
 * preferring fewer rows among those that reach it), less a cost for each skip connection a break
 * splits.
 */
export function layeredLayout(nodes: readonly LayoutNode[], options: Partial<LayoutOptions> = {}): Positions {
  const opt = { ...DEFAULTS, ...options };
  const ranks = layers(nodes);
  if (ranks.length === 0) return new Map();
  const placed = lanes(ranks, opt);
  const columnWidths = ranks.map((column) => Math.max(...column.map((n) => placed.get(n.id)!.w)));
  const crossings = cutCrossings(nodes, placed, ranks.length);

  let best: { score: number; positions: Positions } | null = null;
  for (let columns = 1; columns <= ranks.length; columns++) {
    const rows = wrap(columnWidths, crossings, rowLimit(columnWidths, columns, opt.gapX), opt.gapX);
    const { positions, width, height } = place(rows, ranks, placed, columnWidths, opt);
    const split = rows.slice(0, -1).reduce((sum, [, last]) => sum + crossings[last] - 1, 0);
    const score = Math.min((FILL * opt.view.width) / width, (FILL * opt.view.height) / height, MAX_ZOOM) * SPLIT_COST ** split;
    if (!best || score >= best.score - 1e-9) best = { score, positions };
  }
  return best!.positions;
}

/** Columns of nodes by longest path from a source, in the given order within each column. */
function layers(nodes: readonly LayoutNode[]): LayoutNode[][] {
  const ids = new Set(nodes.map((n) => n.id));
  const depth = new Map<string, number>();
  let pending = [...nodes];
  while (pending.length > 0) {
    const ready = pending.filter((n) => n.inputs.every((i) => !ids.has(i) || depth.has(i)));
    // On a cycle nothing is ready: break it at the first pending node, counting only placed inputs.
    const batch = ready.length > 0 ? ready : [pending[0]];
    for (const n of batch) {
      const known = n.inputs.filter((i) => depth.has(i)).map((i) => depth.get(i)! + 1);
      depth.set(n.id, Math.max(0, ...known));
    }
    pending = pending.filter((n) => !depth.has(n.id));
  }
  const columns: LayoutNode[][] = [];
  for (const n of nodes) (columns[depth.get(n.id)!] ??= []).push(n);
  return columns.filter((column) => column.length > 0);
}

/** Each node's lane: its first placed input's, pushed down below the nodes already in its column. */
function lanes(ranks: LayoutNode[][], opt: LayoutOptions): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  ranks.forEach((column, rank) => {
    const wanted = column.map((node, index) => {
      const first = node.inputs.find((i) => placed.has(i));
      return { node, index, lane: first === undefined ? 0 : placed.get(first)!.lane };
    });
    wanted.sort((a, b) => a.lane - b.lane || a.index - b.index);
    let bottom = -Infinity;
    for (const { node, lane } of wanted) {
      const w = node.width ?? opt.width;
      const h = node.height ?? opt.height;
      const top = Math.max(lane, bottom + opt.gapY);
      placed.set(node.id, { node, rank, lane: top, w, h });
      bottom = top + h;
    }
  });
  return placed;
}

/** How many edges a row break after each column would cut. */
function cutCrossings(nodes: readonly LayoutNode[], placed: Map<string, Placed>, columns: number): number[] {
  const crossings = new Array<number>(columns).fill(0);
  for (const n of nodes) {
    for (const i of n.inputs.filter((id) => placed.has(id))) {
      const from = placed.get(i)!.rank;
      const to = placed.get(n.id)!.rank;
      for (let c = Math.min(from, to); c < Math.max(from, to); c++) crossings[c]++;
    }
  }
  return crossings;
}

function span(widths: number[], from: number, to: number, gap: number): number {
  return widths.slice(from, to + 1).reduce((a, b) => a + b, 0) + gap * (to - from);
}

function rowLimit(widths: number[], columns: number, gap: number): number {
  return Math.max(...widths.map((_, i) => (i + columns <= widths.length ? span(widths, i, i + columns - 1, gap) : 0)));
}

/**
 * Rows as [first, last] column ranges no wider than `limit`. Each row breaks, among the columns
 * that fill at least half of it, where the fewest edges cross (the latest such column on a tie),
 * so a residual block and its shortcut stay in one row when they fit.
 */
function wrap(widths: number[], crossings: number[], limit: number, gap: number): [number, number][] {
  const rows: [number, number][] = [];
  let start = 0;
  while (start < widths.length) {
    let end = start;
    while (end + 1 < widths.length && span(widths, start, end + 1, gap) <= limit) end++;
    if (end === widths.length - 1) {
      rows.push([start, end]);
      break;
    }
    let cut = end;
    for (let c = end; c >= start; c--) {
      if (span(widths, start, c, gap) < limit / 2) break;
      if (crossings[c] < crossings[cut]) cut = c;
    }
    rows.push([start, cut]);
    start = cut + 1;
  }
  return rows;
}

function place(rows: [number, number][], ranks: LayoutNode[][], placed: Map<string, Placed>, widths: number[], opt: LayoutOptions) {
  const positions: Positions = new Map();
  let top = 0;
  let width = 0;
  for (const [first, last] of rows) {
    const members = ranks.slice(first, last + 1).flat().map((n) => placed.get(n.id)!);
    const minTop = Math.min(...members.map((p) => p.lane));
    const maxBottom = Math.max(...members.map((p) => p.lane + p.h));
    let left = 0;
    for (let rank = first; rank <= last; rank++) {
      for (const n of ranks[rank]) {
        const p = placed.get(n.id)!;
        positions.set(n.id, { x: Math.round(left + (widths[rank] - p.w) / 2), y: Math.round(top + p.lane - minTop) });
      }
      left += widths[rank] + opt.gapX;
    }
    width = Math.max(width, left - opt.gapX);
    top += maxBottom - minTop + opt.rowGap;
  }
  return { positions, width, height: top - opt.rowGap };
}

/** The spec with every node placed by layeredLayout at its default size (for graphs never drawn yet, like presets). */
export function withLayout(spec: GraphSpec, options: Partial<LayoutOptions> = {}): GraphSpec {
  const positions = layeredLayout(spec.nodes, options);
  return { ...spec, nodes: spec.nodes.map((n) => ({ ...n, position: positions.get(n.id)! })) };
}
