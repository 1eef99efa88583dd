import { describe, expect, it } from 'vitest';
import { History } from '$lib/editor/history';

describe('History', () => {
  it('undoes and redoes commits in order', () => {
    const h = new History('a');
    h.commit('b', null, 0);
    h.commit('c', null, 10_000);
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.undo()).toBeNull();
    expect(h.canUndo).toBe(false);
    expect(h.redo()).toBe('b');
    expect(h.redo()).toBe('c');
    expect(h.redo()).toBeNull();
    expect(h.present).toBe('c');
  });

  it('ignores commits equal to the present and clears redo on a new edit', () => {
    const h = new History({ n: 1 }, { equals: (a, b) => a.n === b.n });
    expect(h.commit({ n: 1 })).toBe(false);
    expect(h.canUndo).toBe(false);
    h.commit({ n: 2 }, null, 0);
    h.undo();
    expect(h.canRedo).toBe(true);
    h.commit({ n: 3 }, null, 1);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toEqual({ n: 1 });
  });

  it('merges a burst of commits with the same key into one step', () => {
    const h = new History(0, { mergeMs: 500 });
    for (let t = 1; t <= 30; t++) h.commit(t, 'move:conv1', t * 16);
    expect(h.present).toBe(30);
    expect(h.undo()).toBe(0);
    expect(h.canUndo).toBe(false);
  });

  it('does not merge different keys, null keys, pauses, or across an undo', () => {
    const h = new History(0, { mergeMs: 500 });
    h.commit(1, 'params:a', 0);
    h.commit(2, 'params:b', 10);
    h.commit(3, null, 20);
    h.commit(4, null, 30);
    h.commit(5, 'params:a', 40);
    h.commit(6, 'params:a', 2000);
    expect([h.undo(), h.undo(), h.undo(), h.undo(), h.undo(), h.undo()]).toEqual([5, 4, 3, 2, 1, 0]);
    h.redo();
    h.commit(7, 'params:a', 2010);
    expect(h.undo()).toBe(1);
  });

  it('keeps at most `cap` undo steps, dropping the oldest', () => {
    const h = new History(0, { cap: 100 });
    for (let i = 1; i <= 150; i++) h.commit(i, null, i * 10_000);
    let steps = 0;
    let last: number | null = null;
    for (let s = h.undo(); s !== null; s = h.undo()) {
      steps++;
      last = s;
    }
    expect(steps).toBe(100);
    expect(last).toBe(50);
  });
});
