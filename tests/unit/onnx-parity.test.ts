/**
 * The exported ONNX model must compute what the tfjs model computes. Each case builds a spec in
 * tfjs (cpu backend), exports it, runs it with onnxruntime-web's WASM backend and compares.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import pkg, { type onnx as proto } from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, readWeights, writeWeights } from '$workers/model/build-model';
import { exportOnnx } from '$lib/onnx/export';
import { nhwcToNchw } from '$lib/onnx/layout';
import { onnxParity, randomiseStats } from './support/parity';
import { ACTIVATIONS } from '$lib/spec/layers';
import type { ActivationName, GraphSpec, LayerParamsByKind } from '$lib/spec/types';
import { graph, input, node } from './support/spec-builder';

const { onnx } = pkg;
const TOLERANCE = 1e-4;
const BATCH = 3;

const conv = (id: string, params: Partial<LayerParamsByKind['Conv2D']> = {}, inputs?: string[]) =>
  node(id, 'Conv2D', { activation: 'linear', ...params }, inputs);

const deltas: Record<string, number> = {};

/** Max |tfjs − onnxruntime| over a random batch, both outputs in Keras (channels-last) order. */
async function parity(spec: GraphSpec): Promise<number> {
  const { maxDelta, tfjsShape, onnxDims } = await onnxParity(spec, BATCH);
  expect(onnxDims).toEqual(tfjsShape.length === 4 ? [tfjsShape[0], tfjsShape[3], tfjsShape[1], tfjsShape[2]] : tfjsShape);
  deltas[spec.name] = maxDelta;
  return maxDelta;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
});

afterAll(() => {
  console.table(Object.entries(deltas).map(([model, maxDelta]) => ({ model, maxDelta })));
});

