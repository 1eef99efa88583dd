/**
 * Classification scores from a model's outputs on labelled samples: the confusion matrix and what
 * is read from it (per-class precision, recall, F1), top-k accuracy, and the most confidently
 * wrong samples. Pure, so the worker computes them and Node tests check them by hand.
 */

/** `matrix[t][p]`: how many samples of true class t the model predicted as class p. */
export type ConfusionMatrix = number[][];

export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, classCount: number): ConfusionMatrix {
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < labels.length; i++) matrix[labels[i]][predictions[i]]++;
  return matrix;
}

/** Each row as fractions of its class's samples (its recall on the diagonal); a class with no samples stays all zeros. */
export function rowNormalised(matrix: ConfusionMatrix): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((n) => (total === 0 ? 0 : n / total));
  });
}

/** A score is undefined where it would divide by zero: no predictions of the class (precision), no samples of it (recall). */
export interface ClassScores {
  precision: number | undefined;
  recall: number | undefined;
  f1: number | undefined;
  /** Samples of the class. */
  support: number;
}

export function classScores(matrix: ConfusionMatrix): ClassScores[] {
  return matrix.map((row, c) => {
    const hits = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, r) => sum + r[c], 0);
    const precision = predicted === 0 ? undefined : hits / predicted;
    const recall = support === 0 ? undefined : hits / support;
    // Both defined and both zero: the class was predicted and present, and every call was wrong.
    const f1 = precision === undefined || recall === undefined ? undefined : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, support };
  });
}

/** The class with the highest probability per sample (`probabilities` is samples × classes); the first one on a tie. */
export function predictedClasses(probabilities: ArrayLike<number>, classCount: number): Uint8Array {
  const count = probabilities.length / classCount;
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let c = 1; c < classCount; c++) if (probabilities[i * classCount + c] > probabilities[i * classCount + best]) best = c;
    out[i] = best;
  }
  return out;
}

/**
 * The share of samples whose true class is among the k most probable. Ranked as `predictedClasses`
 * breaks ties (a lower class index first), so top-1 is exactly the accuracy of the predictions.
 */
export function topKAccuracy(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classCount: number, k: number): number {
  if (labels.length === 0) return 0;
  let hits = 0;
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    const p = probabilities[i * classCount + t];
    let above = 0;
    for (let c = 0; c < classCount; c++) {
      const q = probabilities[i * classCount + c];
      if (q > p || (q === p && c < t)) above++;
    }
    if (above < k) hits++;
  }
  return hits / labels.length;
}

export interface WrongExample {
  /** Position of the sample in the evaluated split. */
  position: number;
  label: number;
  predicted: number;
  /** The probability the model gave its (wrong) prediction. */
  confidence: number;
}

/** The `n` misclassified samples with the most confident predictions, most confident first (earlier position on a tie). */
export function confidentlyWrong(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classCount: number, n: number): WrongExample[] {
  const predicted = predictedClasses(probabilities, classCount);
  const wrong: WrongExample[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (predicted[i] === labels[i]) continue;
    wrong.push({ position: i, label: labels[i], predicted: predicted[i], confidence: probabilities[i * classCount + predicted[i]] });
  }
  return wrong.sort((a, b) => b.confidence - a.confidence || a.position - b.position).slice(0, n);
}

/** Positions (in the evaluated split) of the samples in one cell of the confusion matrix, in split order. */
export function cellPositions(labels: ArrayLike<number>, predictions: ArrayLike<number>, label: number, predicted: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === label && predictions[i] === predicted) out.push(i);
  return out;
}
