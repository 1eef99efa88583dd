import type * as tfType from '@tensorflow/tfjs';
import type { BackendName, TrainEvent, TrainRequest } from '$lib/training/shared/protocol';
import { balancedClassWeights } from '$lib/training/shared/class-weights';
import { saveCheckpoint } from '$lib/storage/database';
import type { Checkpoint } from '$lib/training/shared/checkpoint';
import { toDevice } from '$workers/datasets/device-feed';
import type { SampleSource } from '$workers/datasets/source';
import { loadDataset } from '$workers/datasets/load-dataset';
import { buildModel, readWeights, writeWeights } from '$workers/model/build-model';
import { readOptimizerState, readTensors, toTensors, writeOptimizerState } from './tensor-arrays';
import type { RunControl } from './control';
import { fit, type FitOutcome } from './fit';
import { createOptimizer } from './optimizers';
import { outputLoss } from './output';
import { initialRunState, type RunState } from './run-state';
import { requestErrors } from '$lib/training/shared/validate';
import { messages } from '$lib/i18n/messages';

export interface RunResult {
  model: tfType.LayersModel;
  val: SampleSource;
  outcome: FitOutcome;
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
 * One training run in the worker, new or continued from a checkpoint: builds the data, model and
 * optimizer, restores saved state, trains, and writes a checkpoint after each epoch. The caller
 * owns the returned model.
 */
export async function runTraining(
  tf: typeof tfType,
  request: TrainRequest,
  resumeFrom: Checkpoint | undefined,
  control: RunControl,
  emit: (event: TrainEvent) => void,
): Promise<RunResult> {
  // The UI never sends these, but a stored checkpoint or another caller might: a batch size of 0 loops forever.
  const errors = requestErrors(request);
  if (errors.length > 0) throw new Error(messages.invalidSettings(errors.join(' ')));
  const { config, spec } = request;
  const split = await loadDataset(request.dataset);
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
    const writeCheckpoint = async (s: RunState, best: tfType.Tensor[] | null): Promise<void> => {
      await saveCheckpoint({
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
    };
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
        onEpochEnd: request.checkpoints ? writeCheckpoint : undefined,
      },
      state,
    );
    return { model, val: split.val, outcome };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    train.dispose();
    val.dispose();
    optimizer.dispose();
  }
}
