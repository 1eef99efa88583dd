import type * as tfType from '@tensorflow/tfjs';
import type { SampleSource } from '$workers/datasets/source';
import { m } from '$lib/i18n/messages';
import { summarizeEvaluation, type EvaluatedSplit, type Evaluation } from '$lib/training/shared/evaluation';

/** Samples per prediction batch: a few MB of input even for 64×64×3 images. */
const BATCH = 256;

const range = (from: number, to: number): Int32Array => Int32Array.from({ length: to - from }, (_, k) => from + k);

/**
 * The model's class probabilities for every sample of `source` (samples × classes, in source
 * order), in inference mode, batch by batch: only one batch's pixels and tensors exist at a time.
 * `fromLogits`: the model ends without a softmax, so one is applied here.
 */
export async function predictProbabilities(tf: typeof tfType, model: tfType.LayersModel, source: SampleSource, fromLogits: boolean): Promise<Float32Array> {
  const classCount = source.classes.length;
  const out = new Float32Array(source.count * classCount);
  for (let start = 0; start < source.count; start += BATCH) {
    const size = Math.min(BATCH, source.count - start);
    const images = await source.read(range(start, start + size));
    const probabilities = tf.tidy(() => {
      const outputs = model.predict(tf.tensor4d(images, [size, source.height, source.width, source.channels])) as tfType.Tensor2D;
      return fromLogits ? tf.softmax(outputs) : outputs;
    });
    try {
      out.set(await probabilities.data(), start * classCount);
    } finally {
      probabilities.dispose();
    }
  }
  return out;
}

/** The trained model's evaluation on a split: its confusion matrix, top-k accuracies and most confidently wrong samples. */
export async function evaluateSplit(
  tf: typeof tfType,
  model: tfType.LayersModel,
  source: SampleSource,
  split: EvaluatedSplit,
  fromLogits: boolean,
): Promise<Evaluation> {
  const probabilities = await predictProbabilities(tf, model, source, fromLogits);
  const { classes, height, width, channels, labels } = source;
  return summarizeEvaluation({ split, classes: [...classes], height, width, channels, labels: labels.slice() }, probabilities);
}

/** The samples at `positions` as the page draws them: uint8, h×w×c each, one after another. */
export async function samplePixels(source: SampleSource, positions: readonly number[]): Promise<Uint8Array> {
  if (!positions.every((p) => Number.isInteger(p) && p >= 0 && p < source.count)) throw new Error(m.evaluationBadPositions());
  const images = await source.read(positions);
  return Uint8Array.from(images, (v) => Math.round(v * 255));
}
