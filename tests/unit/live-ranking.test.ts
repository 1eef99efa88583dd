import { describe, expect, it } from 'vitest';
import { rank, softmax, SURE_THRESHOLD } from '$lib/live/shared/ranking';

describe('what the live demo claims from class probabilities', () => {
  it('turns logits into probabilities: e^x / Σe^x, stable for large logits', () => {
    const p = softmax([0, Math.log(3)]);
    expect(p[0]).toBeCloseTo(0.25, 6);
    expect(p[1]).toBeCloseTo(0.75, 6);
    expect(Array.from(softmax([1000, 1000]))).toEqual([0.5, 0.5]);
  });

  it('lists the top k classes by probability, ties in class order', () => {
    const v = rank([0.1, 0.7, 0.1, 0.1], ['a', 'b', 'c', 'd'], 3);
    expect(v.top.map((r) => [r.name, r.probability])).toEqual([
      ['b', 0.7],
      ['a', 0.1],
      ['c', 0.1],
    ]);
    expect(v.unsure).toBe(false);
  });

  it(`says "not sure" when the best class is below ${SURE_THRESHOLD}, and still shows the ranking`, () => {
    const v = rank([0.45, 0.55], ['cat', 'dog'], 2);
    expect(v.unsure).toBe(true);
    expect(v.top[0].name).toBe('dog');
    expect(rank([0.4, 0.6], ['cat', 'dog'], 2).unsure).toBe(false);
  });

  it('never claims a class that had no training samples', () => {
    const v = rank([0.7, 0.2, 0.1], ['ghost', 'cat', 'dog'], 3, SURE_THRESHOLD, [false, true, true]);
    expect(v.top.map((r) => r.name)).toEqual(['cat', 'dog']);
    expect(v.unsure).toBe(true);
  });
});
