/**
 * What the worker's evaluation of a trained model hands the page: plain data (structured-clone
 * safe), built from the model's probabilities by `summarizeEvaluation`.
 */
import type { DatasetKey } from '$lib/datasets/shared/catalog';
import { confidentlyWrong, confusionMatrix, predictedClasses, topKAccuracy, type ConfusionMatrix, type WrongExample } from './metrics';

/** MNIST validates on its own test side; every other set on the held-out part of its samples. */
export type EvaluatedSplit = 'validation' | 'test';

export function evaluatedSplit(kind: DatasetKey): EvaluatedSplit {
  return kind === 'mnist' ? 'test' : 'validation';
}

/** The k of the top-k accuracies shown: only those below the class count say anything (top-C is always 100 %). */
const TOP_K = [1, 2, 3, 5];
/** How many confidently wrong samples the gallery shows. */
export const WRONG_SHOWN = 12;
/** Samples a confusion-matrix cell shows at a time: a diagonal cell of MNIST holds hundreds. */
export const CELL_SHOWN = 60;

export interface TopK {
  k: number;
  accuracy: number;
}

export interface Evaluation {
  split: EvaluatedSplit;
  classes: string[];
  /** Sample size, to draw the samples the page asks for. */
  height: number;
  width: number;
  channels: number;
  /** True and predicted class of every sample, by position in the split. */
  labels: Uint8Array;
  predictions: Uint8Array;
  matrix: ConfusionMatrix;
  topK: TopK[];
  wrong: WrongExample[];
}

export interface EvaluatedSamples {
  split: EvaluatedSplit;
  classes: string[];
  height: number;
  width: number;
  channels: number;
  labels: Uint8Array;
}

/** `probabilities`: samples × classes, in split order. */
export function summarizeEvaluation(samples: EvaluatedSamples, probabilities: Float32Array): Evaluation {
  const { labels, classes } = samples;
  const classCount = classes.length;
  const predictions = predictedClasses(probabilities, classCount);
  return {
    ...samples,
    classes: [...classes],
    predictions,
    matrix: confusionMatrix(labels, predictions, classCount),
    topK: TOP_K.filter((k) => k === 1 || k < classCount).map((k) => ({ k, accuracy: topKAccuracy(probabilities, labels, classCount, k) })),
    wrong: confidentlyWrong(probabilities, labels, classCount, WRONG_SHOWN),
  };
}
