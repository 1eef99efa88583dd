/**
 * From class probabilities to what the live demo claims: the top classes, and "not sure" when the
 * best one is not clearly ahead. Pure.
 */

/** Below this probability the best class is shown but not claimed. */
export const SURE_THRESHOLD = 0.6;

export interface Ranked {
  /** Index into the model's classes. */
  index: number;
  name: string;
  probability: number;
}

export interface Verdict {
  top: Ranked[];
  /** The best class's probability is below the threshold: say "not sure" rather than name it. */
  unsure: boolean;
}

/** The numerically stable softmax, for models whose last layer outputs logits. */
export function softmax(logits: ArrayLike<number>): Float32Array {
  const max = Math.max(...Array.from(logits));
  const exps = Array.from(logits, (x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return Float32Array.from(exps, (e) => e / sum);
}

/**
 * `trained[i]` false: class i had no training samples, so whatever the model outputs for it is
 * not evidence; it is left out rather than claimed.
 */
export function rank(probabilities: ArrayLike<number>, classes: readonly string[], k: number, threshold = SURE_THRESHOLD, trained?: readonly boolean[]): Verdict {
  const all = Array.from(probabilities, (probability, index) => ({ index, name: classes[index] ?? String(index), probability }));
  const known = all.filter((r) => trained?.[r.index] !== false);
  const top = known.sort((a, b) => b.probability - a.probability || a.index - b.index).slice(0, k);
  return { top, unsure: (top[0]?.probability ?? 0) < threshold };
}
