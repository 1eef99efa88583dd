import { describe, expect, it } from 'vitest';
import { clickSelect, EMPTY_SELECTION, type Selection } from '$lib/datasets/shared/selection';
import { Lru } from '$lib/util/lru';

const order = [10, 11, 12, 13, 14, 15];
const plain = { range: false, toggle: false };
const ids = (s: Selection) => [...s.ids].sort((a, b) => a - b);

describe('selecting samples with the mouse', () => {
  it('a click selects one sample only', () => {
    const s = clickSelect(clickSelect(EMPTY_SELECTION, order, 1, plain), order, 3, plain);
    expect(ids(s)).toEqual([13]);
    expect(s.anchor).toBe(13);
  });

  it('Ctrl-click adds and removes one sample', () => {
    let s = clickSelect(EMPTY_SELECTION, order, 1, plain);
    s = clickSelect(s, order, 4, { range: false, toggle: true });
    expect(ids(s)).toEqual([11, 14]);
    s = clickSelect(s, order, 1, { range: false, toggle: true });
    expect(ids(s)).toEqual([14]);
  });

  it('Shift-click selects the range from the anchor, in either direction; with Ctrl it adds the range', () => {
    const anchored = clickSelect(EMPTY_SELECTION, order, 3, plain);
    expect(ids(clickSelect(anchored, order, 5, { range: true, toggle: false }))).toEqual([13, 14, 15]);
    expect(ids(clickSelect(anchored, order, 1, { range: true, toggle: false }))).toEqual([11, 12, 13]);
    const two = clickSelect(clickSelect(anchored, order, 0, { range: false, toggle: true }), order, 1, { range: true, toggle: true });
    expect(ids(two)).toEqual([10, 11, 13]);
  });

  it('Shift-click without an anchor selects the clicked sample', () => {
    expect(ids(clickSelect(EMPTY_SELECTION, order, 2, { range: true, toggle: false }))).toEqual([12]);
  });
});

describe('least-recently-used cache', () => {
  it('forgets the entry used longest ago once over capacity', () => {
    const lru = new Lru<number, string>(2);
    lru.set(1, 'a');
    lru.set(2, 'b');
    lru.get(1);
    lru.set(3, 'c');
    expect([lru.has(1), lru.has(2), lru.has(3), lru.size]).toEqual([true, false, true, 2]);
  });
});
