import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '$lib/spec/analyze';
import { SPEC_UPGRADES } from '$lib/spec/migrations';
import { parseSpec } from '$lib/spec/parse';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec } from '$lib/spec/types';
import { withLayout } from '$lib/editor/layout';
import { parseTrainableSpec } from '$lib/training/shared/trainable';

/** A graph as an unversioned build saved it (autosave before the format tag): version 0. */
const VERSION_0 = {
  name: 'tiny',
  nodes: [
    { id: 'input', kind: 'Input', params: { height: 28, width: 28, channels: 1 }, inputs: [], position: { x: 0, y: 0 } },
    { id: 'flatten', kind: 'Flatten', params: {}, inputs: ['input'], position: { x: 0, y: 110 } },
    { id: 'dense', kind: 'Dense', params: { units: 4, activation: 'softmax', useBias: true }, inputs: ['flatten'] },
  ],
};

/** What a file or link would hold: plain JSON. */
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const errorsOf = (value: unknown): string[] => {
  const parsed = parseSpec(value);
  return parsed.ok ? [] : parsed.errors;
};

/** The default graph with its first node (the Input) changed by `patch`. */
function withInput(patch: object): GraphSpec {
  const spec = defaultSpec(4);
  return { ...spec, nodes: [{ ...spec.nodes[0], ...patch }, ...spec.nodes.slice(1)] } as GraphSpec;
}

/** The default graph with the node `id` changed by `patch`. */
function withNode(id: string, patch: object): GraphSpec {
  const spec = defaultSpec(4);
  return { ...spec, nodes: spec.nodes.map((n) => (n.id === id ? { ...n, ...patch } : n)) } as GraphSpec;
}

