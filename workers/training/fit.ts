import type * as tfType from '@tensorflow/tfjs';
import type { DeviceFeed } from '$workers/datasets/device-feed';
import type { TrainingConfig } from '$lib/training/shared/config';
import { observeValLoss } from '$lib/training/shared/early-stopping';
import { Rng } from '$lib/util/random';
import { m } from '$lib/i18n/messages';
import { recomputeBatchNormStats } from './batchnorm-stats';
import { evaluate } from './evaluate';
import { runEpoch, type EpochParts, type EpochResult } from './epoch';
import type { RunState } from './run-state';
import type { LossFn } from './step';

export interface FitParts extends EpochParts {
  val: DeviceFeed;
  /** Validation loss: plain cross-entropy, so it stays comparable whatever the training loss adds. */
  valLoss: LossFn;
  /** Weights of the best epoch so far (from a checkpoint), in model.getWeights() order; fit takes ownership. */
  best: tfType.Tensor[] | null;
  /** Called after every completed epoch, e.g. to write a checkpoint. */
  onEpochEnd?: (state: RunState, best: tfType.Tensor[] | null) => Promise<void>;
}

export type FitOutcome = { reason: 'completed' | 'stopped' | 'early-stopped' | 'diverged' | 'failed'; message?: string; gpuFault?: boolean };

/** Copies of the current weights; they share device memory until a step replaces the variables. */
function snapshot(tf: typeof tfType, model: tfType.LayersModel): tfType.Tensor[] {
  return model.getWeights().map((w) => tf.clone(w));
}

function gpuFaultMessage(epoch: number, r: Extract<EpochResult, { kind: 'gpu-fault' }>, keptEpoch: number): string {
  return m.trainingGpuFault({ epoch, batch: r.batch, fault: r.message, kept: m.weightsKept({ epoch: keptEpoch }) });
}

function divergedMessage(config: TrainingConfig, epoch: number, r: Extract<EpochResult, { kind: 'diverged' }>, keptEpoch: number): string {
  const { learningRate, weightDecay } = config.optimizer;
  // Decoupled decay multiplies weights by (1 − lr·λ) each step: beyond 2 that alone grows without bound.
  const decay = weightDecay !== undefined && learningRate * weightDecay > 1 ? learningRate * weightDecay : null;
  return m.trainingDiverged({ cause: r.cause, epoch, batch: r.batch, lr: r.lr.toPrecision(3), kept: m.weightsKept({ epoch: keptEpoch }), suggestedLr: learningRate / 10 }) + (decay === null ? '' : m.trainingDivergedDecay({ decay }));
}

/**
 * Trains from `state` (fresh or restored) to the configured number of epochs, with early stopping
 * on validation loss restoring the best epoch's weights. Mutates `state` as epochs complete.
 */
export async function fit(parts: FitParts, state: RunState): Promise<FitOutcome> {
  const { tf, model, config } = parts;
  const rng = new Rng(state.rngState);
  let best = parts.best;
  const restoreBest = (): void => {
    if (best) model.setWeights(best);
  };
  try {
    while (state.epoch < config.epochs) {
      const lastGood = snapshot(tf, model);
      const started = performance.now();
      const result = await runEpoch(parts, state, rng);
      if (result.kind === 'diverged' || result.kind === 'gpu-fault') model.setWeights(lastGood);
      tf.dispose(lastGood);
      // Stopped weights are kept and exported too: give them the statistics of their own activations.
      if (result.kind === 'stopped') {
        await recomputeBatchNormStats(tf, model, parts.train, config.batchSize);
        return { reason: 'stopped' };
      }
      if (result.kind === 'diverged') return { reason: 'diverged', message: divergedMessage(config, state.epoch + 1, result, state.epoch) };
      if (result.kind === 'gpu-fault') return { reason: 'failed', message: gpuFaultMessage(state.epoch + 1, result, state.epoch), gpuFault: true };
      await recomputeBatchNormStats(tf, model, parts.train, config.batchSize);
      const val = await evaluate(tf, model, parts.val, parts.valLoss, 256);
      state.epoch += 1;
      state.rngState = rng.state;
      if (config.earlyStopping.enabled) {
        state.earlyStopping = observeValLoss(state.earlyStopping, val.loss, config.earlyStopping);
        if (state.earlyStopping.improved) {
          tf.dispose(best ?? []);
          best = snapshot(tf, model);
        }
        state.history.bestEpoch = state.earlyStopping.bestEpoch + 1;
      }
      const point = {
        epoch: state.epoch,
        trainLoss: result.loss,
        trainAcc: result.acc,
        valLoss: val.loss,
        valAcc: val.acc,
        seconds: (performance.now() - started) / 1000,
        numTensors: tf.memory().numTensors,
        lr: result.lr,
      };
      state.history.epochs.push(point);
      parts.emit({ type: 'epoch', ...point, bestEpoch: state.history.bestEpoch });
      await parts.onEpochEnd?.(state, best);
      if (state.earlyStopping.stop) {
        restoreBest();
        const b = state.history.bestEpoch;
        return { reason: 'early-stopped', message: m.earlyStoppedAt({ epoch: state.epoch, best: b ?? state.epoch }) };
      }
    }
    restoreBest();
    return { reason: 'completed' };
  } finally {
    tf.dispose(best ?? []);
  }
}
