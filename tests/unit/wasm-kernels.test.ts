import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '$workers/devices/wasm-kernels';
import { buildModel } from '$workers/model/build-model';
import { toDevice } from '$workers/datasets/device-feed';
import { memorySource } from '$workers/datasets/source';
import { splitDataset } from '$lib/datasets/shared/dataset';
import { generateShapes } from '$lib/datasets/shared/shapes';
import { fit } from '$workers/training/fit';
import { RunControl } from '$workers/training/control';
import { createOptimizer } from '$workers/training/optimizers';
import { outputLoss } from '$workers/training/output';
import { initialRunState } from '$workers/training/run-state';
import { DEFAULT_TRAINING, type TrainingConfig } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT } from '$lib/training/shared/augment';
import { PRESETS, PRESET_IDS, type PresetId } from '$lib/spec/presets';
import type { TrainEvent } from '$lib/training/shared/protocol';

beforeAll(async () => {
  setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** Deterministic values in [-1, 1): the same inputs on both backends. */
function values(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

async function on(backend: 'cpu' | 'wasm', run: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(run);
  const data = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(out);
  return data;
}

/** max |a − b| over max |b|: the relative error of a whole gradient. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

async function expectSameGradients(run: () => tf.Tensor[]): Promise<void> {
  const [wasm, cpu] = [await on('wasm', run), await on('cpu', run)];
  expect(wasm.map((g) => g.length)).toEqual(cpu.map((g) => g.length));
  for (let i = 0; i < cpu.length; i++) expect(relativeError(wasm[i], cpu[i])).toBeLessThanOrEqual(1e-4);
}

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
interface Case {
  batch: number;
  size: [number, number];
  channels: number;
  filter: number;
  stride: number;
  pad: Pad;
}

const CASES: Case[] = [
  { batch: 1, size: [7, 9], channels: 3, filter: 3, stride: 1, pad: 'same' },
  { batch: 3, size: [7, 9], channels: 3, filter: 3, stride: 1, pad: 'valid' },
  { batch: 3, size: [9, 7], channels: 2, filter: 3, stride: 2, pad: 'same' },
  { batch: 1, size: [9, 7], channels: 2, filter: 3, stride: 2, pad: 'valid' },
  { batch: 3, size: [8, 8], channels: 4, filter: 3, stride: 2, pad: 'same' },
  { batch: 3, size: [8, 10], channels: 2, filter: 5, stride: 2, pad: 'valid' },
  { batch: 1, size: [6, 5], channels: 3, filter: 1, stride: 2, pad: 'same' },
  { batch: 3, size: [11, 11], channels: 2, filter: 5, stride: 1, pad: 'same' },
  { batch: 3, size: [7, 8], channels: 2, filter: 3, stride: 2, pad: 1 },
  { batch: 1, size: [9, 6], channels: 3, filter: 3, stride: 1, pad: [[0, 0], [2, 0], [1, 2], [0, 0]] },
];
/** it.each rows: a readable name, then the case. */
const rows = (cases: Case[]) => cases.map((c): [string, Case] => [`batch ${c.batch}, ${c.size.join('×')}×${c.channels}, ${c.filter}×${c.filter} filter, stride ${c.stride}, pad ${JSON.stringify(c.pad)}`, c]);

/** Σ (conv output · fixed weights): a loss whose dy is not all ones, so each output position counts differently. */
function weightedSum(y: tf.Tensor): tf.Scalar {
  return tf.sum(tf.mul(y, values(y.shape, 99)));
}

describe('wasm gradient kernels match the cpu backend', () => {
  it.each(rows(CASES))('conv2d: %s', async (_name, c) => {
    await expectSameGradients(() => {
      const x = values([c.batch, ...c.size, c.channels], 1) as tf.Tensor4D;
      const f = values([c.filter, c.filter, c.channels, 5], 2) as tf.Tensor4D;
      return tf.grads((a, b) => weightedSum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad)))([x, f]);
    });
  });

  describe.each([1, 2])('depthwise multiplier %i', (multiplier) => {
    it.each(rows(CASES))('depthwiseConv2d: %s', async (_name, c) => {
      await expectSameGradients(() => {
        const x = values([c.batch, ...c.size, c.channels], 3) as tf.Tensor4D;
        const f = values([c.filter, c.filter, c.channels, multiplier], 4) as tf.Tensor4D;
        return tf.grads((a, b) => weightedSum(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad)))([x, f]);
      });
    });
  });

  it.each(rows(CASES.filter((c) => c.stride === 1 && typeof c.pad === 'string')))('separableConv2d: %s', async (_name, c) => {
    await expectSameGradients(() => {
      const x = values([c.batch, ...c.size, c.channels], 5) as tf.Tensor4D;
      const depth = values([c.filter, c.filter, c.channels, 2], 6) as tf.Tensor4D;
      const point = values([1, 1, c.channels * 2, 4], 7) as tf.Tensor4D;
      return tf.grads((a, d, p) => weightedSum(tf.separableConv2d(a as tf.Tensor4D, d as tf.Tensor4D, p as tf.Tensor4D, c.stride, c.pad as 'same' | 'valid')))([x, depth, point]);
    });
  });
});

