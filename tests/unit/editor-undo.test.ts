import { describe, expect, it } from 'vitest';
import { EditorState } from '$lib/editor/editor.svelte';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import type { LayerNode } from '$lib/spec/types';

/** Lets the editor record the edits of the current task, as the browser does between events. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve));

function editorWithClock() {
  const clock = { t: 0 };
  const editor = new EditorState(defaultSpec(4), { now: () => clock.t });
  return { editor, clock };
}

const ids = (editor: EditorState) => editor.spec.nodes.map((n) => n.id);
const filtersOf = (editor: EditorState) => (editor.spec.nodes.find((n) => n.id === 'conv1') as Extract<LayerNode, { kind: 'Conv2D' }>).params.filters;

describe('EditorState records its own undo history', () => {
  it('starts with nothing to undo', async () => {
    const { editor } = editorWithClock();
    await settle();
    expect(editor.canUndo).toBe(false);
    expect(editor.canRedo).toBe(false);
  });

  it('undoes and redoes a deletion of a node with its edges as one step', async () => {
    const { editor } = editorWithClock();
    const before = ids(editor);
    editor.removeNode('pool1');
    await settle();
    expect(editor.canUndo).toBe(true);
    editor.undo();
    expect(ids(editor)).toEqual(before);
    expect(editor.spec.nodes.find((n) => n.id === 'flatten')?.inputs).toEqual(['pool1']);
    expect(editor.canUndo).toBe(false);
    editor.redo();
    expect(ids(editor)).not.toContain('pool1');
    expect(editor.canRedo).toBe(false);
  });

  it('records changes Svelte Flow makes through its binding (a drag) as one step', async () => {
    const { editor, clock } = editorWithClock();
    const start = editor.nodes.find((n) => n.id === 'conv1')!.position;
    for (let step = 1; step <= 20; step++) {
      clock.t += 16;
      editor.nodes = editor.nodes.map((n) => (n.id === 'conv1' ? { ...n, position: { x: start.x + step * 5, y: start.y } } : n));
      await settle();
    }
    editor.undo();
    expect(editor.nodes.find((n) => n.id === 'conv1')!.position).toEqual(start);
    expect(editor.canUndo).toBe(false);
  });

  it('a burst of typing is one step; typing again after a pause is another', async () => {
    const { editor, clock } = editorWithClock();
    const params = () => editor.spec.nodes.find((n) => n.id === 'conv1')!.params;
    for (const filters of [1, 16]) {
      clock.t += 100;
      editor.updateParams('conv1', { ...params(), filters } as LayerNode['params']);
      await settle();
    }
    clock.t += 5000;
    editor.updateParams('conv1', { ...params(), filters: 32 } as LayerNode['params']);
    await settle();
    editor.undo();
    expect(filtersOf(editor)).toBe(16);
    editor.undo();
    expect(filtersOf(editor)).toBe(8);
    expect(editor.canUndo).toBe(false);
  });

  it('an edit not yet recorded is undone too', () => {
    const { editor } = editorWithClock();
    editor.removeNode('pool1');
    editor.undo();
    expect(ids(editor)).toContain('pool1');
  });

  it('loading another graph is undoable, and a new edit clears redo', async () => {
    const { editor, clock } = editorWithClock();
    const mine = ids(editor);
    editor.load(PRESETS.lenet5(4));
    await settle();
    editor.undo();
    await settle();
    expect(ids(editor)).toEqual(mine);
    expect(editor.canRedo).toBe(true);
    clock.t += 5000;
    editor.removeNode('pool1');
    await settle();
    expect(editor.canRedo).toBe(false);
  });

  it('keeps the last 100 steps', async () => {
    const { editor, clock } = editorWithClock();
    const params = () => editor.spec.nodes.find((n) => n.id === 'conv1')!.params;
    for (let filters = 1; filters <= 130; filters++) {
      clock.t += 5000;
      editor.updateParams('conv1', { ...params(), filters } as LayerNode['params']);
      await settle();
    }
    let steps = 0;
    while (editor.canUndo) {
      editor.undo();
      steps++;
    }
    expect(steps).toBe(100);
    expect(filtersOf(editor)).toBe(30);
  });
});
