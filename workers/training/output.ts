import type * as tfType from '@tensorflow/tfjs';
import type { GraphSpec } from '$lib/spec/types';
import { endsInSoftmax } from '$lib/spec/io';
import { categoricalCrossentropy, type CrossentropyOptions } from './loss';
import type { LossFn } from './step';

/**
 * Cross-entropy on the model's raw outputs: clipped log of probabilities for a softmax model,
 * logSoftmax of logits otherwise, so both kinds learn the same way.
 */
export function outputLoss(tf: typeof tfType, spec: GraphSpec, opts: Omit<CrossentropyOptions, 'fromLogits'>): LossFn {
  const fromLogits = !endsInSoftmax(spec);
  return (y, out) => categoricalCrossentropy(tf, y, out, { ...opts, fromLogits });
}
