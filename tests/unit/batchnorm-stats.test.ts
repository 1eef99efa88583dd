import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, type PresetId } from '$lib/spec/presets';
import { LAYERS } from '$lib/spec/layers';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerKind, type LayerNode } from '$lib/spec/types';
import { buildModel } from '$workers/model/build-model';
import { defaultSettings, trainRequest } from '$lib/training/client/settings';
import type { TrainEvent } from '$lib/training/shared/protocol';
import { runTraining } from '$workers/training/run';
import { RunControl } from '$workers/training/control';
import { recomputeBatchNormStats } from '$workers/training/batchnorm-stats';
import { onnxMaxDelta } from './support/parity';
import { feedOf } from './support/feed';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
});

/**
 * Chance is 0.25 on the 4 balanced Shapes classes. Measured (seed 1, 3 epochs, 400 samples, 80
 * validation images): MobileNet-tiny 0.75, ResNet-tiny 1.00; before the statistics were
 * recomputed both scored 0.2625, every image given one class.
 */
const MIN_VAL_ACC = 0.6;

/**
 * Every preset's accuracy after a short run is checked in the browser (tests/e2e/presets.e2e.ts, on
 * the wasm backend). Here one BatchNorm preset checks what the browser cannot see: the exported
 * statistics and the flat tensor count.
 */
const BATCHNORM_PRESETS: PresetId[] = ['mobilenet'];

/** MobileNet-tiny's 30 steps take ~30 s on tfjs-cpu in Node, several times that on a busy machine. */
const TRAIN_TIMEOUT_MS = 300_000;

type Epoch = Extract<TrainEvent, { type: 'epoch' }>;

/** The app's own run with its default settings, shortened to 3 epochs on 400 samples. */
async function trainPreset(id: PresetId) {
  const settings = defaultSettings();
  settings.samples = 400;
  settings.config.epochs = 3;
  const spec = PRESETS[id](4);
  const events: TrainEvent[] = [];
  const request = { ...trainRequest(spec, settings), checkpoints: false };
  const result = await runTraining(tf, request, undefined, new RunControl(), (e) => events.push(e));
  const epochs = events.filter((e): e is Epoch => e.type === 'epoch');
  return { ...result, spec, epochs };
}

describe('a BatchNorm preset learns Shapes in a short run (3 epochs, 400 samples, cpu)', () => {
  it.each(BATCHNORM_PRESETS)('%s: validation accuracy well above chance, the ONNX export agrees, no tensors leak', async (id) => {
    const { model, val, spec, outcome, epochs } = await trainPreset(id);
    expect(outcome.reason).toBe('completed');
    expect(epochs.at(-1)!.valAcc).toBeGreaterThanOrEqual(MIN_VAL_ACC);
    expect(new Set(epochs.map((e) => e.numTensors)).size).toBe(1);

    // The export carries the statistics validation used: same outputs in ORT as in tfjs.
    const n = 16;
    const images = await val.read(Array.from({ length: n }, (_, i) => i));
    expect(await onnxMaxDelta(model, spec, images, n)).toBeLessThanOrEqual(1e-4);
    model.dispose();
  }, TRAIN_TIMEOUT_MS);
});

describe('recomputed BatchNorm statistics', () => {
  const node = (id: string, kind: LayerKind, params: object, inputs: string[]) =>
    ({ id, kind, params: { ...LAYERS[kind].defaults, ...params }, inputs }) as LayerNode;
  /** Conv → Dropout → BN: the statistics must be those of the conv output with dropout off. */
  const spec: GraphSpec = {
    format: SPEC_FORMAT,
    version: SPEC_VERSION,
    name: 'bn-probe',
    nodes: [
      node('input', 'Input', { height: 6, width: 6, channels: 2 }, []),
      node('conv', 'Conv2D', { filters: 3, activation: 'linear' }, ['input']),
      node('drop', 'Dropout', { rate: 0.5 }, ['conv']),
      node('bn', 'BatchNormalization', {}, ['drop']),
      node('flatten', 'Flatten', {}, ['bn']),
      node('output', 'Dense', { units: 2, activation: 'softmax' }, ['flatten']),
    ],
  };

  it('past the sample bound, come from images spread over the whole set, not its first ones', async () => {
    const model = buildModel(tf, spec, 3);
    // Stored "class by class": the first half of the images is far from the second half.
    const xs = tf.concat([tf.fill([40, 6, 6, 2], -3), tf.fill([40, 6, 6, 2], 5)]) as tf.Tensor4D;
    const data = await feedOf(tf, xs);
    const [kernel, bias] = model.getLayer('conv').getWeights();
    // 20 of 80 images: every fourth one, so both halves count equally.
    const byHand = tf.tidy(() => {
      const picked = tf.gather(xs, Array.from({ length: 20 }, (_, k) => 4 * k));
      const conv = tf.add(tf.conv2d(picked as tf.Tensor4D, kernel as tf.Tensor4D, 1, 'same'), bias);
      return tf.mean(conv, [0, 1, 2]);
    });

    await recomputeBatchNormStats(tf, model, data, 8, 20);

    const [, , movingMean] = model.getLayer('bn').getWeights();
    const [want, got] = await Promise.all([byHand, movingMean].map(async (t) => Array.from(await t.data())));
    got.forEach((m, i) => expect(m).toBeCloseTo(want[i], 4));
    tf.dispose(byHand);
    data.dispose();
    xs.dispose();
    model.dispose();
  });

  it('equal the mean and (population) variance of the layer input over every sample, computed by hand', async () => {
    const model = buildModel(tf, spec, 3);
    // 40 samples in batches of 16: the last batch is smaller, so batches must be weighted by size.
    const xs = tf.randomNormal([40, 6, 6, 2], 1.5, 2, 'float32', 9) as tf.Tensor4D;
    const data = await feedOf(tf, xs);
    const [kernel, bias] = model.getLayer('conv').getWeights();
    const byHand = tf.tidy(() => {
      const conv = tf.add(tf.conv2d(xs, kernel as tf.Tensor4D, 1, 'same'), bias);
      const mean = tf.mean(conv, [0, 1, 2]);
      return [mean, tf.mean(tf.square(tf.sub(conv, mean)), [0, 1, 2])];
    });
    const before = tf.memory().numTensors;

    await recomputeBatchNormStats(tf, model, data, 16);

    expect(tf.memory().numTensors).toBe(before);
    const [, , movingMean, movingVariance] = model.getLayer('bn').getWeights();
    const [mean, variance] = await Promise.all(byHand.map(async (t) => Array.from(await t.data())));
    const [gotMean, gotVariance] = await Promise.all([movingMean, movingVariance].map(async (t) => Array.from(await t.data())));
    expect(Math.max(...variance)).toBeGreaterThan(1);
    gotMean.forEach((m, i) => expect(m).toBeCloseTo(mean[i], 4));
    gotVariance.forEach((v, i) => expect(v).toBeCloseTo(variance[i], 3));
    tf.dispose(byHand);
    data.dispose();
    xs.dispose();
    model.dispose();
  });
});
