import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildModel } from '$workers/model/build-model';
import { toDevice } from '$workers/datasets/device-feed';
import { memorySource } from '$workers/datasets/source';
import { splitDataset } from '$lib/datasets/shared/dataset';
import { generateShapes } from '$lib/datasets/shared/shapes';
import { fit, type FitParts } from '$workers/training/fit';
import { RunControl } from '$workers/training/control';
import { createOptimizer } from '$workers/training/optimizers';
import { outputLoss } from '$workers/training/output';
import { initialRunState, type RunState } from '$workers/training/run-state';
import { readOptimizerState, writeOptimizerState } from '$workers/training/tensor-arrays';
import { DEFAULT_TRAINING, defaultOptimizer, type TrainingConfig } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT, type AugmentConfig } from '$lib/training/shared/augment';
import { defaultSpec } from '$lib/spec/presets';
import type { GraphSpec } from '$lib/spec/types';
import type { TrainEvent } from '$lib/training/shared/protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The default model with a dropout layer, so determinism covers dropout masks too. */
function spec(): GraphSpec {
  const s = defaultSpec(4);
  const flatten = s.nodes.findIndex((n) => n.id === 'flatten');
  s.nodes.splice(flatten + 1, 0, { id: 'drop', kind: 'Dropout', params: { rate: 0.3 }, inputs: ['flatten'], position: { x: 0, y: 0 } });
  s.nodes.find((n) => n.id === 'dense')!.inputs = ['drop'];
  return s;
}

function config(overrides: Partial<TrainingConfig> = {}): TrainingConfig {
  return { ...structuredClone(DEFAULT_TRAINING), epochs: 2, batchSize: 16, optimizer: { name: 'adam', learningRate: 0.01 }, ...overrides };
}

interface Run {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  parts: FitParts;
  events: TrainEvent[];
  dispose(): void;
}

/** `budgetBytes`: the device budget; a small one makes the feed stream the data in shards. */
async function setUp(cfg: TrainingConfig, seed: number, augment: AugmentConfig = DEFAULT_AUGMENT, budgetBytes?: number): Promise<Run> {
  const s = spec();
  const { train, val } = splitDataset(generateShapes({ count: 120, seed: 3 }), 0.2);
  const model = buildModel(tf, s, seed);
  const optimizer = createOptimizer(tf, cfg.optimizer);
  const [trainData, valData] = await Promise.all([train, val].map((d) => toDevice(tf, memorySource(d), budgetBytes)));
  const events: TrainEvent[] = [];
  const parts: FitParts = {
    tf,
    model,
    optimizer,
    loss: outputLoss(tf, s, { labelSmoothing: cfg.labelSmoothing }),
    valLoss: outputLoss(tf, s, { labelSmoothing: 0 }),
    train: trainData,
    val: valData,
    config: cfg,
    augment,
    control: new RunControl(),
    emit: (e) => events.push(e),
    best: null,
  };
  return { model, optimizer, parts, events, dispose: () => [model, optimizer, trainData, valData].forEach((d) => d.dispose()) };
}

/** Per epoch: train loss (a sum over every batch) and validation loss; batch events are throttled by time. */
const curve = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'epoch' ? [[e.trainLoss, e.valLoss]] : []));

async function weightValues(model: tf.LayersModel): Promise<number[][]> {
  return Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
}

