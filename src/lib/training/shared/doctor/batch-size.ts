import type { DoctorInput, Finding } from './findings';

/**
 * Fewer optimiser steps than this per epoch is near full-batch training: the weights barely move
 * per epoch, and the gradient noise of small batches, which helps a model generalise, is gone.
 */
export const MIN_STEPS_PER_EPOCH = 4;
/** The suggestion aims at twice the minimum, so that a little less data still gives enough steps. */
export const SUGGESTED_STEPS_PER_EPOCH = 8;

/** A batch so large next to the training set that each epoch makes only a few updates. */
export function largeBatch({ classes, config }: DoctorInput): Finding | null {
  const trainSamples = classes ? classes.counts.reduce((a, b) => a + b, 0) : 0;
  const { batchSize } = config;
  const stepsPerEpoch = Math.ceil(trainSamples / batchSize);
  // A power of two, as batch sizes usually are.
  const tryBatchSize = 2 ** Math.max(0, Math.floor(Math.log2(trainSamples / SUGGESTED_STEPS_PER_EPOCH)));
  if (trainSamples === 0 || stepsPerEpoch >= MIN_STEPS_PER_EPOCH || tryBatchSize >= batchSize) return null;
  return { rule: 'large-batch', severity: 'advice', epochs: null, batchSize, trainSamples, stepsPerEpoch, tryBatchSize };
}