/** [fh, fw, c, m] → [2fh − 1, 2fw − 1, c, m] with zeros between taps: a dilation-2 filter as a plain one. */
function dilateBy2(f: tf.Tensor4D): tf.Tensor4D {
  const [fh, fw, c, m] = f.shape;
  const spaced: tf.Tensor4D = tf.reshape(tf.pad(tf.reshape(f, [fh, 1, fw, 1, c, m]), [[0, 0], [0, 1], [0, 0], [0, 1], [0, 0], [0, 0]]), [2 * fh, 2 * fw, c, m]);
  return tf.slice(spaced, [0, 0, 0, 0], [2 * fh - 1, 2 * fw - 1, c, m]);
}

/**
 * tfjs refuses gradients of dilated convolutions (and its cpu backprop kernels ignore dilations), so
 * the wasm kernels run directly with dilation 2 and the reference is the cpu gradient of the same
 * convolution written with a zero-spaced filter.
 */
describe.each([1, 2])('wasm depthwise backprop kernels with dilation 2, multiplier %i', (multiplier) => {
  it.each(rows(CASES.filter((c) => c.stride === 1)))('%s', async (_name, c) => {
    const inputs = () => {
      const x = values([c.batch, ...c.size, c.channels], 8) as tf.Tensor4D;
      const f = values([c.filter, c.filter, c.channels, multiplier], 9) as tf.Tensor4D;
      const dy = values(tf.depthwiseConv2d(x, dilateBy2(f), 1, c.pad).shape, 10);
      return { x, f, dy };
    };
    const wasm = await on('wasm', () => {
      const { x, f, dy } = inputs();
      const attrs = { strides: 1, dilations: 2, pad: c.pad, dimRoundingMode: undefined };
      return [
        tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter: f }, { ...attrs, inputShape: x.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
        tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: f.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      ];
    });
    const cpu = await on('cpu', () => {
      const { x, f, dy } = inputs();
      return tf.grads((a, b) => tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, dilateBy2(b as tf.Tensor4D), 1, c.pad), dy)))([x, f]);
    });
    for (let i = 0; i < cpu.length; i++) expect(relativeError(wasm[i], cpu[i])).toBeLessThanOrEqual(1e-4);
  });
});

/** One small epoch (12 training samples: two steps of 8 and 4) of a preset on Shapes with a fixed seed: the epoch's train and validation loss, and the tensors left behind. */
async function trainOneEpoch(backend: 'cpu' | 'wasm', preset: PresetId): Promise<{ losses: number[]; leaked: number }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const spec = PRESETS[preset](4);
  const config: TrainingConfig = { ...structuredClone(DEFAULT_TRAINING), epochs: 1, batchSize: 8, optimizer: { name: 'adam', learningRate: 0.01 } };
  const { train, val } = splitDataset(generateShapes({ count: 16, seed: 3 }), 0.25);
  const model = buildModel(tf, spec, 5);
  const optimizer = createOptimizer(tf, config.optimizer);
  const [trainData, valData] = await Promise.all([train, val].map((d) => toDevice(tf, memorySource(d))));
  const events: TrainEvent[] = [];
  await fit(
    {
      tf,
      model,
      optimizer,
      loss: outputLoss(tf, spec, { labelSmoothing: 0 }),
      valLoss: outputLoss(tf, spec, { labelSmoothing: 0 }),
      train: trainData,
      val: valData,
      config,
      augment: DEFAULT_AUGMENT,
      control: new RunControl(),
      emit: (e) => events.push(e),
      best: null,
    },
    initialRunState(5),
  );
  [model, optimizer, trainData, valData].forEach((d) => d.dispose());
  const losses = events.flatMap((e) => (e.type === 'epoch' ? [e.trainLoss, e.valLoss] : []));
  return { losses, leaked: tf.memory().numTensors - before };
}

describe('every preset trains on wasm like on cpu', () => {
  it.each(PRESET_IDS)('%s: one epoch, same seed, same losses', async (preset) => {
    const wasm = await trainOneEpoch('wasm', preset);
    const cpu = await trainOneEpoch('cpu', preset);
    expect(wasm.losses).toHaveLength(2);
    expect(wasm.losses.every(Number.isFinite)).toBe(true);
    for (let i = 0; i < cpu.losses.length; i++) expect(Math.abs(wasm.losses[i] - cpu.losses[i])).toBeLessThanOrEqual(1e-3 * Math.abs(cpu.losses[i]));
    expect(wasm.leaked).toBe(0);
  });
});
