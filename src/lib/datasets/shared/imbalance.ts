/**
 * When class sizes differ enough to bias a classifier toward the big classes. Twice as many
 * samples in one class as in another is where balanced class weights start to matter in
 * practice; an empty class next to filled ones is reported too (it can never be learned).
 */
export const IMBALANCE_RATIO = 2;

export interface Imbalance {
  /** Index of the largest and the smallest class. */
  largest: number;
  smallest: number;
  /** largest count / smallest count; Infinity when the smallest class is empty. */
  ratio: number;
}

export function findImbalance(counts: readonly number[]): Imbalance | null {
  if (counts.length < 2) return null;
  const largest = counts.indexOf(Math.max(...counts));
  const smallest = counts.indexOf(Math.min(...counts));
  if (counts[largest] === 0) return null;
  const ratio = counts[largest] / counts[smallest];
  return ratio >= IMBALANCE_RATIO ? { largest, smallest, ratio } : null;
}
