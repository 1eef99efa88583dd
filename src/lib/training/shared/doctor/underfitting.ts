import type { DoctorInput, Finding } from './findings';
import { plateau } from './plateau';
import { lastEpochs } from './series';

/** Below this training accuracy the model has not learnt its own training samples; the small nets here reach well above it on every built-in set. */
export const UNDERFIT_ACC = 0.8;
/** The window over which accuracy must stay flat. */
export const UNDERFIT_EPOCHS = 5;
/** Flat: under two points of training accuracy gained over the whole window. */
export const UNDERFIT_MIN_GAIN = 0.02;

/**
 * Training accuracy low and hardly rising while the loss still falls: the model lacks capacity (or
 * time). A loss that has stopped moving altogether is a plateau instead: the optimizer comes first.
 */
export function underfitting(input: DoctorInput): Finding | null {
  const recent = lastEpochs(input.epochs, UNDERFIT_EPOCHS);
  if (!recent || plateau(input)) return null;
  const first = recent[0];
  const last = recent[recent.length - 1];
  // A rising loss is a divergence, not a lack of capacity.
  const stillLearning = last.trainLoss < first.trainLoss;
  if (!(stillLearning && last.trainAcc < UNDERFIT_ACC && last.trainAcc - first.trainAcc < UNDERFIT_MIN_GAIN)) return null;
  return { rule: 'underfitting', severity: 'warning', epochs: { first: first.epoch, last: last.epoch }, trainAcc: last.trainAcc };
}
