/**
 * How fast the live loop runs, over the last few seconds: predictions completed per second and
 * per-frame latency (median and 95th percentile). Pure: the caller passes the clock's times, so a
 * test can drive it with a fake one.
 */

/** Seconds of history the numbers describe: long enough to be steady, short enough to follow a runtime switch. */
export const STATS_WINDOW_MS = 3000;

export interface FrameSummary {
  /** Predictions completed per second. */
  fps: number;
  /** Milliseconds from a frame's capture to its prediction: median and 95th percentile. */
  p50: number;
  p95: number;
  /** Predictions the numbers are computed from. */
  frames: number;
}

/** The nearest-rank percentile (the smallest value with at least `p`% of the values at or below it). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

interface Done {
  /** When the prediction arrived. */
  at: number;
  latency: number;
}

export class FrameStats {
  #done: Done[] = [];

  constructor(readonly windowMs = STATS_WINDOW_MS) {}

  /** A prediction arrived at time `at`, `latency` ms after its frame was captured. */
  record(at: number, latency: number): void {
    this.#done.push({ at, latency });
    this.#forget(at);
  }

  /**
   * The numbers over the window ending at `now`, or null until two predictions are in it (one
   * gives no rate). FPS counts the intervals between the predictions in the window, so it does
   * not depend on where the window happens to start.
   */
  summary(now: number): FrameSummary | null {
    this.#forget(now);
    const done = this.#done;
    if (done.length < 2) return null;
    const span = done[done.length - 1].at - done[0].at;
    const sorted = done.map((d) => d.latency).sort((a, b) => a - b);
    return {
      fps: span > 0 ? ((done.length - 1) * 1000) / span : 0,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      frames: done.length,
    };
  }

  reset(): void {
    this.#done = [];
  }

  #forget(now: number): void {
    const from = now - this.windowMs;
    const keep = this.#done.findIndex((d) => d.at > from);
    this.#done = keep < 0 ? [] : this.#done.slice(keep);
  }
}
