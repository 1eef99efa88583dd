import { m } from '$lib/i18n/messages';
import type { Finding } from './findings';
import * as fmt from '$lib/i18n/format';

/** A finding in words: what the doctor saw, and what to try about it. */
export interface FindingText {
  seen: string;
  advice: string;
}

export function describeFinding(f: Finding): FindingText {
  switch (f.rule) {
    case 'divergence':
      return {
        seen: f.cause === 'not-finite' ? m.doctorNotFinite({ epoch: f.epochs.first }) : m.doctorGrowing({ since: f.epochs.first }),
        advice: m.doctorLowerRate({ lr: fmt.twoDigits(f.tryLearningRate) }),
      };
    case 'overfitting':
      return {
        seen: m.doctorOverfitting({ best: f.bestEpoch, bestLoss: f.bestValLoss.toFixed(3), loss: f.valLoss.toFixed(3) }),
        advice: f.bestKept ? m.doctorOverfittingKept({ best: f.bestEpoch }) : m.doctorOverfittingNotKept({ best: f.bestEpoch }),
      };
    case 'plateau':
      return { seen: m.doctorPlateau({ span: fmt.epochSpan(f.epochs.first, f.epochs.last), loss: f.loss.toFixed(3) }), advice: m.doctorRaiseRate({ lr: fmt.twoDigits(f.tryLearningRate), scheduled: f.scheduled ? 'yes' : 'no' }) };
    case 'underfitting':
      return { seen: m.doctorUnderfitting({ acc: fmt.percent(f.trainAcc), span: fmt.epochSpan(f.epochs.first, f.epochs.last) }), advice: m.doctorBiggerModel() };
    case 'imbalance':
      return f.source === 'samples'
        ? { seen: m.doctorSampleImbalance({ largest: f.largest, smallest: f.smallest, ratio: f.ratio.toFixed(1) }), advice: m.doctorUseClassWeights() }
        : { seen: m.doctorErrorImbalance({ name: f.className, share: fmt.percent(f.errorShare) }), advice: errorAdvice(f) };
    case 'long-warmup':
      return { seen: m.doctorLongWarmup({ warmup: f.warmupEpochs, epochs: f.totalEpochs }), advice: m.doctorShorterWarmup({ warmup: f.tryWarmupEpochs }) };
    case 'large-batch':
      return { seen: m.doctorLargeBatch({ batch: f.batchSize, samples: f.trainSamples, steps: f.stepsPerEpoch }), advice: m.doctorSmallerBatch({ batch: f.tryBatchSize }) };
  }
}

/** Class weights help a class that has fewer samples than the others; with as many, only better samples do. */
function errorAdvice(f: Extract<Finding, { source: 'errors' }>): string {
  if (f.weighted) return m.doctorMoreSamples({ name: f.className });
  return f.underrepresented ? m.doctorUseClassWeights() : m.doctorMoreVariedSamples({ name: f.className });
}
