/**
 * When class sizes differ enough to bias a classifier toward the big classes. Twice as many
 * samples in one class as in another is where balanced class weights start to matter in
 * practice. An empty class is a different problem (no weight makes it learnable: it needs
 * samples), so it is reported on its own by emptyClasses and left out of the ratio.
 */
export const IMBALANCE_RATIO = 2;

export interface Imbalance {
  /** Index of the largest and the smallest non-empty class. */
  largest: number;
  smallest: number;
  /** largest count / smallest count. */
  ratio: number;
}

export function findImbalance(counts: readonly number[]): Imbalance | null {
  const filled = counts.filter((c) => c > 0);
  if (filled.length < 2) return null;
  const largest = counts.indexOf(Math.max(...filled));
  const smallest = counts.indexOf(Math.min(...filled));
  const ratio = counts[largest] / counts[smallest];
  return ratio >= IMBALANCE_RATIO ? { largest, smallest, ratio } : null;
}

/** Indices of the classes without a sample, once any class has one (a new dataset is empty everywhere). */
export function emptyClasses(counts: readonly number[]): number[] {
  if (!counts.some((c) => c > 0)) return [];
  return counts.flatMap((c, i) => (c === 0 ? [i] : []));
}
