import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '$workers/model/build-model';
import { inspectModel } from '$workers/inspect/inspect-model';
import { gradCamLayer } from '$workers/inspect/grad-cam-layer';
import { classScores, runGraph } from '$workers/inspect/run-graph';
import { topologicalOrder } from '$lib/spec/graph';
import { resizeBilinear } from '$lib/training/shared/grad-cam';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import { SPEC_FORMAT, SPEC_VERSION, type ActivationName, type GraphSpec } from '$lib/spec/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Input 3×3×1 → conv (2 filters 2×2, valid, linear) → global average pool → dense 2. */
function tinySpec(activation: ActivationName): GraphSpec {
  return {
    format: SPEC_FORMAT,
    version: SPEC_VERSION,
    name: 'tiny',
    nodes: [
      { id: 'input', kind: 'Input', params: { height: 3, width: 3, channels: 1 }, inputs: [] },
      {
        id: 'conv',
        kind: 'Conv2D',
        params: { filters: 2, kernelSize: 2, strides: 1, padding: 'valid', dilation: 1, activation: 'linear', useBias: true },
        inputs: ['input'],
      },
      { id: 'gap', kind: 'GlobalAveragePooling2D', params: {}, inputs: ['conv'] },
      { id: 'dense', kind: 'Dense', params: { units: 2, activation, useBias: true }, inputs: ['gap'] },
    ],
  };
}

/** Filter 0 = [[1, 0], [0, 1]], filter 1 = [[0, 1], [-1, 0]] (HWIO); dense W = [[1, -1], [2, 0.5]], b = [0.1, -0.2]. */
function tinyModel(activation: ActivationName): tf.LayersModel {
  const model = buildModel(tf, tinySpec(activation));
  model.getLayer('conv').setWeights([tf.tensor4d([1, 0, 0, 1, 0, -1, 1, 0], [2, 2, 1, 2]), tf.zeros([2])]);
  model.getLayer('dense').setWeights([tf.tensor2d([1, -1, 2, 0.5], [2, 2]), tf.tensor1d([0.1, -0.2])]);
  return model;
}

const IMAGE = Float32Array.from([1, 2, 0, 0, 1, 3, 2, 0, 1]);

/*
 * By hand: A0(i,j) = x[i][j] + x[i+1][j+1] = [[2, 5], [0, 2]]; A1(i,j) = x[i][j+1] − x[i+1][j] = [[2, −1], [−1, 3]].
 * y_c = Σ_k W[k][c]·mean(A_k) + b_c, so ∂y_c/∂A_k(i,j) = W[k][c]/4 and α = W[·][c]/4.
 * Class 0: α = [1/4, 1/2]: ReLU(A0/4 + A1/2) = [[1.5, 0.75], [0, 2]]. Bilinear 2×2 → 3×3 with half-pixel
 * centres keeps the corners, averages the edges, and the centre is the mean of all four:
 * [[1.5, 1.125, 0.75], [0.75, 1.0625, 1.375], [0, 1, 2]], divided by its maximum 2.
 * Class 1: α = [−1/4, 1/8]: −A0/4 + A1/8 is negative everywhere, so the map is all zero.
 * Logits: mean A = [2.25, 0.75] → y = [3.85, −2.075], class 0 predicted.
 */
const HAND_MAP = [0.75, 0.5625, 0.375, 0.375, 0.53125, 0.6875, 0, 0.5, 1];

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e)).toBeLessThanOrEqual(tolerance));
}

