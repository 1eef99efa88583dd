/** The training doctor's sentences: what it saw, and what to try. Part of `messages` (see messages.ts). */

/** Two significant digits, as a person would type the value back into a field (0.0001, 3e-7, 100). */
const value = (x: number): string => String(Number(x.toPrecision(2)));
const pct = (x: number): string => `${Math.round(x * 100)} %`;
const epochSpan = (first: number, last: number): string => (first === last ? `epoch ${first}` : `epochs ${first}–${last}`);

export const doctorText = {
  doctorTitle: 'Training doctor',
  doctorAllClear: 'Nothing wrong seen so far.',
  doctorSeverity: { problem: 'Problem', warning: 'Warning', advice: 'Advice' },
  doctorTry: 'Try:',
  doctorNotFinite: (epoch: number) => `The loss became NaN or infinite in epoch ${epoch}: training diverged.`,
  doctorGrowing: (since: number) => `Training loss has been growing since epoch ${since}: training is diverging.`,
  doctorLowerRate: (lr: number) => `lower the learning rate to ${value(lr)}.`,
  doctorOverfitting: (best: number, bestLoss: number, loss: number) =>
    `Overfitting since epoch ${best}: validation loss rose from ${bestLoss.toFixed(3)} to ${loss.toFixed(3)} while training loss kept falling.`,
  doctorOverfittingKept: (best: number) => `dropout, augmentation or weight decay. Early stopping keeps the weights of epoch ${best}, the best.`,
  doctorOverfittingNotKept: (best: number) =>
    `dropout, augmentation or weight decay; and turn on early stopping (Regularization) so the weights of the best epoch (${best}) are kept.`,
  doctorPlateau: (first: number, last: number, loss: number) => `Training loss has stayed at about ${loss.toFixed(3)} over ${epochSpan(first, last)}.`,
  doctorRaiseRate: (lr: number, scheduled: boolean) =>
    scheduled ? `raise the learning rate to ${value(lr)}; the schedule still lowers it later.` : `raise the learning rate to ${value(lr)}, or use a schedule (step or cosine) that lowers it later.`,
  doctorUnderfitting: (acc: number, first: number, last: number) => `Training accuracy is only ${pct(acc)} and hardly moved over ${epochSpan(first, last)}: the model is underfitting.`,
  doctorBiggerModel: 'a bigger model (more filters or layers) or more epochs.',
  doctorSampleImbalance: (largest: string, smallest: string, ratio: number) =>
    `Class “${largest}” has ${ratio.toFixed(1)}× the training samples of class “${smallest}”: the model will favour the larger classes.`,
  doctorErrorImbalance: (name: string, share: number) => `Class “${name}” draws ${pct(share)} of the validation errors.`,
  doctorUseClassWeights: 'class weights (Regularization → Class weights: Balanced).',
  doctorMoreSamples: (name: string) => `class weights are on already: add more, and more varied, samples of “${name}”.`,
  doctorLongWarmup: (warmup: number, epochs: number) => `The warm-up takes ${warmup} of the ${epochs} epochs: the full learning rate comes late in the run.`,
  doctorShorterWarmup: (warmup: number) => `a warm-up of ${warmup} epoch${warmup === 1 ? '' : 's'}, about a tenth of the run.`,
  doctorLargeBatch: (batch: number, samples: number, steps: number) =>
    `A batch of ${batch} on ${samples} training samples makes only ${steps} update${steps === 1 ? '' : 's'} per epoch.`,
  doctorSmallerBatch: (batch: number) => `a batch size of ${batch}.`,
};
