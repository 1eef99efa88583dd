import { describe, expect, it } from 'vitest';
import { changedLayers, sameArchitecture } from '$lib/spec/same-graph';
import { PRESETS } from '$lib/spec/presets';
import type { GraphSpec, LayerNode } from '$lib/spec/types';

const lenet = (): GraphSpec => PRESETS.lenet5(4);
const withNode = (spec: GraphSpec, id: string, change: (n: LayerNode) => LayerNode): GraphSpec => ({
  ...spec,
  nodes: spec.nodes.map((n) => (n.id === id ? change(structuredClone(n)) : n)),
});

describe('comparing graphs as models', () => {
  it('ignores moved nodes, node order and the name', () => {
    const a = lenet();
    const moved = withNode(a, 'fc1', (n) => ({ ...n, position: { x: 400, y: 12 } }));
    const reordered = { ...moved, name: 'renamed', nodes: [...moved.nodes].reverse() };
    expect(sameArchitecture(a, moved)).toBe(true);
    expect(changedLayers(a, reordered)).toEqual([]);
  });

  it('names a layer whose settings changed', () => {
    const a = lenet();
    const b = withNode(a, 'fc1', (n) => ({ ...n, params: { ...n.params, units: 100 } }) as LayerNode);
    expect(sameArchitecture(a, b)).toBe(false);
    expect(changedLayers(a, b)).toEqual(['fc1']);
  });

  it('names re-wired, added and removed layers', () => {
    const a = lenet();
    const rewired = withNode(a, 'fc2', (n) => ({ ...n, inputs: ['flatten'] }));
    expect(changedLayers(a, rewired)).toEqual(['fc2']);
    const extra: LayerNode = { id: 'drop', kind: 'Dropout', params: { rate: 0.5 }, inputs: ['fc2'] };
    const withoutPool = { ...a, nodes: [...a.nodes.filter((n) => n.id !== 'pool2'), extra] };
    expect(changedLayers(a, withoutPool)).toEqual(['drop', 'pool2']);
  });
});
