import { describe, expect, it } from 'vitest';
import { emptyClasses, findImbalance } from '$lib/datasets/shared/imbalance';

describe('class balance', () => {
  it('reports the largest and smallest class once one has twice the samples of the other', () => {
    expect(findImbalance([10, 6, 9])).toBeNull();
    expect(findImbalance([10, 5, 9])).toEqual({ largest: 0, smallest: 1, ratio: 2 });
  });

  it('leaves empty classes to emptyClasses, which names them once any class has samples', () => {
    expect(findImbalance([10, 0, 9])).toBeNull();
    expect(findImbalance([10, 0, 4])).toEqual({ largest: 0, smallest: 2, ratio: 2.5 });
    expect(emptyClasses([10, 0, 9, 0])).toEqual([1, 3]);
    expect(emptyClasses([0, 0])).toEqual([]);
    expect(emptyClasses([3, 4])).toEqual([]);
  });
});
