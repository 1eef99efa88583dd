import { messages } from '$lib/i18n/messages';
import type { Finding } from './findings';

/** A finding in words: what the doctor saw, and what to try about it. */
export interface FindingText {
  seen: string;
  advice: string;
}

export function describeFinding(f: Finding): FindingText {
  switch (f.rule) {
    case 'divergence':
      return {
        seen: f.cause === 'not-finite' ? messages.doctorNotFinite(f.epochs.first) : messages.doctorGrowing(f.epochs.first),
        advice: messages.doctorLowerRate(f.tryLearningRate),
      };
    case 'overfitting':
      return {
        seen: messages.doctorOverfitting(f.bestEpoch, f.bestValLoss, f.valLoss),
        advice: f.bestKept ? messages.doctorOverfittingKept(f.bestEpoch) : messages.doctorOverfittingNotKept(f.bestEpoch),
      };
    case 'plateau':
      return { seen: messages.doctorPlateau(f.epochs.first, f.epochs.last, f.loss), advice: messages.doctorRaiseRate(f.tryLearningRate, f.scheduled) };
    case 'underfitting':
      return { seen: messages.doctorUnderfitting(f.trainAcc, f.epochs.first, f.epochs.last), advice: messages.doctorBiggerModel };
    case 'imbalance':
      return f.source === 'samples'
        ? { seen: messages.doctorSampleImbalance(f.largest, f.smallest, f.ratio), advice: messages.doctorUseClassWeights }
        : { seen: messages.doctorErrorImbalance(f.className, f.errorShare), advice: f.weighted ? messages.doctorMoreSamples(f.className) : messages.doctorUseClassWeights };
    case 'long-warmup':
      return { seen: messages.doctorLongWarmup(f.warmupEpochs, f.totalEpochs), advice: messages.doctorShorterWarmup(f.tryWarmupEpochs) };
    case 'large-batch':
      return { seen: messages.doctorLargeBatch(f.batchSize, f.trainSamples, f.stepsPerEpoch), advice: messages.doctorSmallerBatch(f.tryBatchSize) };
  }
}
