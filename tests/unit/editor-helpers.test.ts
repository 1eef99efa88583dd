import { describe, expect, it } from 'vitest';
import { copyLayers, pasteLayers } from '$lib/editor/clipboard';
import { editKey } from '$lib/editor/edit-key';
import { belongsToPage, shortcutAction } from '$lib/editor/shortcuts';
import { inputCandidates } from '$lib/editor/wiring';
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
    expect(pasted[0].position).toEqual({ x: 40, y: 150 });
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
});