const cases: GraphSpec[] = [
  graph('conv same + relu + maxpool + flatten + dense softmax', [
    input(11, 11, 3),
    conv('conv', { filters: 4, activation: 'relu' }),
    node('pool', 'MaxPool2D'),
    node('flat', 'Flatten'),
    node('dense', 'Dense', { units: 5, activation: 'softmax' }),
  ]),
  graph('conv valid stride 2', [input(13, 13, 2), conv('conv', { filters: 3, padding: 'valid', strides: 2 })]),
  graph('conv same stride 2, even input (pad at end only)', [input(12, 12, 2), conv('conv', { filters: 3, strides: 2 })]),
  graph('conv same, even kernel 4', [input(9, 9, 2), conv('conv', { filters: 3, kernelSize: 4 })]),
  graph('conv same dilation 2', [input(10, 10, 2), conv('conv', { filters: 3, dilation: 2 })]),
  graph('conv without bias', [input(8, 8, 2), conv('conv', { filters: 3, useBias: false })]),
  graph('depthwise same, multiplier 2', [input(9, 9, 3), node('dw', 'DepthwiseConv2D', { depthMultiplier: 2, activation: 'relu6' })]),
  graph('depthwise valid stride 2, no bias', [
    input(11, 11, 3),
    node('dw', 'DepthwiseConv2D', { strides: 2, padding: 'valid', useBias: false, activation: 'linear' }),
  ]),
  graph('separable same stride 2, multiplier 2', [
    input(10, 10, 3),
    node('sep', 'SeparableConv2D', { filters: 5, depthMultiplier: 2, strides: 2, activation: 'leakyRelu' }),
  ]),
  graph('maxpool same 2/2, odd input (pad at end only)', [input(9, 9, 2), node('pool', 'MaxPool2D', { padding: 'same' })]),
  graph('avgpool same 3/2, even input (padding not counted)', [
    input(10, 10, 2),
    node('pool', 'AvgPool2D', { poolSize: 3, strides: 2, padding: 'same' }),
  ]),
  graph('avgpool valid 2/2', [input(9, 9, 2), node('pool', 'AvgPool2D')]),
  graph('global average pooling', [input(7, 5, 4), node('gap', 'GlobalAveragePooling2D')]),
  graph('batchnorm on images', [input(6, 6, 4), node('bn', 'BatchNormalization', { epsilon: 0.01 })]),
  graph('batchnorm on vectors', [input(4, 4, 2), node('flat', 'Flatten'), node('bn', 'BatchNormalization')]),
  graph('dropout is identity at inference', [input(5, 5, 2), conv('conv', { filters: 2 }), node('drop', 'Dropout', { rate: 0.5 })]),
  graph('output is the input (dropout only)', [input(4, 4, 2), node('drop', 'Dropout')]),
  graph('dense without bias', [input(4, 4, 2), node('flat', 'Flatten'), node('dense', 'Dense', { units: 6, useBias: false, activation: 'tanh' })]),
  graph('dense on an image (per pixel)', [input(5, 4, 3), node('dense', 'Dense', { units: 6, activation: 'linear' })]),
  graph('zero padding 2', [input(5, 6, 2), node('pad', 'ZeroPadding2D', { padding: 2 }), conv('conv', { filters: 2, padding: 'valid' })]),
  graph('upsampling ×2', [input(4, 5, 2), node('up', 'UpSampling2D', { size: 2 })]),
  graph('upsampling ×3', [input(3, 4, 2), conv('conv', { filters: 2 }), node('up', 'UpSampling2D', { size: 3 })]),
  graph('reshape image → vector', [input(4, 4, 3), node('rs', 'Reshape', { targetShape: [48] }), node('dense', 'Dense', { units: 4 })]),
  graph('reshape image → image', [input(6, 4, 2), node('rs', 'Reshape', { targetShape: [4, 3, 4] }), conv('conv', { filters: 2 })]),
  graph('reshape vector → image (with -1)', [
    input(4, 4, 1),
    node('flat', 'Flatten'),
    node('dense', 'Dense', { units: 32 }),
    node('rs', 'Reshape', { targetShape: [4, -1, 2] }),
    conv('conv', { filters: 3 }),
  ]),
  graph('resnet basic block (projection shortcut + batchnorm, Add)', [
    input(8, 8, 3),
    conv('c1', { filters: 8, useBias: false }),
    node('bn1', 'BatchNormalization'),
    node('relu1', 'Activation', { activation: 'relu' }),
    conv('c2', { filters: 8, useBias: false }),
    node('bn2', 'BatchNormalization'),
    conv('proj', { filters: 8, kernelSize: 1, useBias: false }, ['in']),
    node('bn3', 'BatchNormalization'),
    node('add', 'Add', {}, ['bn2', 'bn3']),
    node('relu2', 'Activation', { activation: 'relu' }),
    node('gap', 'GlobalAveragePooling2D'),
    node('dense', 'Dense', { units: 3, activation: 'softmax' }),
  ]),
  graph('concatenate images (channel axis)', [
    input(7, 7, 2),
    conv('a', { filters: 4, activation: 'relu' }),
    conv('b', { filters: 3, kernelSize: 1 }, ['in']),
    node('cat', 'Concatenate', {}, ['a', 'b', 'in']),
    conv('mix', { filters: 2 }),
  ]),
  graph('concatenate and add vectors (three-way Add)', [
    input(4, 4, 2),
    node('flat', 'Flatten'),
    node('d1', 'Dense', { units: 5, activation: 'linear' }),
    node('d2', 'Dense', { units: 5, activation: 'elu' }, ['flat']),
    node('d3', 'Dense', { units: 5, activation: 'sigmoid' }, ['flat']),
    node('sum', 'Add', {}, ['d1', 'd2', 'd3']),
    node('cat', 'Concatenate', {}, ['sum', 'd1']),
    node('out', 'Dense', { units: 3, activation: 'softmax' }),
  ]),
  graph('LeNet-5', [
    input(32, 32, 1),
    conv('c1', { filters: 6, kernelSize: 5, padding: 'valid', activation: 'tanh' }),
    node('s2', 'AvgPool2D'),
    conv('c3', { filters: 16, kernelSize: 5, padding: 'valid', activation: 'tanh' }),
    node('s4', 'AvgPool2D'),
    node('flat', 'Flatten'),
    node('f5', 'Dense', { units: 120, activation: 'relu' }),
    node('f6', 'Dense', { units: 84, activation: 'relu' }),
    node('output', 'Dense', { units: 10, activation: 'softmax' }),
  ]),
];

