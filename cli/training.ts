import type { ModelWeights } from '$lib/spec/types';
import type { TrainHistory, TrainRequest } from '$lib/training/shared/protocol';
import type { RunClasses } from '$lib/project/shared/project-file';
import { buildModel, readWeights } from '$workers/model/build-model';
import { toDevice } from '$workers/datasets/device-feed';
import type { SourceSplit } from '$workers/datasets/source';
import { RunControl } from '$workers/training/control';
import { fit, type FitOutcome } from '$workers/training/fit';
import { createOptimizer } from '$workers/training/optimizers';
import { outputLoss } from '$workers/training/output';
import { initialRunState } from '$workers/training/run-state';
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

export interface TrainedRun {
  outcome: FitOutcome;
  history: TrainHistory;
  weights: ModelWeights;
  classes: RunClasses;
}

function classCounts(split: SourceSplit): number[] {
  const counts = split.train.classes.map(() => 0);
  for (const label of split.train.labels) counts[label]++;
  return counts;
}

/**
 * The worker's training loop (workers/training/fit.ts: the same steps, schedule, BatchNorm
 * statistics, evaluation and early stopping) on the active tfjs backend, for a request the caller
 * has checked, with plain class weighting and no checkpoints: a command-line run cannot be resumed.
 */
export async function trainOnSplit(request: TrainRequest, split: SourceSplit, onEpoch: (report: EpochReport) => void): Promise<TrainedRun> {
  const { spec, config, seed } = request;
  const model = buildModel(tf, spec, seed);
  const optimizer = createOptimizer(tf, config.optimizer);
  const train = await toDevice(tf, split.train);
  const val = await toDevice(tf, split.val);
  const batches = Math.ceil(train.count / config.batchSize);
  const state = initialRunState(seed);
  let epochStarted = performance.now();
  let trainSeconds = 0;
  try {
    const outcome = await fit(
      {
        tf,
        model,
        optimizer,
        loss: outputLoss(tf, spec, { labelSmoothing: config.labelSmoothing }),
        valLoss: outputLoss(tf, spec, { labelSmoothing: 0 }),
        train,
        val,
        config,
        augment: request.augment,
        control: new RunControl(),
        best: null,
        emit: (event) => {
          // The last batch event of an epoch comes once its steps are done, before validation.
          if (event.type === 'batch' && event.batch === batches) trainSeconds = (performance.now() - epochStarted) / 1000;
          if (event.type !== 'epoch') return;
          onEpoch({ epoch: event.epoch, loss: event.trainLoss, acc: event.trainAcc, valLoss: event.valLoss, valAcc: event.valAcc, samplesPerSec: train.count / trainSeconds });
          epochStarted = performance.now();
        },
      },
      state,
    );
    return {
      outcome,
      history: state.history,
      weights: await readWeights(model, spec),
      classes: { classes: [...split.train.classes], counts: classCounts(split), weights: null },
    };
  } finally {
    model.dispose();
    optimizer.dispose();
    train.dispose();
    val.dispose();
  }
}
