import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH, layeredLayout, withLayout, type LayoutNode, type LayoutOptions } from '$lib/editor/layout';
import { routeEdge, type Box, type Point } from '$lib/editor/route';
import { PRESETS, PRESET_IDS } from '$lib/spec/presets';

const W = NODE_WIDTH;
const H = NODE_HEIGHT;

function boxes(nodes: readonly LayoutNode[], options: Partial<LayoutOptions> = {}): Map<string, Box> {
  const pos = layeredLayout(nodes, options);
  return new Map(nodes.map((n) => [n.id, { ...pos.get(n.id)!, width: n.width ?? W, height: n.height ?? H }]));
}

/** Checks what every layout must hold, then returns the boxes. */
function check(nodes: readonly LayoutNode[], options: Partial<LayoutOptions> = {}): Map<string, Box> {
  const box = boxes(nodes, options);
  for (const n of nodes) {
    for (const src of n.inputs.filter((i) => box.has(i))) {
      const a = box.get(src)!;
      const b = box.get(n.id)!;
      const right = b.x >= a.x + a.width;
      const nextRow = b.y >= a.y + a.height;
      expect(right || nextRow, `${src} → ${n.id} points right or into a later row`).toBe(true);
    }
  }
  const all = [...box.entries()];
  for (const [i, [idA, p]] of all.entries()) {
    for (const [idB, q] of all.slice(i + 1)) {
      const overlap = p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
      expect(overlap, `${idA} overlaps ${idB}`).toBe(false);
    }
  }
  return box;
}

function extent(box: Map<string, Box>) {
  const all = [...box.values()];
  const width = Math.max(...all.map((b) => b.x + b.width)) - Math.min(...all.map((b) => b.x));
  const height = Math.max(...all.map((b) => b.y + b.height)) - Math.min(...all.map((b) => b.y));
  return { width, height };
}

const chain = (n: number): LayoutNode[] => Array.from({ length: n }, (_, i) => ({ id: `n${i}`, inputs: i === 0 ? [] : [`n${i - 1}`] }));

describe('layeredLayout', () => {
  it('keeps a short chain on one line, left to right', () => {
    const box = check(chain(3));
    expect(new Set([...box.values()].map((b) => b.y)).size).toBe(1);
    expect(box.get('n0')!.x).toBeLessThan(box.get('n1')!.x);
  });

  it('wraps a long chain into rows shaped like the view, instead of one long line', () => {
    for (const view of [
      { width: 830, height: 340 },
      { width: 990, height: 450 },
    ]) {
      const { width, height } = extent(check(chain(24), { view }));
      const aspect = width / height;
      expect(aspect, `${view.width}×${view.height}`).toBeGreaterThan((view.width / view.height) * 0.5);
      expect(aspect, `${view.width}×${view.height}`).toBeLessThan((view.width / view.height) * 2);
    }
  });

  it('puts the starting model in rows that fit the 1280×720 canvas at full size', () => {
    const spec = withLayout(PRESETS.tiny(4));
    const { width, height } = extent(new Map(spec.nodes.map((n) => [n.id, { ...n.position!, width: W, height: H }])));
    expect(width).toBeLessThanOrEqual(830 * 0.9);
    expect(height).toBeLessThanOrEqual(340 * 0.9);
  });

  it('runs a projection shortcut as a parallel branch below the main path, merging on the main line', () => {
    const box = check(
      [
        { id: 'in', inputs: [] },
        { id: 'conv1', inputs: ['in'] },
        { id: 'conv2', inputs: ['conv1'] },
        { id: 'proj', inputs: ['in'] },
        { id: 'add', inputs: ['conv2', 'proj'] },
      ],
      { view: { width: 1400, height: 400 } },
    );
    expect(box.get('proj')!.x).toBe(box.get('conv1')!.x);
    expect(box.get('proj')!.y).toBeGreaterThan(box.get('conv1')!.y);
    expect(box.get('add')!.y).toBe(box.get('conv2')!.y);
  });

  it('respects measured sizes and ignores unknown inputs', () => {
    check([
      { id: 'in', inputs: ['ghost'], width: 400, height: 150 },
      { id: 'a', inputs: ['in'], width: 300 },
      { id: 'b', inputs: ['in'], width: 100, height: 200 },
      { id: 'c', inputs: ['in'] },
      { id: 'd', inputs: ['a', 'b', 'c'] },
      { id: 'loose', inputs: [] },
    ]);
  });

  it('terminates on a cycle and places every node', () => {
    const pos = layeredLayout([
      { id: 'a', inputs: ['c'] },
      { id: 'b', inputs: ['a'] },
      { id: 'c', inputs: ['b'] },
    ]);
    expect(pos.size).toBe(3);
  });

  it.each(PRESET_IDS)('lays out preset %s with edges forward, no overlaps and a bounded aspect ratio', (id) => {
    const spec = withLayout(PRESETS[id](4));
    expect(spec.nodes.every((n) => n.position)).toBe(true);
    const { width, height } = extent(check(spec.nodes));
    expect(width / height).toBeGreaterThan(0.8);
    expect(width / height).toBeLessThan(8);
  });
});

