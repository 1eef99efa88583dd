import type { DoctorInput, Finding } from './findings';
import { lowest } from './series';

/**
 * A training loss averaged over an epoch wobbles by a few percent at most; half again above its
 * lowest, the steps are pushing the weights uphill: the learning rate is too large.
 */
export const DIVERGENCE_GROWTH = 1.5;
/** Rising in each of this many epochs in a row, so one bad epoch after a lucky one is not enough. */
export const DIVERGENCE_RISING_EPOCHS = 2;
/** A tenth of the rate: one step down on the usual decade grid, as the trainer's own advice says. */
export const DIVERGENCE_LR_FACTOR = 0.1;

/** The loss became NaN or infinite (the trainer stops such a run), or keeps growing fast. */
export function divergence({ epochs, config, outcome }: DoctorInput): Finding | null {
  const tryLearningRate = config.optimizer.learningRate * DIVERGENCE_LR_FACTOR;
  const broken = epochs.find((e) => !Number.isFinite(e.trainLoss) || !Number.isFinite(e.valLoss));
  // The trainer stops inside the epoch whose loss broke, so that epoch never reaches the history.
  const brokenAt = broken?.epoch ?? (outcome === 'diverged' ? (epochs.at(-1)?.epoch ?? 0) + 1 : null);
  if (brokenAt !== null) return { rule: 'divergence', severity: 'problem', cause: 'not-finite', epochs: { first: brokenAt, last: brokenAt }, tryLearningRate };

  const recent = epochs.slice(-(DIVERGENCE_RISING_EPOCHS + 1));
  const rising = recent.length === DIVERGENCE_RISING_EPOCHS + 1 && recent.every((e, i) => i === 0 || e.trainLoss > recent[i - 1].trainLoss);
  const best = lowest(epochs, 'trainLoss');
  const last = epochs.at(-1);
  if (!rising || !best || !last || last.trainLoss < best.trainLoss * DIVERGENCE_GROWTH) return null;
  return { rule: 'divergence', severity: 'problem', cause: 'growing', epochs: { first: best.epoch, last: last.epoch }, tryLearningRate };
}
