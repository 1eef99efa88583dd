import type * as tfType from '@tensorflow/tfjs';
import type { BackendName, TrainEvent, TrainHistory, TrainRequest } from '$lib/training/shared/protocol';
import { balancedClassWeights } from '$lib/training/shared/class-weights';
import type { Checkpoint } from '$lib/training/shared/checkpoint';
import { toDevice } from '$workers/datasets/device-feed';
import type { SampleSource, SourceSplit } from '$workers/datasets/source';
import { buildModel, readWeights, writeWeights } from '$workers/model/build-model';
import { readOptimizerState, readTensors, toTensors, writeOptimizerState } from './tensor-arrays';
import type { RunControl } from './control';
import { fit, type FitOutcome } from './fit';
import { createOptimizer } from './optimizers';
import { outputLoss } from './output';
import { initialRunState, type RunState } from './run-state';

export interface RunResult {
  model: tfType.LayersModel;
  val: SampleSource;
  outcome: FitOutcome;
  /** The run's curves, as the events reported them (the CLI saves them in a project). */
  history: TrainHistory;
}

function classCounts(d: SampleSource): number[] {
  const counts = d.classes.map(() => 0);
  for (const label of d.labels) counts[label]++;
  return counts;
}

function classWeights(request: TrainRequest, counts: number[]): number[] | null {
  const { classWeighting, customClassWeights } = request.config;
  if (classWeighting === 'balanced') return balancedClassWeights(counts);
  if (classWeighting === 'custom') return counts.map((_, i) => customClassWeights[i] ?? 1);
  return null;
}

/**
 * A checked request's run on data already loaded, new or continued from a checkpoint: builds the
 * model and optimizer, restores saved state, trains, and hands each epoch's checkpoint to
 * `saveCheckpoint` when the request asks for checkpoints. Imports no dataset loader and no storage,
 * so the worker (run.ts) and the `netloom` command in Node share it. The caller owns the returned model.
 */
export async function trainOnSplit(
  tf: typeof tfType,
  request: TrainRequest,
  split: SourceSplit,
  resumeFrom: Checkpoint | undefined,
  control: RunControl,
  emit: (event: TrainEvent) => void,
  saveCheckpoint?: (checkpoint: Checkpoint) => Promise<void>,
): Promise<RunResult> {
  const { config, spec } = request;
  const counts = classCounts(split.train);
  const weights = classWeights(request, counts);
  const model = buildModel(tf, spec, request.seed);
  const optimizer = createOptimizer(tf, config.optimizer);
  const train = await toDevice(tf, split.train);
  const val = await toDevice(tf, split.val).catch((error: unknown) => {
    train.dispose();
    throw error;
  });
  const state: RunState = resumeFrom
    ? { epoch: resumeFrom.epoch, step: resumeFrom.step, rngState: resumeFrom.rngState, earlyStopping: resumeFrom.earlyStopping, history: resumeFrom.history }
    : initialRunState(request.seed);
  try {
    if (resumeFrom) {
      writeWeights(tf, model, resumeFrom.weights);
      await writeOptimizerState(tf, optimizer, resumeFrom.optimizerState);
    }
    emit({
      type: 'start',
      backend: tf.getBackend() as BackendName,
      epochs: config.epochs,
      firstEpoch: state.epoch + 1,
      batchesPerEpoch: Math.ceil(train.count / config.batchSize),
      trainSamples: train.count,
      valSamples: val.count,
      classes: [...split.train.classes],
      classCounts: counts,
      classWeights: weights,
      history: structuredClone(state.history),
    });
    const store = request.checkpoints ? saveCheckpoint : undefined;
    const writeCheckpoint = store && (async (s: RunState, best: tfType.Tensor[] | null): Promise<void> => {
      await store({
        request,
        epoch: s.epoch,
        step: s.step,
        rngState: s.rngState,
        weights: await readWeights(model, spec),
        optimizerState: await readOptimizerState(optimizer),
        bestWeights: best ? await readTensors(best) : null,
        earlyStopping: s.earlyStopping,
        history: s.history,
        finished: false,
        savedAt: Date.now(),
      });
      emit({ type: 'checkpoint', epoch: s.epoch });
    });
    const outcome = await fit(
      {
        tf,
        model,
        optimizer,
        loss: outputLoss(tf, spec, { labelSmoothing: config.labelSmoothing, classWeights: weights ?? undefined }),
        valLoss: outputLoss(tf, spec, { labelSmoothing: 0 }),
        train,
        val,
        config,
        augment: request.augment,
        control,
        emit,
        best: resumeFrom?.bestWeights ? toTensors(tf, resumeFrom.bestWeights) : null,
        onEpochEnd: writeCheckpoint,
      },
      state,
    );
    return { model, val: split.val, outcome, history: state.history };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    train.dispose();
    val.dispose();
    optimizer.dispose();
  }
}
