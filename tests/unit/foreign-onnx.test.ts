/**
 * Foreign ONNX files: hand-written graphs (tests/unit/support/onnx-fixtures.ts) run in
 * onnxruntime-web's WASM backend must match the plain-TS reference evaluator within 1e-4, and
 * NetLoom's reader must infer the shapes ONNX Runtime produces and name what it cannot read.
 */
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import pkg from 'onnx-proto';
import { readForeignModel } from '$lib/onnx/foreign/read';
import { normaliseForOrt } from '$lib/onnx/foreign/normalise';
import type { ForeignModel } from '$lib/onnx/foreign/model';
import { F, Fixture, digitClassifier, type Attr } from './support/onnx-fixtures';
import { evaluate, type Tensor } from './support/reference-eval';
import { maxAbsDiff } from '$lib/util/compare';

const TOLERANCE = 1e-4;

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

async function runOrt(bytes: Uint8Array, feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const results = await session.run(Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, new ort.Tensor('float32', t.data, t.dims)])));
    const outputs: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(results)) outputs[name] = { dims: [...t.dims], data: (await t.getData()) as Float32Array };
    return outputs;
  } finally {
    await session.release();
  }
}

function read(bytes: Uint8Array): ForeignModel {
  const result = readForeignModel(bytes);
  if (!result.ok) throw new Error(`reader refused: ${JSON.stringify(result.error)}`);
  return result.model;
}

/**
 * ORT vs reference on a batch of 2, for the file as written and as the app hands it to ORT (window
 * attributes spelled out), and the reader's output shape vs ORT's dims (a named batch read as the fed one).
 */
async function check(f: Fixture, shape: number[], opset = 13): Promise<number> {
  const bytes = f.bytes(opset);
  const feeds = { [f.inputs[0].name]: { dims: shape, data: f.batch(shape) } };
  const ref = evaluate(f, feeds);
  const model = read(bytes);
  let worst = 0;
  for (const file of [bytes, normaliseForOrt(bytes, model)]) {
    const ort = await runOrt(file, feeds);
    for (const out of model.outputs) {
      expect(out.shape.map((d) => (typeof d === 'string' ? shape[0] : d))).toEqual(ort[out.name].dims);
      expect(ref[out.name].dims).toEqual(ort[out.name].dims);
      worst = Math.max(worst, maxAbsDiff(ort[out.name].data, ref[out.name].data));
    }
  }
  return worst;
}

/** One op on an [N, 4, 7, 7] input. */
function single(op: string, attrs: Record<string, Attr> = {}, extra: (f: Fixture) => string[] = () => []): Fixture {
  const f = new Fixture();
  const x = f.input('x', ['N', 4, 7, 7]);
  f.output(f.node(op, [x, ...extra(f)], attrs));
  return f;
}

const X = [2, 4, 7, 7];