describe('determinism on the cpu backend', () => {
  const augment = { ...DEFAULT_AUGMENT, enabled: true };

  async function losses(seed: number, budgetBytes?: number): Promise<number[]> {
    const run = await setUp(config(), seed, augment, budgetBytes);
    await fit(run.parts, initialRunState(seed));
    run.dispose();
    return curve(run.events).flat();
  }

  test('the same seed gives identical losses (shuffling, init, dropout, augmentation)', async () => {
    const a = await losses(7);
    const b = await losses(7);
    expect(a.length).toBeGreaterThan(3);
    expect(b).toEqual(a);
    expect(await losses(8)).not.toEqual(a);
  });

  test('data streamed to the device in shards trains exactly like data uploaded whole', async () => {
    const before = tf.memory().numTensors;
    // 96 training samples of 28×28×1 floats; this budget holds 20 of them, so shards of 10 (less than a batch of 16).
    const streamed = await losses(7, 20 * 28 * 28 * 4);
    expect(streamed).toEqual(await losses(7));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('early stopping', () => {
  test('stops after `patience` epochs without improvement and restores the best epoch', async () => {
    // minDelta so large that no epoch after the first counts as an improvement.
    const run = await setUp(config({ epochs: 5, earlyStopping: { enabled: true, patience: 2, minDelta: 100 } }), 1);
    const perEpoch: number[][][] = [];
    run.parts.onEpochEnd = async () => {
      perEpoch.push(await weightValues(run.model));
    };
    const outcome = await fit(run.parts, initialRunState(1));
    expect(outcome.reason).toBe('early-stopped');
    expect(perEpoch).toHaveLength(3);
    expect(perEpoch[2]).not.toEqual(perEpoch[0]);
    expect(await weightValues(run.model)).toEqual(perEpoch[0]);
    const last = run.events.filter((e) => e.type === 'epoch').at(-1);
    expect(last?.type === 'epoch' && last.bestEpoch).toBe(1);
    run.dispose();
  });
});

describe('divergence', () => {
  // SGD at lr 1e3 does not reach NaN here: the clipped cross-entropy saturates at ≈12.6 with zero
  // gradient. Lion's decoupled decay multiplies weights by (1 − lr·λ) = −99 per step, which
  // overflows float32 within ~20 steps, after the first epoch.
  test('Lion at lr 1e3 stops with the advice and keeps the weights of the last completed epoch', async () => {
    const run = await setUp(config({ epochs: 4, batchSize: 32, optimizer: { ...defaultOptimizer('lion'), learningRate: 1e3 } }), 1);
    const perEpoch: number[][][] = [];
    run.parts.onEpochEnd = async () => {
      perEpoch.push(await weightValues(run.model));
    };
    const outcome = await fit(run.parts, initialRunState(1));
    expect(outcome.reason).toBe('diverged');
    expect(perEpoch.length).toBeGreaterThanOrEqual(1);
    expect(outcome.message).toContain(`The weights from the end of epoch ${perEpoch.length} (the last checkpoint) were kept`);
    expect(outcome.message).toContain('Try a learning rate of 100 or lower');
    expect(await weightValues(run.model)).toEqual(perEpoch.at(-1));
    run.dispose();
  });
});

describe('checkpoint and resume', () => {
  test('continuing from an epoch-1 checkpoint gives the same curve as an uninterrupted run', async () => {
    const cfg = config({ epochs: 3, optimizer: { name: 'adamw', learningRate: 0.01 }, schedule: { base: { kind: 'cosine', minFactor: 0.1 }, warmupEpochs: 1 } });
    const full = await setUp(cfg, 5);
    let saved: { state: RunState; weights: tf.Tensor[]; optimizer: Awaited<ReturnType<typeof readOptimizerState>> } | undefined;
    full.parts.onEpochEnd = async (state) => {
      if (state.epoch === 1) saved = { state: structuredClone(state), weights: full.model.getWeights().map((w) => w.clone()), optimizer: await readOptimizerState(full.optimizer) };
    };
    await fit(full.parts, initialRunState(5));

    const resumed = await setUp(cfg, 5);
    resumed.model.setWeights(saved!.weights);
    await writeOptimizerState(tf, resumed.optimizer, saved!.optimizer);
    await fit(resumed.parts, saved!.state);
    expect(curve(resumed.events)).toEqual(curve(full.events).slice(1));
    tf.dispose(saved!.weights);
    full.dispose();
    resumed.dispose();
  });
});
