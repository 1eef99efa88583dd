import { describe, expect, test } from 'vitest';
import type { LrScheduleConfig, ScheduleConfig } from '$lib/training/shared/config';
import { learningRateAt, sampleSchedule } from '$lib/training/shared/schedule';

const base = 0.1;
const cfg = (s: ScheduleConfig, warmupEpochs = 0): LrScheduleConfig => ({ base: s, warmupEpochs });

describe('learningRateAt', () => {
  test('constant', () => {
    for (const p of [0, 3.7, 10]) expect(learningRateAt(cfg({ kind: 'constant' }), base, p, 10)).toBe(0.1);
  });

  test('linear warm-up from 0 to the base rate, then the base schedule', () => {
    const c = cfg({ kind: 'constant' }, 2);
    expect(learningRateAt(c, base, 0, 10)).toBe(0);
    expect(learningRateAt(c, base, 0.5, 10)).toBeCloseTo(0.025, 15); // 0.1 · 0.5/2
    expect(learningRateAt(c, base, 1, 10)).toBeCloseTo(0.05, 15);
    expect(learningRateAt(c, base, 2, 10)).toBe(0.1);
    expect(learningRateAt(c, base, 9, 10)).toBe(0.1);
  });

  test('negative progress counts as the start', () => {
    expect(learningRateAt(cfg({ kind: 'constant' }, 2), base, -1, 10)).toBe(0);
  });

  test('step: × γ every stepEpochs', () => {
    const c = cfg({ kind: 'step', stepEpochs: 3, gamma: 0.1 });
    expect(learningRateAt(c, base, 2.9, 10)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(c, base, 3, 10)).toBeCloseTo(0.01, 15);
    expect(learningRateAt(c, base, 5.9, 10)).toBeCloseTo(0.01, 15);
    expect(learningRateAt(c, base, 6.5, 10)).toBeCloseTo(0.001, 15);
  });

  test('step counts epochs from the end of warm-up', () => {
    const c = cfg({ kind: 'step', stepEpochs: 3, gamma: 0.1 }, 1);
    expect(learningRateAt(c, base, 3.9, 10)).toBeCloseTo(0.1, 15); // 2.9 epochs into the schedule
    expect(learningRateAt(c, base, 4, 10)).toBeCloseTo(0.01, 15);
  });

  test('exponential: × γ per epoch, continuously', () => {
    const c = cfg({ kind: 'exponential', gamma: 0.5 });
    expect(learningRateAt(c, base, 2, 10)).toBeCloseTo(0.025, 15); // 0.1 · 0.5²
    expect(learningRateAt(c, base, 0.5, 10)).toBeCloseTo(0.1 * Math.SQRT1_2, 15); // 0.1 · 0.5^0.5 = 0.0707107
  });

  test('cosine: from the base rate to base·minFactor at the last epoch', () => {
    const c = cfg({ kind: 'cosine', minFactor: 0.1 });
    // lr = 0.1 · (0.1 + 0.9 · ½(1 + cos(π·p/10)))
    expect(learningRateAt(c, base, 0, 10)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(c, base, 2.5, 10)).toBeCloseTo(0.0868198052, 10); // cos(π/4) = 0.7071068
    expect(learningRateAt(c, base, 5, 10)).toBeCloseTo(0.055, 15); // cos(π/2) = 0
    expect(learningRateAt(c, base, 10, 10)).toBeCloseTo(0.01, 15);
    expect(learningRateAt(c, base, 12, 10)).toBeCloseTo(0.01, 15); // holds after the end
  });

  test('cosine spans the epochs left after warm-up', () => {
    const c = cfg({ kind: 'cosine', minFactor: 0.1 }, 2);
    expect(learningRateAt(c, base, 2, 12)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(c, base, 7, 12)).toBeCloseTo(0.055, 15); // halfway through 10 epochs
    expect(learningRateAt(c, base, 12, 12)).toBeCloseTo(0.01, 15);
  });
});

describe('sampleSchedule', () => {
  test('evenly spaced from epoch 0 to the last, inclusive', () => {
    const points = sampleSchedule(cfg({ kind: 'cosine', minFactor: 0 }, 1), base, 4, 5);
    expect(points.map((p) => p.epoch)).toEqual([0, 1, 2, 3, 4]);
    // warm-up to epoch 1, then cosine over 3 epochs: ½(1 + cos(π/3)) = 0.75, ½(1 + cos(2π/3)) = 0.25
    const expected = [0, 0.1, 0.075, 0.025, 0];
    points.forEach((p, i) => expect(p.lr).toBeCloseTo(expected[i], 15));
  });
});
