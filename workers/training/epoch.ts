import type * as tfType from '@tensorflow/tfjs';
import type { DeviceFeed } from '$workers/datasets/device-feed';
import type { TrainEvent } from '$lib/training/shared/protocol';
import type { TrainingConfig } from '$lib/training/shared/config';
import { drawAugmentation, type AugmentConfig } from '$lib/training/shared/augment';
import { learningRateAt } from '$lib/training/shared/schedule';
import { shuffledIndices, type Rng } from '$lib/util/random';
import { setDropoutStep } from '$workers/model/dropout';
import { augmentBatch } from './augment-gpu';
import { takeGpuFault } from '$workers/devices/gpu-faults';
import { setLearningRate } from './optimizers';
import type { RunControl } from './control';
import type { RunState } from './run-state';
import { trainStep, type LossFn } from './step';

export interface EpochParts {
  tf: typeof tfType;
  model: tfType.LayersModel;
  optimizer: tfType.Optimizer;
  loss: LossFn;
  train: DeviceFeed;
  config: TrainingConfig;
  augment: AugmentConfig;
  control: RunControl;
  emit: (event: TrainEvent) => void;
}

export type EpochResult =
  | { kind: 'done'; loss: number; acc: number; lr: number }
  | { kind: 'stopped' }
  | { kind: 'diverged'; batch: number; lr: number; cause: 'loss' | 'gradients' }
  | { kind: 'gpu-fault'; batch: number; message: string };

/** Batch events are throttled: the chart needs a few updates a second, not one per step. */
const BATCH_EVENT_MS = 100;

interface Pending {
  stats: tfType.Tensor1D;
  batch: number;
  size: number;
  lr: number;
}

/** Steps read back together: one read per group instead of per step, a group behind the GPU. */
const READ_GROUP = 4;
/** Longest wait between reads while steps are queued, so slow steps still update the charts. */
const LIVE_READ_MS = 300;

/**
 * Runs one epoch's steps. Step statistics are read in groups of READ_GROUP while the next group
 * is already queued (or, when steps are slow, every LIVE_READ_MS one step behind), so a GPU
 * backend never idles waiting for a read-back and pays for few reads. Divergence is therefore noticed a few steps late, which is harmless because the
 * caller restores the epoch's starting weights.
 */
export async function runEpoch(p: EpochParts, state: RunState, rng: Rng): Promise<EpochResult> {
  const { tf, train, config } = p;
  const bpe = Math.ceil(train.count / config.batchSize);
  const epoch = state.epoch + 1;
  const order = shuffledIndices(train.count, rng);
  const started = performance.now();
  const stepOpts = { l2: config.l2, clipNorm: config.gradientClip.enabled ? config.gradientClip.maxNorm : null };
  let lastEmit = 0;
  let lossSum = 0;
  let correctSum = 0;
  let lastLr = Number.NaN;
  const pending: Pending[] = [];
  let lastRead = started;
  // Speed is reported over the span since the previous batch event; the UI averages it.
  let rateFrom = { time: started, seen: 0 };

  /** `flush`: also report the last step read, e.g. before pausing, so the UI shows where the run halted. */
  const settle = async (group: Pending[], flush = false): Promise<EpochResult | null> => {
    const stacked = tf.stack(group.map((q) => q.stats));
    tf.dispose(group.map((q) => q.stats));
    const values = await stacked.data();
    stacked.dispose();
    lastRead = performance.now();
    const gpuFault = takeGpuFault();
    if (gpuFault) return { kind: 'gpu-fault', batch: group[0].batch, message: gpuFault };
    for (const [i, q] of group.entries()) {
      const [loss, correct, norm] = values.subarray(i * 3, i * 3 + 3);
      if (!Number.isFinite(loss)) return { kind: 'diverged', batch: q.batch, lr: q.lr, cause: 'loss' };
      if (!Number.isFinite(norm)) return { kind: 'diverged', batch: q.batch, lr: q.lr, cause: 'gradients' };
      lossSum += loss * q.size;
      correctSum += correct;
    }
    // The group's newest step is the one reported, so the progress the user sees (and pauses
    // against) is never more than the unread steps behind the worker.
    const newest = group[group.length - 1];
    const now = performance.now();
    if (now - lastEmit >= BATCH_EVENT_MS || newest.batch === bpe || flush) {
      lastEmit = now;
      const seen = Math.min(newest.batch * config.batchSize, train.count);
      const samplesPerSec = ((seen - rateFrom.seen) / Math.max(now - rateFrom.time, 1)) * 1000;
      rateFrom = { time: now, seen };
      const loss = values[(group.length - 1) * 3];
      state.history.batches.push({ x: epoch - 1 + newest.batch / bpe, loss, lr: newest.lr });
      p.emit({ type: 'batch', epoch, batch: newest.batch, step: state.step, loss, lr: newest.lr, samplesPerSec });
    }
    return null;
  };
  const abandon = (result: EpochResult): EpochResult => {
    tf.dispose(pending.map((q) => q.stats));
    return result;
  };

  for (let batch = 1; batch <= bpe; batch++) {
    await p.control.yieldToMessages();
    if (p.control.pauseRequested && pending.length > 0) {
      const failed = await settle(pending.splice(0), true);
      if (failed) return abandon(failed);
    }
    if (p.control.pauseRequested) {
      await p.control.waitWhilePaused();
      rateFrom = { ...rateFrom, time: performance.now() };
    }
    if (p.control.stopped) return abandon({ kind: 'stopped' });
    const lr = learningRateAt(config.schedule, config.optimizer.learningRate, epoch - 1 + (batch - 0.5) / bpe, config.epochs);
    if (lr !== lastLr) setLearningRate(p.optimizer, lr);
    lastLr = lr;
    const from = (batch - 1) * config.batchSize;
    const to = Math.min(from + config.batchSize, train.count);
    const { xs, ys } = await train.take(order, from, to);
    const draw = p.augment.enabled ? drawAugmentation(p.augment, to - from, rng) : null;
    setDropoutStep(state.step++);
    const stats = tf.tidy(() => trainStep(tf, p.model, p.optimizer, p.loss, draw ? augmentBatch(tf, xs, draw) : xs, ys, stepOpts));
    tf.dispose([xs, ys]);
    pending.push({ stats, batch, size: to - from, lr });
    // Slow steps (software WebGPU) are read sooner, one step behind, so the curves stay live.
    const full = pending.length >= 2 * READ_GROUP;
    if (!full && (pending.length < 2 || performance.now() - lastRead < LIVE_READ_MS)) continue;
    const failed = await settle(pending.splice(0, full ? READ_GROUP : pending.length - 1));
    if (failed) return abandon(failed);
  }
  const failed = pending.length > 0 ? await settle(pending) : null;
  return failed ?? { kind: 'done', loss: lossSum / train.count, acc: correctSum / train.count, lr: lastLr };
}
