import { describe, expect, it } from 'vitest';
import { copyLayers, pasteLayers } from '$lib/editor/clipboard';
import { editKey } from '$lib/editor/edit-key';
import { belongsToPage, shortcutAction } from '$lib/editor/shortcuts';
import { inputCandidates } from '$lib/editor/wiring';
import { freeSpot, insertionAfter } from '$lib/editor/placement';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import type { GraphSpec, LayerNode } from '$lib/spec/types';

const spec = defaultSpec(4);
const patch = (s: GraphSpec, id: string, change: Partial<LayerNode>): GraphSpec => ({
  ...s,
  nodes: s.nodes.map((n) => (n.id === id ? ({ ...n, ...change } as LayerNode) : n)),
});

describe('editKey', () => {
  it('names moves and single-layer setting edits, nothing else', () => {
    expect(editKey(spec, patch(spec, 'conv1', { position: { x: 5, y: 5 } }))).toBe('move:conv1');
    expect(editKey(spec, patch(spec, 'dense', { params: { units: 5, activation: 'softmax', useBias: true } }))).toBe('params:dense');
    expect(editKey(spec, patch(spec, 'dense', { inputs: [] }))).toBeNull();
    expect(editKey(spec, { ...spec, nodes: spec.nodes.slice(1) })).toBeNull();
    expect(editKey(spec, { ...spec, name: 'x' })).toBeNull();
    const both = patch(patch(spec, 'dense', { params: { units: 5, activation: 'softmax', useBias: true } }), 'conv1', { position: { x: 1, y: 1 } });
    expect(editKey(spec, both)).toBeNull();
  });
});

describe('copy and paste', () => {
  it('copies a selection with its inner connections and pastes fresh, offset copies', () => {
    const clip = copyLayers(spec.nodes, new Set(['conv1', 'pool1']));
    expect(clip.layers.map((l) => [l.id, l.inputs])).toEqual([
      ['conv1', []],
      ['pool1', ['conv1']],
    ]);
    const pasted = pasteLayers(clip, spec.nodes.map((n) => n.id), { x: 40, y: 40 });
    expect(pasted.map((l) => [l.id, l.kind, l.inputs])).toEqual([
      ['conv2d_1', 'Conv2D', []],
      ['maxpool2d_1', 'MaxPool2D', ['conv2d_1']],
    ]);
    const from = spec.nodes[1].position ?? { x: 0, y: 0 };
    expect(pasted[0].position).toEqual({ x: from.x + 40, y: from.y + 40 });
    expect(pasted[0].params).not.toBe(spec.nodes[1].params);
  });
});

describe('inputCandidates', () => {
  it('offers every layer except itself, its inputs and anything downstream of it', () => {
    expect(inputCandidates(spec, 'pool1')).toEqual(['input']);
    expect(inputCandidates(spec, 'dense')).toEqual(['input', 'conv1', 'pool1']);
    expect(inputCandidates(spec, 'missing')).toEqual([]);
    const resnet = PRESETS.resnet(4);
    expect(inputCandidates(resnet, 'block2_add')).not.toContain('gap');
    expect(inputCandidates(resnet, 'block2_add')).toContain('block2_conv1');
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
    shortcutAction({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

  it('maps the documented keys', () => {
    expect(key('z', { ctrlKey: true })).toBe('undo');
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(key('y', { ctrlKey: true })).toBe('redo');
    expect(key('z', { metaKey: true })).toBe('undo');
    expect(key('c', { ctrlKey: true })).toBe('copy');
    expect(key('v', { ctrlKey: true })).toBe('paste');
    expect(key('d', { ctrlKey: true })).toBe('duplicate');
    expect(key('a', { ctrlKey: true })).toBe('selectAll');
    expect(key('a', { metaKey: true })).toBe('selectAll');
    expect(key('Escape')).toBe('deselect');
    expect(key('l')).toBe('layout');
    expect(key('f')).toBe('fit');
    expect(key('f', { altKey: true })).toBeNull();
    expect(key('c')).toBeNull();
    expect(key('Delete')).toBeNull();
  });

  it('leaves typing in fields and copying selected text to the browser', () => {
    expect(belongsToPage('undo', { tagName: 'INPUT' } as unknown as EventTarget, '')).toBe(true);
    expect(belongsToPage('copy', { tagName: 'DIV', isContentEditable: false } as unknown as EventTarget, 'text')).toBe(true);
    expect(belongsToPage('undo', { tagName: 'DIV', isContentEditable: false } as unknown as EventTarget, 'text')).toBe(false);
    expect(belongsToPage('paste', null, '')).toBe(false);
  });

  it('gives Ctrl+A to the editor only on the canvas: elsewhere it selects the page text', () => {
    const at = (onCanvas: boolean) => ({ tagName: 'DIV', isContentEditable: false, closest: () => (onCanvas ? {} : null) }) as unknown as EventTarget;
    expect(belongsToPage('selectAll', at(true), '')).toBe(false);
    expect(belongsToPage('selectAll', at(false), '')).toBe(true);
    expect(belongsToPage('selectAll', { tagName: 'INPUT', closest: () => ({}) } as unknown as EventTarget, '')).toBe(true);
  });
});

describe('adding after the selected layer', () => {
  it('inserts into a chain: the one layer fed by the selection is fed by the new layer instead', () => {
    expect(insertionAfter(spec, 'conv1')).toEqual({ inputs: ['conv1'], consumers: ['pool1'] });
    expect(insertionAfter(spec, 'dense')).toEqual({ inputs: ['dense'], consumers: [] });
    expect(insertionAfter(spec, 'missing')).toEqual({ inputs: [], consumers: [] });
  });

  it('starts a new branch from a fork instead of choosing a path', () => {
    expect(insertionAfter(PRESETS.resnet(4), 'pool')).toEqual({ inputs: ['pool'], consumers: [] });
  });

  it('places the layer on the nearest free spot, clear of every other', () => {
    const size = { width: 100, height: 50 };
    expect(freeSpot([], { x: 10, y: 20 }, size)).toEqual({ x: 10, y: 20 });
    const taken = [{ x: 0, y: 0, width: 100, height: 50 }];
    const spot = freeSpot(taken, { x: 0, y: 0 }, size);
    const gap = Math.max(spot.x - 100, -spot.x - 100, spot.y - 50, -spot.y - 50);
    expect(gap).toBeGreaterThanOrEqual(16);
    expect(Math.hypot(spot.x, spot.y)).toBeLessThan(150);
  });
});