describe('parseSpec', () => {
  it('reads back every preset exactly as saved', () => {
    for (const build of [defaultSpec, ...Object.values(PRESETS)]) {
      const spec = withLayout(build(4));
      expect(parseSpec(json(spec))).toEqual({ ok: true, value: spec });
    }
  });

  it('upgrades a version-0 graph (no format tag) to the current version, layers unchanged', () => {
    const parsed = parseSpec(json(VERSION_0));
    expect(parsed).toEqual({ ok: true, value: { format: SPEC_FORMAT, version: SPEC_VERSION, ...VERSION_0 } });
    expect(analyzeGraph((parsed as { value: GraphSpec }).value).valid).toBe(true);
  });

  it('has one upgrade per version before the current one', () => {
    expect(SPEC_UPGRADES).toHaveLength(SPEC_VERSION);
  });

  it('refuses a graph from a newer NetLoom, saying so', () => {
    const [error] = errorsOf({ ...defaultSpec(4), version: SPEC_VERSION + 1 });
    expect(error).toMatch(/made by a newer NetLoom/);
    expect(error).toContain(`version ${SPEC_VERSION + 1}`);
  });

  it('refuses other formats and versions that are not counts', () => {
    expect(errorsOf({ ...defaultSpec(4), format: 'keras' })).toEqual([`Not a NetLoom graph: format is "keras", expected 'netloom-graph'`]);
    expect(errorsOf({ ...defaultSpec(4), format: undefined })[0]).toMatch(/Not a NetLoom graph/);
    for (const version of [0, -1, 1.5, '1', null]) expect(errorsOf({ ...defaultSpec(4), version })[0]).toMatch(/Unsupported graph version/);
  });

  it('refuses values that are not graphs at all', () => {
    for (const value of [null, undefined, 42, 'graph', [1, 2], { hello: 'world' }]) {
      expect(errorsOf(value)).toEqual(['It does not contain a NetLoom graph.']);
    }
    expect(errorsOf({ name: 'x', nodes: 'input' })).toEqual(['The graph has no list of layers.']);
    expect(errorsOf({ ...defaultSpec(4), name: 7 })).toEqual(['The graph has no name.']);
  });

  it('refuses a node without string id and kind, params object and list of input ids', () => {
    const spec = defaultSpec(4);
    const input = spec.nodes[0];
    const malformed = [null, 'input', { ...input, id: 1 }, { ...input, kind: undefined }, { ...input, params: null }, { ...input, params: [] }, { ...input, inputs: 'x' }, { ...input, inputs: [3] }];
    for (const node of malformed) expect(errorsOf({ ...spec, nodes: [node] }), JSON.stringify(node)).toEqual([expect.stringMatching(/^Node 1 is malformed/)]);
  });

  it('refuses unknown kinds, including names every object has', () => {
    expect(errorsOf(withInput({ kind: 'Transformer' }))).toEqual(["Layer 1: unknown layer kind 'Transformer'."]);
    expect(errorsOf(withInput({ kind: 'constructor' }))).toEqual(["Layer 1: unknown layer kind 'constructor'."]);
  });

  it("refuses settings that are not exactly the kind's, of its types", () => {
    expect(errorsOf(withInput({ params: { height: 28 } }))).toEqual(['Layer 1: Input settings should be height, width, channels.']);
    expect(errorsOf(withInput({ params: { height: 28, width: 28, channels: 1, depth: 3 } }))[0]).toMatch(/should be height, width, channels/);
    expect(errorsOf(withInput({ params: { height: '28', width: 28, channels: 1 } }))).toEqual(["Layer 1: setting 'height' should be a number."]);
    // JSON cannot carry these, but a worker message or a hand-built object can.
    expect(errorsOf(withInput({ params: { height: NaN, width: 28, channels: 1 } }))[0]).toMatch(/'height' should be a number/);
    expect(errorsOf(withInput({ params: { height: 28, width: Infinity, channels: 1 } }))[0]).toMatch(/'width' should be a number/);
    expect(errorsOf(withNode('dense', { params: { units: 4, activation: 'softmax', useBias: 'yes' } }))[0]).toMatch(/'useBias' should be a boolean/);
  });

  it('refuses a choice the layer does not offer', () => {
    expect(errorsOf(withNode('conv1', { params: { ...defaultSpec(4).nodes[1].params, padding: 'full' } }))[0]).toMatch(/^Layer 2: .*same, valid/);
    expect(errorsOf(withNode('dense', { params: { units: 4, activation: 'gelu', useBias: true } }))[0]).toMatch(/relu.*softmax/);
  });

  it('refuses a target shape that is not a list of numbers', () => {
    const reshape = { id: 'reshape', kind: 'Reshape', params: { targetShape: [7, 'x'] }, inputs: [] };
    expect(errorsOf({ ...defaultSpec(4), nodes: [reshape] })).toEqual(["Layer 1: setting 'targetShape' should be a list of numbers."]);
  });

  it('refuses repeated ids and repeated connections, and positions that are not numbers', () => {
    const spec = defaultSpec(4);
    expect(errorsOf({ ...spec, nodes: [spec.nodes[0], spec.nodes[0]] })).toEqual(["Layer 2: the id 'input' is used twice."]);
    expect(errorsOf(withNode('conv1', { inputs: ['input', 'input'] }))[0]).toMatch(/connected twice/);
    for (const position of [{ x: 'left', y: 0 }, { x: 0 }, null, [0, 0]]) expect(errorsOf(withInput({ position }))).toEqual(['Layer 1: its position is not a pair of numbers.']);
  });

  it('lists every broken layer, not only the first', () => {
    const spec = defaultSpec(4);
    const broken = { ...spec, nodes: spec.nodes.map((n, i) => (i < 2 ? { ...n, kind: 'Nope' } : n)) };
    expect(errorsOf(broken)).toEqual(["Layer 1: unknown layer kind 'Nope'.", "Layer 2: unknown layer kind 'Nope'."]);
  });

  it('keeps only the fields a graph has', () => {
    const spec = defaultSpec(4);
    const extra = { ...spec, author: 'someone', nodes: spec.nodes.map((n) => ({ ...n, note: 'hi' })) };
    expect(parseSpec(extra)).toEqual({ ok: true, value: spec });
  });

  it('accepts what the user fixes on the canvas: wiring mistakes and numbers out of range, marked by the analysis', () => {
    const unwired = parseSpec(json(withNode('dense', { inputs: [] })));
    expect(unwired.ok).toBe(true);
    const zeroFilters = parseSpec(json(withNode('conv1', { params: { ...defaultSpec(4).nodes[1].params, filters: 0 } })));
    expect(zeroFilters.ok).toBe(true);
    const analysis = analyzeGraph((zeroFilters as { value: GraphSpec }).value);
    expect(analysis.nodes.conv1.error?.message).toMatch(/[Ff]ilters/);
  });
});

describe('parseTrainableSpec (what the worker accepts)', () => {
  it('accepts a graph the editor would train', () => {
    expect(parseTrainableSpec(json(defaultSpec(4)))).toEqual({ ok: true, value: defaultSpec(4) });
  });

  it('refuses an unreadable graph, and a readable one with marked mistakes, naming the layer', () => {
    expect(parseTrainableSpec({ nodes: 3 })).toEqual({ ok: false, errors: ['The graph has no list of layers.'] });
    const cycle = withNode('conv1', { inputs: ['dense'] });
    const refused = parseTrainableSpec(json(cycle));
    expect(refused.ok).toBe(false);
    expect((refused as { errors: string[] }).errors.join(' ')).toMatch(/conv1: /);
  });
});
