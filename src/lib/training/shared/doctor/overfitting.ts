import type { DoctorInput, Finding } from './findings';
import { lastEpochs, lowest, mean } from './series';

/** Epochs past the best one before it counts: a single bad validation epoch is noise, not a trend. */
export const OVERFIT_EPOCHS_PAST_BEST = 3;
/**
 * How far above its best the validation loss must sit, on average over those epochs: on a small
 * validation split it wobbles by a few percent between epochs; a tenth is beyond that wobble.
 */
export const OVERFIT_RISE = 0.1;

/**
 * Validation loss climbing away from its best while training loss keeps falling: the model is
 * learning its training samples rather than the task. The best epoch is the one early stopping
 * keeps when it is on (its minDelta may pick a slightly earlier one), else the lowest validation loss.
 */
export function overfitting({ epochs, config, bestEpoch, outcome }: DoctorInput): Finding | null {
  const tracked = config.earlyStopping.enabled && bestEpoch !== null ? epochs.find((e) => e.epoch === bestEpoch) : undefined;
  const best = tracked ?? lowest(epochs, 'valLoss');
  const recent = lastEpochs(epochs, OVERFIT_EPOCHS_PAST_BEST);
  const last = epochs.at(-1);
  if (!best || !recent || !last || recent[0].epoch <= best.epoch) return null;
  const valLoss = mean(recent.map((e) => e.valLoss));
  const trainLoss = mean(recent.map((e) => e.trainLoss));
  if (!(valLoss >= best.valLoss * (1 + OVERFIT_RISE) && trainLoss < best.trainLoss)) return null;
  return {
    rule: 'overfitting',
    severity: 'warning',
    epochs: { first: best.epoch, last: last.epoch },
    bestEpoch: best.epoch,
    bestValLoss: best.valLoss,
    valLoss: last.valLoss,
    // A run the user stops keeps its last weights; completed and early-stopped runs restore the best.
    bestKept: config.earlyStopping.enabled && outcome !== 'stopped',
  };
}
