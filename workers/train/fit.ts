import type * as tfType from '@tensorflow/tfjs';
import type { DeviceDataset } from '../data';
import type { TrainEvent } from '../../src/lib/trainer/protocol';
import { seededRandom } from '../../src/lib/util/random';
import { evaluate } from './evaluate';
import { trainStep, type LossFn } from './step';

export interface FitOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  learningRate: number;
}

export interface FitParts {
  tf: typeof tfType;
  model: tfType.LayersModel;
  optimizer: tfType.Optimizer;
  loss: LossFn;
  toProbabilities: (out: tfType.Tensor2D) => tfType.Tensor2D;
  train: DeviceDataset;
  val: DeviceDataset;
  emit: (event: TrainEvent) => void;
  shouldStop: () => boolean;
}

export type FitOutcome = { reason: 'completed' | 'stopped' } | { reason: 'diverged'; message: string };

/** Batch events are throttled: the chart needs a few updates a second, not one per step. */
const BATCH_EVENT_MS = 100;

function shuffled(count: number, rand: () => number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Copies of the current weights; they share device memory until a step replaces the variables. */
function snapshot(tf: typeof tfType, model: tfType.LayersModel): tfType.Tensor[] {
  return model.getWeights().map((w) => tf.clone(w));
}

function divergedMessage(epoch: number, batch: number, lr: number): string {
  return (
    `Training stopped: the loss became NaN or infinite at epoch ${epoch}, batch ${batch}. ` +
    `The learning rate (${lr}) is most likely too high: try ${lr / 10}. ` +
    `The weights from the start of epoch ${epoch} were kept.`
  );
}

export async function fit(parts: FitParts, options: FitOptions): Promise<FitOutcome> {
  const { tf, model, train, emit } = parts;
  const batchesPerEpoch = Math.ceil(train.count / options.batchSize);
  const rand = seededRandom(options.seed);
  let step = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const lastGood = snapshot(tf, model);
    const order = shuffled(train.count, rand);
    const started = performance.now();
    let lastEmit = 0;
    let lossSum = 0;
    let correctSum = 0;
    for (let batch = 1; batch <= batchesPerEpoch; batch++) {
      if (parts.shouldStop()) {
        tf.dispose(lastGood);
        return { reason: 'stopped' };
      }
      const from = (batch - 1) * options.batchSize;
      const indices = order.subarray(from, Math.min(from + options.batchSize, train.count));
      const stats = tf.tidy(() => {
        const idx = tf.tensor1d(indices, 'int32');
        return trainStep(tf, model, parts.optimizer, parts.loss, parts.toProbabilities, tf.gather(train.xs, idx), tf.gather(train.ys, idx));
      });
      const [loss, correct] = await stats.data();
      stats.dispose();
      step++;
      if (!Number.isFinite(loss)) {
        model.setWeights(lastGood);
        tf.dispose(lastGood);
        return { reason: 'diverged', message: divergedMessage(epoch, batch, options.learningRate) };
      }
      lossSum += loss * indices.length;
      correctSum += correct;
      const now = performance.now();
      if (now - lastEmit >= BATCH_EVENT_MS || batch === batchesPerEpoch) {
        lastEmit = now;
        const seen = Math.min(batch * options.batchSize, train.count);
        emit({ type: 'batch', epoch, batch, step, loss, samplesPerSec: (seen / (now - started)) * 1000 });
      }
    }
    tf.dispose(lastGood);
    const valStats = await evaluate(tf, model, parts.val, parts.loss, parts.toProbabilities, 256);
    emit({
      type: 'epoch',
      epoch,
      trainLoss: lossSum / train.count,
      trainAcc: correctSum / train.count,
      valLoss: valStats.loss,
      valAcc: valStats.acc,
      seconds: (performance.now() - started) / 1000,
      numTensors: tf.memory().numTensors,
    });
  }
  return { reason: 'completed' };
}
