import { describe, expect, it } from 'vitest';
import { Pace } from '$lib/training/client/pace';

const at = { epoch: 1, batch: 5, batchesPerEpoch: 10, epochs: 3 };

describe('live speed and time left', () => {
  it('averages noisy batch speeds and ignores the warm-up batch', () => {
    const pace = new Pace();
    pace.observeBatch(1);
    expect(pace.samplesPerSec).toBeNull();
    const raw = [9, 72, 9, 72, 9, 72, 9, 72];
    const shown = raw.map((v) => (pace.observeBatch(v), pace.samplesPerSec ?? 0));
    expect(Math.max(...shown.slice(3)) - Math.min(...shown.slice(3))).toBeLessThan(20);
  });

  it('estimates from speed before the first epoch ends, then from epoch durations', () => {
    const pace = new Pace();
    expect(pace.secondsLeft(at, 320)).toBeNull();
    pace.observeBatch(100);
    pace.observeBatch(100);
    // 2.5 epochs of 320 samples at 100 samples/s.
    expect(pace.secondsLeft(at, 320)).toBeCloseTo(8, 5);
    pace.observeEpoch(2);
    expect(pace.secondsLeft(at, 320)).toBeCloseTo(5, 5);
    expect(pace.secondsLeft({ ...at, epoch: 3, batch: 10 }, 320)).toBe(0);
  });
});
