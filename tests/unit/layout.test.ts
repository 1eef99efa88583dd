import { describe, expect, it } from 'vitest';
import { layeredLayout, withLayout, type LayoutNode } from '$lib/editor/layout';
import { PRESETS, PRESET_IDS } from '$lib/spec/presets';

const W = 240;
const H = 72;

function check(nodes: LayoutNode[]) {
  const pos = layeredLayout(nodes);
  const box = (id: string) => {
    const n = nodes.find((m) => m.id === id)!;
    const p = pos.get(id)!;
    return { x: p.x, y: p.y, w: n.width ?? W, h: n.height ?? H };
  };
  for (const n of nodes) {
    for (const src of n.inputs.filter((i) => pos.has(i))) {
      const a = box(src);
      const b = box(n.id);
      expect(b.y, `${src} → ${n.id} points down`).toBeGreaterThan(a.y + a.h);
    }
  }
  for (const [i, a] of nodes.entries()) {
    for (const b of nodes.slice(i + 1)) {
      const p = box(a.id);
      const q = box(b.id);
      const overlap = p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
  return pos;
}

describe('layeredLayout', () => {
  it('keeps a chain in one column, top to bottom', () => {
    const pos = check([
      { id: 'a', inputs: [] },
      { id: 'b', inputs: ['a'] },
      { id: 'c', inputs: ['b'] },
    ]);
    expect(new Set([...pos.values()].map((p) => p.x)).size).toBe(1);
    expect(pos.get('a')!.y).toBeLessThan(pos.get('b')!.y);
  });

  it('places a skip connection beside the main path and the merge below both', () => {
    const nodes: LayoutNode[] = [
      { id: 'in', inputs: [] },
      { id: 'conv1', inputs: ['in'] },
      { id: 'conv2', inputs: ['conv1'] },
      { id: 'proj', inputs: ['in'] },
      { id: 'add', inputs: ['conv2', 'proj'] },
    ];
    const pos = check(nodes);
    expect(pos.get('proj')!.y).toBe(pos.get('conv1')!.y);
    expect(pos.get('add')!.y).toBeGreaterThan(pos.get('conv2')!.y);
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

  it.each(PRESET_IDS)('lays out preset %s with edges down and no overlaps', (id) => {
    const spec = withLayout(PRESETS[id](4));
    expect(spec.nodes.every((n) => n.position)).toBe(true);
    check(spec.nodes);
  });
});
