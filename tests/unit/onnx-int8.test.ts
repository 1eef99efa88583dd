/**
 * Int8 export: per-channel symmetric weights behind DequantizeLinear. The quantizer's scales are
 * checked against hand-computed values; every preset's int8 model runs in onnxruntime-web (WASM)
 * and predicts what the float model predicts on a fixed batch.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import pkg from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, readWeights } from '$workers/model/build-model';
import { exportOnnx } from '$lib/onnx/export';
import { exportOnnxInt8, quantizeOnnx, quantizePerChannel } from '$lib/onnx/int8';
import { PRESETS, PRESET_IDS } from '$lib/spec/presets';
import { argmaxRows, topOneAgreement } from '$lib/onnx/agreement';
import { maxAbsDiff } from '$lib/util/compare';
import { seededRandom } from '$lib/util/random';

const { onnx } = pkg;
const BATCH = 64;
const CLASSES = 4;

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
});

describe('quantizePerChannel', () => {
  it('gives each output channel (axis 0) the scale max|w| / 127 and rounds to it', () => {
    // Conv-like weight [2 channels, 3]: channel 0 peaks at |-1.27|, channel 1 at 0.254.
    const w = Float32Array.from([0.5, -1.27, 0.2, 0.1, 0.254, -0.002]);
    const { values, scales } = quantizePerChannel(w, [2, 3], 0);
    expect([...scales].map((s) => Number(s.toPrecision(6)))).toEqual([0.01, 0.002]);
    expect([...values]).toEqual([50, -127, 20, 50, 127, -1]);
  });

  it('gives each column its own scale on axis 1 (a Gemm weight [in, out])', () => {
    const w = Float32Array.from([1, -0.254, -2.54, 0.1]);
    const { values, scales } = quantizePerChannel(w, [2, 2], 1);
    expect([...scales].map((s) => Number(s.toPrecision(6)))).toEqual([0.02, 0.002]);
    expect([...values]).toEqual([50, -127, -127, 50]);
  });

  it('keeps an all-zero channel at zero with a usable scale', () => {
    const { values, scales } = quantizePerChannel(new Float32Array(4), [2, 2], 0);
    expect([...scales]).toEqual([1, 1]);
    expect([...values]).toEqual([0, 0, 0, 0]);
  });
});

async function presetModels(id: (typeof PRESET_IDS)[number]) {
  const spec = PRESETS[id](CLASSES);
  const model = buildModel(tf, spec, 7);
  const weights = await readWeights(model, spec);
  model.dispose();
  return { float: exportOnnx(spec, weights), int8: exportOnnxInt8(spec, weights) };
}

async function run(bytes: Uint8Array, x: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const { output } = await session.run({ input: new ort.Tensor('float32', x, [BATCH, 1, 28, 28]) });
  await session.release();
  return output.data as Float32Array;
}

describe('quantizeOnnx', () => {
  it('stores Conv weights per output channel (axis 0) and Gemm weights per column (axis 1), biases stay float', async () => {
    const { int8 } = await presetModels('lenet5');
    const graph = onnx.ModelProto.decode(int8).graph!;
    const byName = new Map(graph.initializer!.map((t) => [t.name, t]));
    const dq = graph.node!.filter((n) => n.opType === 'DequantizeLinear');
    const conv = graph.node!.find((n) => n.opType === 'Conv')!;
    const gemm = graph.node!.find((n) => n.opType === 'Gemm')!;
    const feeding = (name: string) => dq.find((n) => n.output![0] === name)!;
    const axis = (name: string) => feeding(name).attribute!.map((a) => [a.name, Number(a.i)]);
    expect(axis(conv.input![1])).toEqual([['axis', 0]]);
    expect(axis(gemm.input![1])).toEqual([['axis', 1]]);
    const [q, scale, zero] = feeding(conv.input![1]).input!.map((n) => byName.get(n)!);
    expect([q.dataType, scale.dataType, zero.dataType]).toEqual([onnx.TensorProto.DataType.INT8, onnx.TensorProto.DataType.FLOAT, onnx.TensorProto.DataType.INT8]);
    expect(scale.dims!.map(Number)).toEqual([6]);
    expect(byName.has(conv.input![1])).toBe(false);
    expect(byName.get(conv.input![2])!.dataType).toBe(onnx.TensorProto.DataType.FLOAT);
    // 5 weight tensors: conv1, conv2, fc1, fc2, output.
    expect(dq).toHaveLength(5);
  });

  it('leaves a model without weights as it was', () => {
    const spec = PRESETS.tiny(CLASSES);
    const noWeights = { ...spec, nodes: spec.nodes.filter((n) => n.kind === 'Input') };
    const bytes = exportOnnx(noWeights, {});
    expect(onnx.ModelProto.decode(quantizeOnnx(bytes)).graph!.node!.map((n) => n.opType)).toEqual(['Identity']);
  });
});

describe.each(PRESET_IDS)('int8 preset %s', (id) => {
  it('is smaller than the float model and predicts what it predicts on a fixed batch (ORT wasm)', async () => {
    const { float, int8 } = await presetModels(id);
    const next = seededRandom(5);
    const x = Float32Array.from({ length: BATCH * 28 * 28 }, () => next());
    const [expected, actual] = [await run(float, x), await run(int8, x)];
    expect(int8.byteLength).toBeLessThan(float.byteLength);
    expect(topOneAgreement(argmaxRows(actual, CLASSES), argmaxRows(expected, CLASSES))).toBeGreaterThanOrEqual(0.9);
    expect(maxAbsDiff(actual, expected)).toBeLessThan(0.02);
  });
});
