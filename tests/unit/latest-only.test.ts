import { describe, expect, it } from 'vitest';
import { LatestOnly } from '$lib/live/shared/latest-only';

/** A task whose calls finish only when the test says so, recording the state each call saw. */
function controlledTask() {
  const seen: number[] = [];
  const pending: (() => void)[] = [];
  let state = 0;
  return {
    seen,
    set: (value: number) => (state = value),
    finishNext: async () => {
      pending.shift()?.();
      // Let the runner's await resume and start its re-run, if any.
      await Promise.resolve();
      await Promise.resolve();
    },
    pending: () => pending.length,
    task: () => {
      seen.push(state);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
  };
}

describe('at most one classification in flight, re-run with the latest drawing', () => {
  it('runs at once when idle', () => {
    const t = controlledTask();
    new LatestOnly(t.task).request();
    expect(t.seen).toEqual([0]);
  });

  it('collapses requests made while running into one re-run that sees the latest state', async () => {
    const t = controlledTask();
    const runner = new LatestOnly(t.task);
    runner.request();
    for (const v of [1, 2, 3]) {
      t.set(v);
      runner.request();
    }
    expect(t.seen).toEqual([0]);
    await t.finishNext();
    expect(t.seen).toEqual([0, 3]);
    await t.finishNext();
    expect(t.pending()).toBe(0);
    expect(t.seen).toEqual([0, 3]);
  });

  it('runs again on a later request once idle', async () => {
    const t = controlledTask();
    const runner = new LatestOnly(t.task);
    runner.request();
    await t.finishNext();
    t.set(5);
    runner.request();
    expect(t.seen).toEqual([0, 5]);
  });
});
