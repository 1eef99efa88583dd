import { describe, expect, test } from 'vitest';
import { INITIAL_EARLY_STOPPING, observeValLoss, type EarlyStoppingOptions, type EarlyStoppingState } from '$lib/training/shared/early-stopping';

function run(losses: number[], opts: EarlyStoppingOptions): EarlyStoppingState[] {
  const states: EarlyStoppingState[] = [];
  let state = INITIAL_EARLY_STOPPING;
  for (const loss of losses) {
    state = observeValLoss(state, loss, opts);
    states.push(state);
  }
  return states;
}

describe('early stopping', () => {
  test('stops after `patience` epochs in a row without improvement and reports the best epoch', () => {
    const states = run([1.0, 0.8, 0.85, 0.9, 0.95], { patience: 3, minDelta: 0 });
    expect(states.map((s) => s.stop)).toEqual([false, false, false, false, true]);
    expect(states.map((s) => s.improved)).toEqual([true, true, false, false, false]);
    expect(states.map((s) => s.wait)).toEqual([0, 0, 1, 2, 3]);
    const last = states[4];
    expect(last.bestEpoch).toBe(1);
    expect(last.bestLoss).toBe(0.8);
    expect(last.epochs).toBe(5);
  });

  test('an improvement resets the count', () => {
    const states = run([1.0, 1.1, 1.2, 0.9, 1.0, 1.1], { patience: 3, minDelta: 0 });
    expect(states.map((s) => s.wait)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(states.some((s) => s.stop)).toBe(false);
    expect(states[5].bestEpoch).toBe(3);
  });

  test('drops no larger than minDelta do not count as improvement', () => {
    // best 1.0; 0.995 is only 0.005 better (< 0.01), 0.98 is 0.02 better
    const states = run([1.0, 0.995, 0.98], { patience: 5, minDelta: 0.01 });
    expect(states.map((s) => s.improved)).toEqual([true, false, true]);
    expect(states[1].bestLoss).toBe(1.0);
    expect(states[2].bestEpoch).toBe(2);
  });

  test('patience 0 stops at the first epoch without improvement', () => {
    const states = run([1.0, 1.0], { patience: 0, minDelta: 0 });
    expect(states.map((s) => s.stop)).toEqual([false, true]);
  });

  test('a NaN loss never counts as improvement', () => {
    const states = run([NaN, 1.0, NaN, NaN], { patience: 2, minDelta: 0 });
    expect(states.map((s) => s.improved)).toEqual([false, true, false, false]);
    expect(states[0].bestLoss).toBeNull();
    expect(states[3].stop).toBe(true);
    expect(states[3].bestEpoch).toBe(1);
  });

  test('the state is plain data that survives JSON, so a resumed run stops at the same epoch', () => {
    const opts = { patience: 2, minDelta: 0 };
    const losses = [1.0, 0.7, 0.8, 0.9];
    const straight = run(losses, opts)[3];
    const saved: EarlyStoppingState = JSON.parse(JSON.stringify(run(losses.slice(0, 2), opts)[1]));
    const resumed = losses.slice(2).reduce((s, loss) => observeValLoss(s, loss, opts), saved);
    expect(resumed).toEqual(straight);
    expect(resumed.stop).toBe(true);
  });
});
