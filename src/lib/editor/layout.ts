import type { GraphSpec } from '$lib/spec/types';

export interface LayoutNode {
  id: string;
  /** Ids of the nodes feeding this one; unknown ids are ignored. */
  inputs: readonly string[];
  width?: number;
  height?: number;
}

export interface LayoutOptions {
  gapX: number;
  gapY: number;
  /** Size assumed for nodes not yet measured on screen. */
  width: number;
  height: number;
}

export type Positions = Map<string, { x: number; y: number }>;

// Defaults match the widest and tallest error-free card (LayerNode caps widths at 240 px).
const DEFAULTS: LayoutOptions = { gapX: 40, gapY: 48, width: 240, height: 72 };

/**
 * Layered top-to-bottom layout of a DAG. Each node sits one row below its deepest input
 * (longest-path layering), so every edge points down. Within a row nodes are ordered and placed
 * at the mean x of their inputs (barycentre), then pushed apart so none overlap; a straight
 * chain stays in one column. Nodes on a cycle are placed below whatever inputs are already placed.
 */
export function layeredLayout(nodes: readonly LayoutNode[], options: Partial<LayoutOptions> = {}): Positions {
  const opt = { ...DEFAULTS, ...options };
  const size = new Map(nodes.map((n) => [n.id, { w: n.width ?? opt.width, h: n.height ?? opt.height }]));
  const rows = layers(nodes);
  const centreX = new Map<string, number>();
  const positions: Positions = new Map();
  let top = 0;
  for (const row of rows) {
    const wanted = row.map((n, index) => {
      const xs = n.inputs.filter((i) => centreX.has(i)).map((i) => centreX.get(i)!);
      return { n, index, x: xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0 };
    });
    wanted.sort((a, b) => a.x - b.x || a.index - b.index);
    const placed = spread(wanted.map((w) => ({ x: w.x, w: size.get(w.n.id)!.w })), opt.gapX);
    const rowHeight = Math.max(...row.map((n) => size.get(n.id)!.h));
    wanted.forEach(({ n }, i) => {
      centreX.set(n.id, placed[i]);
      positions.set(n.id, { x: Math.round(placed[i] - size.get(n.id)!.w / 2), y: top });
    });
    top += rowHeight + opt.gapY;
  }
  return positions;
}

/** Rows of nodes by longest path from a source, in the given order within each row. */
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
  const rows: LayoutNode[][] = [];
  for (const n of nodes) (rows[depth.get(n.id)!] ??= []).push(n);
  return rows.filter((row) => row.length > 0);
}

/**
 * Centre x of each box, kept in order with `gap` between neighbours, as close as possible to
 * the wanted centres: placed greedily left to right, then the row is shifted so the average
 * displacement is zero.
 */
function spread(boxes: { x: number; w: number }[], gap: number): number[] {
  const xs: number[] = [];
  boxes.forEach((b, i) => {
    const min = i === 0 ? -Infinity : xs[i - 1] + boxes[i - 1].w / 2 + gap + b.w / 2;
    xs.push(Math.max(b.x, min));
  });
  const shift = boxes.reduce((acc, b, i) => acc + b.x - xs[i], 0) / boxes.length;
  return xs.map((x) => x + shift);
}

/** The spec with every node placed by layeredLayout at its default size (for graphs never drawn yet, like presets). */
export function withLayout(spec: GraphSpec): GraphSpec {
  const positions = layeredLayout(spec.nodes);
  return { ...spec, nodes: spec.nodes.map((n) => ({ ...n, position: positions.get(n.id)! })) };
}