describe('Grad-CAM on a tiny model', () => {
  it('gives the hand-computed map for the predicted class, whether the model ends in softmax or logits', async () => {
    for (const activation of ['softmax', 'linear'] as const) {
      const model = tinyModel(activation);
      const result = await inspectModel(tf, model, tinySpec(activation), IMAGE);
      expect(result.predicted).toBe(0);
      const e0 = Math.exp(3.85);
      const e1 = Math.exp(-2.075);
      expectClose(result.probabilities, [e0 / (e0 + e1), e1 / (e0 + e1)]);
      expect(result.gradCam?.layer).toBe('conv');
      expect(result.gradCam?.classIndex).toBe(0);
      expectClose(result.gradCam!.map, HAND_MAP);
      model.dispose();
    }
  });

  it('explains a chosen class: one with no positive evidence gives an all-zero map', async () => {
    const model = tinyModel('softmax');
    const result = await inspectModel(tf, model, tinySpec('softmax'), IMAGE, 1);
    expect(result.gradCam?.classIndex).toBe(1);
    expectClose(result.gradCam!.map, new Array(9).fill(0));
    model.dispose();
  });

  it('shows the conv layer’s maps each on its own range and the filters on one shared scale', async () => {
    const model = tinyModel('softmax');
    const { layers, filters } = await inspectModel(tf, model, tinySpec('softmax'), IMAGE);
    // The pooled output is a vector, not an image: only the conv layer has maps.
    expect(layers.map((l) => l.id)).toEqual(['conv']);
    const [conv] = layers;
    expect([conv.height, conv.width, conv.channels, conv.shown]).toEqual([2, 2, 2, 2]);
    expect([...conv.min]).toEqual([0, -1]);
    expect([...conv.max]).toEqual([5, 3]);
    // A0 = [2, 5, 0, 2] over 0..5; A1 = [2, −1, −1, 3] over −1..3.
    expect([...conv.maps]).toEqual([102, 255, 0, 102, 191, 0, 0, 255]);
    expect(filters).toMatchObject({ id: 'conv', size: 2, channels: 1, count: 2, shown: 2, min: -1, max: 1 });
    expect([...filters!.pixels]).toEqual([255, 128, 128, 255, 128, 255, 0, 128]);
    model.dispose();
  });

  it('leaves no tensor behind, call after call', async () => {
    const model = buildModel(tf, PRESETS.resnet(4), 1);
    const image = Float32Array.from({ length: 28 * 28 }, (_, i) => (i % 29) / 29);
    await inspectModel(tf, model, PRESETS.resnet(4), image);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await inspectModel(tf, model, PRESETS.resnet(4), image, i);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('the layer Grad-CAM weights', () => {
  const pick = (spec: GraphSpec): string | undefined => {
    const topo = topologicalOrder(spec);
    if (!topo.ok) throw new Error('cycle');
    const model = buildModel(tf, spec);
    const layer = gradCamLayer(topo.order, spec, (id) => model.getLayer(id).outputShape.length === 4)?.id;
    model.dispose();
    return layer;
  };

  it('is the last conv block’s output that no skip connection goes around, never a pooling layer', () => {
    expect(pick(defaultSpec(4))).toBe('conv1');
    expect(pick(PRESETS.lenet5(4))).toBe('conv2');
    expect(pick(PRESETS.mobilenet(4))).toBe('pw2_relu6');
    const resnet = PRESETS.resnet(4);
    const last = resnet.nodes.filter((n) => n.kind === 'Activation').at(-1)!.id;
    expect(pick(resnet)).toBe(last);
    expect(pick(PRESETS.mlp(4))).toBeUndefined();
  });
});

describe('bilinear resize with half-pixel centres', () => {
  it('matches tf.image.resizeBilinear', async () => {
    const map = Float32Array.from({ length: 12 }, (_, i) => (i * 7) % 5);
    const expected = tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(map, [3, 4, 1]), [7, 5], false, true));
    const values = Array.from(await expected.data());
    expected.dispose();
    expectClose(resizeBilinear(map, 3, 4, 7, 5), values);
  });
});

describe('the node-by-node pass Grad-CAM differentiates', () => {
  /** input → stem conv → (branch conv, and a skip around it) → Add → GAP → dense: the branch conv is not on every path. */
  function residualSpec(): GraphSpec {
    const conv = (id: string, input: string) => ({
      id,
      kind: 'Conv2D' as const,
      params: { filters: 2, kernelSize: 3, strides: 1, padding: 'same' as const, dilation: 1, activation: 'tanh' as const, useBias: true },
      inputs: [input],
    });
    return {
      format: SPEC_FORMAT,
      version: SPEC_VERSION,
      name: 'residual',
      nodes: [
        { id: 'input', kind: 'Input', params: { height: 4, width: 4, channels: 1 }, inputs: [] },
        conv('stem', 'input'),
        conv('branch', 'stem'),
        { id: 'add', kind: 'Add', params: {}, inputs: ['branch', 'stem'] },
        { id: 'gap', kind: 'GlobalAveragePooling2D', params: {}, inputs: ['add'] },
        { id: 'dense', kind: 'Dense', params: { units: 3, activation: 'softmax', useBias: true }, inputs: ['gap'] },
      ],
    };
  }

  it('matches model.predict, and its gradient through a branch a skip goes around matches finite differences', async () => {
    const spec = residualSpec();
    const model = buildModel(tf, spec, 4);
    const x = tf.tensor4d(Float32Array.from({ length: 16 }, (_, i) => Math.sin(i)), [1, 4, 4, 1]);
    const predicted = tf.tidy(() => tf.sub(runGraph(model, spec, x).get('dense')!, model.predict(x) as tf.Tensor).abs().max());
    expect((await predicted.data())[0]).toBeLessThan(1e-6);
    predicted.dispose();

    const score = (a: tf.Tensor) => classScores(tf, model, spec, runGraph(model, spec, x, { id: 'branch', value: a }), 'dense').slice([0, 1], [1, 1]).reshape([]);
    const branch = tf.tidy(() => runGraph(model, spec, x).get('branch')!);
    const gradient = tf.tidy(() => tf.grad(score)(branch));
    const analytic = await gradient.data();
    const base = await branch.data();
    const eps = 1e-2;
    for (const i of [0, 5, 17, 30]) {
      const at = (delta: number) => {
        const shifted = base.slice();
        shifted[i] += delta;
        return tf.tidy(() => score(tf.tensor(shifted, branch.shape)));
      };
      const [up, down] = [at(eps), at(-eps)];
      const numeric = ((await up.data())[0] - (await down.data())[0]) / (2 * eps);
      tf.dispose([up, down]);
      expect(Math.abs(analytic[i] - numeric)).toBeLessThan(1e-3);
    }
    tf.dispose([x, branch, gradient]);
    model.dispose();
  });
});
