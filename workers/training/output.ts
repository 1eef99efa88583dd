import type * as tfType from '@tensorflow/tfjs';
import type { GraphSpec } from '$lib/spec/types';
import { sinkIds } from '$lib/spec/graph';
import { categoricalCrossentropy, type CrossentropyOptions } from './loss';
import type { LossFn } from './step';

/** True when the model's last layer already ends in softmax, so its outputs are probabilities. */
export function endsInSoftmax(spec: GraphSpec): boolean {
  const [outputId] = sinkIds(spec);
  const output = spec.nodes.find((n) => n.id === outputId);
  return Boolean(output && 'activation' in output.params && output.params.activation === 'softmax');
}

/**
 * Cross-entropy on the model's raw outputs: clipped log of probabilities for a softmax model,
 * logSoftmax of logits otherwise, so both kinds learn the same way.
 */
export function outputLoss(tf: typeof tfType, spec: GraphSpec, opts: Omit<CrossentropyOptions, 'fromLogits'>): LossFn {
  const fromLogits = !endsInSoftmax(spec);
  return (y, out) => categoricalCrossentropy(tf, y, out, { ...opts, fromLogits });
}