describe('routeEdge', () => {
  const resnet = PRESETS.resnet(4);
  const box = boxes(resnet.nodes);
  const obstacles = [...box.values()];
  const out = (id: string): Point => ({ x: box.get(id)!.x + box.get(id)!.width, y: box.get(id)!.y + box.get(id)!.height / 2 });
  const into = (id: string): Point => ({ x: box.get(id)!.x, y: box.get(id)!.y + box.get(id)!.height / 2 });
  const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
  const pointOn = (pts: Point[], t: number): Point => (pts.length === 1 ? pts[0] : pointOn(pts.slice(1).map((p, i) => lerp(pts[i], p, t)), t));
  /** Points along an SVG path made of M, L, C and Q commands, 20 per segment. */
  function trace(path: string): Point[] {
    const points: Point[] = [];
    let at: Point = { x: 0, y: 0 };
    for (const [, cmd, args] of path.matchAll(/([MLCQ])([^MLCQ]*)/g)) {
      const nums = args.trim().split(/[\s,]+/).map(Number);
      const pts = Array.from({ length: nums.length / 2 }, (_, i) => ({ x: nums[2 * i], y: nums[2 * i + 1] }));
      if (cmd !== 'M') for (let k = 1; k <= 20; k++) points.push(pointOn([at, ...pts], k / 20));
      at = pts[pts.length - 1];
    }
    return points;
  }
  const hits = (points: Point[], except: string[]) =>
    [...box.entries()].filter(([id, b]) => !except.includes(id) && points.some((p) => p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height)).map(([id]) => id);

  it('draws a chain edge as a plain curve between neighbours', () => {
    expect(routeEdge(out('block1_conv1'), into('block1_conv1_bn'), obstacles).path).toMatch(/^M [\d.-]+,[\d.-]+ C /);
  });

  it.each([
    ['pool', 'block1_add'],
    ['block2_proj_bn', 'block2_add'],
  ])('routes the shortcut %s → %s around the layers it skips, apart from the chain', (source, target) => {
    const skip = trace(routeEdge(out(source), into(target), obstacles).path);
    expect(hits(skip, [source, target])).toEqual([]);
    // Near its ends an edge meets the others at the same handles: only its run between them counts.
    const run = skip.filter((p) => Math.hypot(p.x - out(source).x, p.y - out(source).y) > 40 && Math.hypot(p.x - into(target).x, p.y - into(target).y) > 40);
    const chainIds = resnet.nodes.filter((n) => n.id !== source && n.id !== target).map((n) => n.id);
    const chainEdges = resnet.nodes.flatMap((n) => n.inputs.filter((i) => chainIds.includes(i) || chainIds.includes(n.id)).map((i) => trace(routeEdge(out(i), into(n.id), obstacles).path)));
    const shared = run.filter((p) => chainEdges.some((edge) => edge.some((q) => Math.hypot(p.x - q.x, p.y - q.y) < 4)));
    expect(shared.length / run.length).toBeLessThan(0.1);
  });

  it('routes every ResNet-tiny edge, wrapped rows included, through no other layer', () => {
    for (const n of resnet.nodes) for (const i of n.inputs) expect(hits(trace(routeEdge(out(i), into(n.id), obstacles).path), [i, n.id]), `${i} → ${n.id}`).toEqual([]);
  });
});
