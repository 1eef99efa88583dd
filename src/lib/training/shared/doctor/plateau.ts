import type { DoctorInput, Finding } from './findings';
import { lastEpochs, mean, relativeSpread } from './series';

/** Epochs the training loss must stay level: fewer is a pause, common while a model reorganises. */
export const PLATEAU_EPOCHS = 5;
/** Level: the loss moves by less than 1 % of itself over the window; a learning model moves more. */
export const PLATEAU_TOLERANCE = 0.01;
/** Training accuracy at which a level loss means the training set is learnt, not that learning stalled. */
export const FITTED_ACC = 0.99;
/** Half a decade up: enough to leave a plateau, small enough not to diverge where a decade would. */
export const PLATEAU_LR_FACTOR = 3;

/** The training loss has stopped moving before the model fits its training set (warm-up epochs excepted: the rate is still rising there). */
export function plateau({ epochs, config }: DoctorInput): Finding | null {
  const recent = lastEpochs(epochs, PLATEAU_EPOCHS);
  if (!recent || recent[0].epoch <= config.schedule.warmupEpochs) return null;
  const losses = recent.map((e) => e.trainLoss);
  const last = recent[recent.length - 1];
  if (!losses.every(Number.isFinite) || relativeSpread(losses) >= PLATEAU_TOLERANCE || last.trainAcc >= FITTED_ACC) return null;
  return {
    rule: 'plateau',
    severity: 'warning',
    epochs: { first: recent[0].epoch, last: last.epoch },
    loss: mean(losses),
    tryLearningRate: config.optimizer.learningRate * PLATEAU_LR_FACTOR,
    scheduled: config.schedule.base.kind !== 'constant',
  };
}