const activationCases = ACTIVATIONS.flatMap((activation: ActivationName) => [
  graph(`activation layer: ${activation}`, [input(5, 5, 3), node('act', 'Activation', { activation })]),
  graph(`fused activation in conv and dense: ${activation}`, [
    input(5, 5, 3),
    conv('conv', { filters: 4, activation }),
    node('flat', 'Flatten'),
    node('dense', 'Dense', { units: 6, activation }),
  ]),
]);

describe('tfjs ↔ ONNX parity', () => {
  it.each([...cases, ...activationCases].map((spec) => [spec.name, spec] as const))('%s', async (_name, spec) => {
    expect(await parity(spec)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('ONNX model metadata', () => {
  it('has opset 17, IR 8, a dynamic batch and NCHW dims, and no auto_pad', async () => {
    const spec = cases[0];
    const model = buildModel(tf, spec, 1);
    const bytes = exportOnnx(spec, await readWeights(model, spec), { producerVersion: '1.2.3' });
    model.dispose();
    const decoded = onnx.ModelProto.decode(bytes);
    expect(decoded.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    expect(Number(decoded.irVersion)).toBe(8);
    expect(decoded.producerVersion).toBe('1.2.3');
    const graph = decoded.graph!;
    const dims = (v: proto.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect(graph.input!.map((v) => [v.name, dims(v)])).toEqual([['input', ['batch', 3, 11, 11]]]);
    expect(graph.output!.map((v) => [v.name, dims(v)])).toEqual([['output', ['batch', 5]]]);
    expect(graph.node!.flatMap((n) => n.attribute!.map((a) => a.name))).not.toContain('auto_pad');
  });
});

describe('tfjs weights', () => {
  const spec = cases.find((s) => s.name.startsWith('resnet'))!;

  it('gives the same initial weights for the same seed, different ones for another', async () => {
    const [a, b, c] = [1, 1, 2].map((seed) => buildModel(tf, spec, seed));
    const [wa, wb, wc] = await Promise.all([a, b, c].map((m) => readWeights(m, spec)));
    [a, b, c].forEach((m) => m.dispose());
    expect(wb).toEqual(wa);
    expect(wc.c1[0].data).not.toEqual(wa.c1[0].data);
  });

  it('round-trips through readWeights and writeWeights', async () => {
    const source = buildModel(tf, spec, 1);
    const original = randomiseStats(await readWeights(source, spec), 5);
    const target = buildModel(tf, spec, 2);
    writeWeights(tf, target, original);
    const copied = await readWeights(target, spec);
    [source, target].forEach((m) => m.dispose());
    expect(Object.keys(copied).sort()).toEqual(['bn1', 'bn2', 'bn3', 'c1', 'c2', 'dense', 'proj']);
    expect(copied).toEqual(original);
    expect(copied.bn1.map((w) => w.name)).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
  });

  it('rejects a weight of the wrong shape', () => {
    const model = buildModel(tf, spec, 1);
    const bad = { dense: [{ name: 'bias', shape: [4], data: new Float32Array(4) }] };
    expect(() => writeWeights(tf, model, bad)).toThrow(/shape/);
    model.dispose();
  });
});

describe('nhwcToNchw', () => {
  it('moves channels in front of the spatial axes', () => {
    // One 2×2 image with 3 channels; value = 100·y + 10·x + c.
    const nhwc = Float32Array.from([0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112]);
    expect([...nhwcToNchw(nhwc, 1, 2, 2, 3)]).toEqual([0, 10, 100, 110, 1, 11, 101, 111, 2, 12, 102, 112]);
  });
});
