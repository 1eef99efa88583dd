/** Small reads over a run's epochs that several rules share. */
import type { EpochPoint } from '../protocol';

export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** The epoch with the lowest value of `key` (the first on a tie); undefined when none is finite. */
export function lowest(epochs: readonly EpochPoint[], key: 'trainLoss' | 'valLoss'): EpochPoint | undefined {
  let best: EpochPoint | undefined;
  for (const e of epochs) if (Number.isFinite(e[key]) && (best === undefined || e[key] < best[key])) best = e;
  return best;
}

/** The last `n` epochs, or null when the run has fewer. */
export function lastEpochs(epochs: readonly EpochPoint[], n: number): readonly EpochPoint[] | null {
  return epochs.length >= n ? epochs.slice(-n) : null;
}

/** (max − min) / mean: how far a window of positive values strays from level, as a fraction. */
export function relativeSpread(values: readonly number[]): number {
  return (Math.max(...values) - Math.min(...values)) / mean(values);
}
