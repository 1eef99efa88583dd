import type { ModelWeights } from '$lib/spec/types';
import type { TrainHistory, TrainRequest } from '$lib/training/shared/protocol';
import type { RunClasses } from '$lib/project/shared/project-file';
import { readWeights } from '$workers/model/build-model';
import type { SourceSplit } from '$workers/datasets/source';
import { RunControl } from '$workers/training/control';
import type { FitOutcome } from '$workers/training/fit';
import { trainOnSplit } from '$workers/training/train-on-split';
import { tf } from './tfjs';

/** One finished epoch as the progress line shows it; samples/s counts the training steps only. */
export interface EpochReport {
  epoch: number;
  loss: number;
  acc: number;
  valLoss: number;
  valAcc: number;
  samplesPerSec: number;
}

/** What a project file keeps of a run. */
export interface TrainedRun {
  outcome: FitOutcome;
  history: TrainHistory;
  weights: ModelWeights;
  classes: RunClasses;
}

/**
 * The worker's training run (workers/training/train-on-split.ts: model, optimizer, class weights,
 * steps, schedule, BatchNorm statistics, evaluation, early stopping) on the active tfjs backend,
 * for a request the caller has checked. No checkpoints: a command-line run is not resumed.
 */
export async function trainModel(request: TrainRequest, split: SourceSplit, onEpoch: (report: EpochReport) => void): Promise<TrainedRun> {
  let classes: RunClasses = { classes: [], counts: [], weights: null };
  let batches = 0;
  let trainSamples = 0;
  let epochStarted = performance.now();
  let trainSeconds = 0;
  const result = await trainOnSplit(tf, { ...request, checkpoints: false }, split, undefined, new RunControl(), (event) => {
    if (event.type === 'start') {
      classes = { classes: event.classes, counts: event.classCounts, weights: event.classWeights };
      batches = event.batchesPerEpoch;
      trainSamples = event.trainSamples;
    }
    // The last batch event of an epoch comes once its steps are done, before validation.
    if (event.type === 'batch' && event.batch === batches) trainSeconds = (performance.now() - epochStarted) / 1000;
    if (event.type === 'epoch') {
      onEpoch({ epoch: event.epoch, loss: event.trainLoss, acc: event.trainAcc, valLoss: event.valLoss, valAcc: event.valAcc, samplesPerSec: trainSamples / trainSeconds });
      epochStarted = performance.now();
    }
  });
  try {
    return { outcome: result.outcome, history: result.history, weights: await readWeights(result.model, request.spec), classes };
  } finally {
    result.model.dispose();
  }
}