const cases: [string, () => Fixture, number[], number?][] = [
  ['Conv pads, strides, dilations', () => single('Conv', { pads: [1, 0, 2, 1], strides: [2, 1], dilations: [1, 2] }, (f) => [f.weight([5, 4, 3, 3]), f.weight([5])]), X],
  ['Conv auto_pad SAME_UPPER, stride 2', () => single('Conv', { auto_pad: 'SAME_UPPER', strides: [2, 2] }, (f) => [f.weight([3, 4, 4, 4]), f.weight([3])]), X],
  ['Conv auto_pad SAME_LOWER', () => single('Conv', { auto_pad: 'SAME_LOWER' }, (f) => [f.weight([3, 4, 2, 2])]), X],
  ['Conv auto_pad VALID, no bias', () => single('Conv', { auto_pad: 'VALID' }, (f) => [f.weight([3, 4, 3, 3])]), X],
  ['depthwise Conv (group = channels, multiplier 2)', () => single('Conv', { group: 4, pads: [1, 1, 1, 1] }, (f) => [f.weight([8, 1, 3, 3]), f.weight([8])]), X],
  ['grouped Conv (group 2)', () => single('Conv', { group: 2, strides: [2, 2] }, (f) => [f.weight([6, 2, 3, 3]), f.weight([6])]), X],
  ['6-channel Conv (the count the /webgpu build gets wrong)', () => {
    const f = new Fixture();
    f.output(f.node('Conv', [f.input('x', ['N', 6, 9, 9]), f.weight([16, 6, 5, 5]), f.weight([16])]));
    return f;
  }, [2, 6, 9, 9]],
  ['BatchNormalization', () => single('BatchNormalization', { epsilon: new F(1e-3) }, (f) => [f.weight([4], 0.5, 1.5), f.weight([4]), f.weight([4]), f.weight([4], 0.2, 2)]), X],
  ['Relu', () => single('Relu'), X],
  ['Clip (ReLU6, bounds from Constant nodes)', () => {
    const f = new Fixture();
    const lo = f.node('Constant', [], { value: { dims: [], data: [0], type: 'float' } });
    const hi = f.node('Constant', [], { value: { dims: [], data: [6], type: 'float' } });
    const x = f.node('Mul', [f.input('x', ['N', 4, 7, 7]), f.floats([4])]);
    f.output(f.node('Clip', [x, lo, hi]));
    return f;
  }, X],
  ['Clip opset 6 (bounds as attributes)', () => single('Clip', { min: new F(-0.5), max: new F(0.7) }), X, 6],
  ['LeakyRelu', () => single('LeakyRelu', { alpha: new F(0.2) }), X],
  ['Sigmoid', () => single('Sigmoid'), X],
  ['Tanh', () => single('Tanh'), X],
  ['HardSwish', () => single('HardSwish', {}, () => []), X, 14],
  ['MaxPool pads and strides', () => single('MaxPool', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }), X],
  ['MaxPool ceil_mode, dilations', () => single('MaxPool', { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1, dilations: [1, 1] }), X],
  ['AveragePool pads, padding not counted', () => single('AveragePool', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }), X],
  ['AveragePool count_include_pad', () => single('AveragePool', { kernel_shape: [3, 3], pads: [1, 1, 1, 1], count_include_pad: 1 }), X],
  ['AveragePool auto_pad SAME_UPPER', () => single('AveragePool', { kernel_shape: [2, 2], strides: [2, 2], auto_pad: 'SAME_UPPER' }), X],
  ['GlobalAveragePool', () => single('GlobalAveragePool'), X],
  ['Flatten', () => single('Flatten', { axis: 1 }), X],
  ['Reshape with 0 and -1', () => single('Reshape', {}, (f) => [f.int64s([0, -1, 7])]), X],
  ['Gemm transB, alpha, beta', () => {
    const f = new Fixture();
    const h = f.node('Flatten', [f.input('x', ['N', 4, 7, 7])]);
    f.output(f.node('Gemm', [h, f.weight([10, 196]), f.weight([10])], { transB: 1, alpha: new F(0.5), beta: new F(2) }));
    return f;
  }, X],
  ['Gemm transA', () => {
    const f = new Fixture();
    f.output(f.node('Gemm', [f.input('x', [6, 3]), f.weight([6, 5]), f.weight([1, 5])], { transA: 1 }));
    return f;
  }, [6, 3]],
  ['MatMul (batched by 2-D)', () => single('MatMul', {}, (f) => [f.weight([7, 3])]), X],
  ['Add: a residual block', () => {
    const f = new Fixture();
    const x = f.input('x', ['N', 4, 7, 7]);
    const h = f.node('Relu', [f.node('Conv', [x, f.weight([4, 4, 3, 3], -0.3, 0.3), f.weight([4])], { pads: [1, 1, 1, 1] })]);
    f.output(f.node('Add', [x, h]));
    return f;
  }, X],
  ['Mul: per-channel scale broadcast', () => single('Mul', {}, (f) => [f.weight([1, 4, 1, 1])]), X],
  ['Concat of two branches', () => {
    const f = new Fixture();
    const x = f.input('x', ['N', 4, 7, 7]);
    const a = f.node('Conv', [x, f.weight([3, 4, 1, 1])]);
    const b = f.node('MaxPool', [x], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
    f.output(f.node('Concat', [a, b], { axis: 1 }));
    return f;
  }, X],
  ['Softmax over channels', () => single('Softmax', { axis: 1 }), X],
  ['Dropout (inference)', () => single('Dropout'), X],
  ['Transpose to NHWC', () => single('Transpose', { perm: [0, 2, 3, 1] }), X],
  ['Identity', () => single('Identity'), X],
  ['Constant added to the input', () => {
    const f = new Fixture();
    const c = f.node('Constant', [], { value: { dims: [4, 1, 1], data: [0.5, -1, 2, 3], type: 'float' } });
    f.output(f.node('Add', [f.input('x', ['N', 4, 7, 7]), c]));
    return f;
  }, X],
  ['a digit classifier (Conv, BN, pools, Gemm, Softmax)', () => digitClassifier(), [2, 1, 28, 28]],
];

describe('ONNX Runtime (WASM) vs the plain-TS reference on hand-written graphs', () => {
  for (const [name, make, shape, opset] of cases) {
    it(name, async () => {
      expect(await check(make(), shape, opset)).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

describe('the file as ONNX Runtime is given it', () => {
  it('spells out every window attribute and resolves auto_pad into pads (ORT WebGPU needs dilations and gets auto_pad wrong)', () => {
    const f = single('Conv', { auto_pad: 'SAME_UPPER', strides: [2, 2] }, (g) => [g.weight([3, 4, 4, 4])]);
    const bytes = f.bytes();
    const [conv] = pkg.onnx.ModelProto.decode(normaliseForOrt(bytes, read(bytes))).graph!.node!;
    const attrs = Object.fromEntries(conv.attribute!.map((a) => [a.name, a.ints!.map(Number)]));
    // 7 wide, stride 2 → 4 outputs; a 4-tap kernel needs 3 + 4 − 7 = 3 pads: 1 before, 2 after (SAME_UPPER).
    expect(attrs).toEqual({ kernel_shape: [4, 4], strides: [2, 2], dilations: [1, 1], pads: [1, 1, 2, 2] });
  });
});
