/**
 * NetLoom's reader of foreign ONNX files: the shapes, sizes, opset, producer and labels it reads,
 * and the one typed error it gives for each kind of file it cannot open.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import pkg from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { readForeignModel } from '$lib/onnx/foreign/read';
import { nodeSources } from '$lib/onnx/foreign/sources';
import type { ForeignError, ForeignModel } from '$lib/onnx/foreign/model';
import { maxAbsDiff } from '$lib/util/compare';
import { Rng } from '$lib/util/random';
import { Fixture, digitClassifier } from './support/onnx-fixtures';
import { TORCH_LENET, hasTorch, runTorch } from './support/torch-export';

const { onnx } = pkg;

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

function model(bytes: Uint8Array): ForeignModel {
  const result = readForeignModel(bytes);
  if (!result.ok) throw new Error(`reader refused: ${JSON.stringify(result.error)}`);
  return result.model;
}

function error(bytes: Uint8Array): ForeignError {
  const result = readForeignModel(bytes);
  if (result.ok) throw new Error('the reader accepted the file');
  return result.error;
}

describe('reading a foreign classifier', () => {
  it('reads inputs, per-node shapes with the named batch, sizes, opset, producer and labels', () => {
    const m = model(digitClassifier().bytes(13));
    expect(m.inputs).toEqual([{ name: 'image', shape: ['batch', 1, 28, 28] }]);
    expect(m.nodes.map((n) => [n.op, n.outputShapes[0]])).toEqual([
      ['Conv', ['batch', 6, 28, 28]],
      ['BatchNormalization', ['batch', 6, 28, 28]],
      ['Relu', ['batch', 6, 28, 28]],
      ['MaxPool', ['batch', 6, 14, 14]],
      ['Conv', ['batch', 8, 10, 10]],
      ['Relu', ['batch', 8, 10, 10]],
      ['MaxPool', ['batch', 8, 5, 5]],
      ['Flatten', ['batch', 200]],
      ['Gemm', ['batch', 10]],
      ['Softmax', ['batch', 10]],
    ]);
    expect(m.outputs[0].shape).toEqual(['batch', 10]);
    expect(m.nodes.map((n) => n.params)).toEqual([156, 24, 0, 0, 1208, 0, 0, 0, 2010, 0]);
    expect(m.parameters).toBe(156 + 24 + 1208 + 2010);
    expect(m.initializers.find((i) => i.dims.join() === '8,6,5,5')).toMatchObject({ type: 'FLOAT', elements: 1200, bytes: 4800 });
    expect(m.opset).toBe(13);
    expect(m.producer).toBe('netloom-fixture 1');
    expect(m.labels?.[7]).toBe('seven');
    expect(m.nodes[0].attributes).toEqual({ pads: [2, 2, 2, 2] });
  });

  it('keeps a batch the file leaves unnamed as N, and carries names through Reshape', () => {
    const f = new Fixture();
    const x = f.input('x', [null, 3, 4, 4]);
    f.output(f.node('Reshape', [f.node('Transpose', [x], { perm: [0, 2, 3, 1] }), f.int64s([-1, 48])]));
    const m = model(f.bytes());
    expect(m.inputs[0].shape).toEqual(['N', 3, 4, 4]);
    expect(m.nodes.map((n) => n.outputShapes[0])).toEqual([
      ['N', 4, 4, 3],
      ['N', 48],
    ]);
    expect(m.parameters).toBe(0);
  });

  it('names what a residual Add and a Concat join (the input and earlier nodes; weights left out)', () => {
    const f = new Fixture();
    const x = f.input('x', ['N', 2, 4, 4]);
    const conv = f.node('Conv', [x, f.weight([2, 2, 3, 3]), f.weight([2])], { pads: [1, 1, 1, 1] });
    const add = f.node('Add', [x, conv]);
    f.output(f.node('Concat', [add, conv, x], { axis: 1 }));
    const m = model(f.bytes());
    const sources = nodeSources(m);
    expect(m.nodes.map((n) => sources.get(n))).toEqual([['x'], ['x', '/layer.0/Conv'], ['/layer.1/Add', '/layer.0/Conv', 'x']]);
    expect(m.nodes[2].outputShapes[0]).toEqual(['N', 6, 4, 4]);
  });

  it('reads class labels written as a Python dict (Ultralytics) or a comma list', () => {
    const f = digitClassifier();
    delete f.metadata.classes;
    f.metadata.names = "{0: 'cat', 1: 'dog', 2: 'bird'}";
    expect(model(f.bytes()).labels).toEqual(['cat', 'dog', 'bird']);
    delete f.metadata.names;
    f.metadata.labels = 'a, b,c';
    expect(model(f.bytes()).labels).toEqual(['a', 'b', 'c']);
    delete f.metadata.labels;
    expect(model(f.bytes()).labels).toBeNull();
  });
});

describe('files the reader refuses, with the reason', () => {
  it('a truncated file', () => {
    const bytes = digitClassifier().bytes();
    expect(error(bytes.slice(0, bytes.length >> 1))).toEqual({ kind: 'truncated' });
  });

  it('random bytes, text and an empty file are not ONNX', () => {
    const rng = new Rng(9);
    const random = Uint8Array.from({ length: 4096 }, () => Math.floor(rng.next() * 256));
    expect(error(random)).toEqual({ kind: 'not-onnx' });
    expect(error(new TextEncoder().encode('{"format": "netloom-spec", "nodes": []}'))).toEqual({ kind: 'not-onnx' });
    expect(error(new Uint8Array())).toEqual({ kind: 'not-onnx' });
  });

  it('names every unsupported op, once each, custom domains included', () => {
    const f = new Fixture();
    const x = f.input('x', ['N', 3, 8, 8]);
    const s = f.node('Shape', [x]);
    const g = f.node('Gather', [s, f.int64s([0])]);
    const r = f.node('Resize', [f.node('Relu', [x]), '', f.floats([1, 1, 2, 2])]);
    f.node('Shape', [r]);
    f.output(f.node('FusedConv', [r, f.weight([2, 3, 1, 1])], {}, 1, 'com.microsoft'));
    f.output(g);
    expect(error(f.bytes())).toEqual({ kind: 'unsupported-ops', ops: ['Shape', 'Gather', 'Resize', 'com.microsoft.FusedConv'] });
  });

  it('weights in an external data file', () => {
    const f = digitClassifier();
    const p = f.proto();
    const w = p.graph!.initializer![2];
    w.rawData = undefined;
    w.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    w.externalData = [{ key: 'location', value: 'weights.bin' }];
    expect(error(onnx.ModelProto.encode(p).finish())).toEqual({ kind: 'external-data', tensor: w.name });
  });

  it('an input without a shape, or with a size left open beyond the batch', () => {
    for (const shape of [null, ['N', 1, null, 28], ['N', 1, 'height', 28]]) {
      const f = new Fixture();
      f.output(f.node('Relu', [f.input('pixels', shape)]));
      expect(error(f.bytes())).toEqual({ kind: 'missing-input-shape', input: 'pixels' });
    }
  });

  it('a graph whose shapes do not meet names the node', () => {
    const f = new Fixture();
    const h = f.node('Flatten', [f.input('x', ['N', 2, 3, 3])]);
    f.output(f.node('Gemm', [h, f.weight([10, 20])], { transB: 1 }));
    expect(error(f.bytes())).toMatchObject({ kind: 'bad-graph', node: '/layer.1/Gemm' });
  });
});

/** A tiny CNN with BatchNorm, ReLU6, a depthwise conv and a residual Add, exported by PyTorch with its own outputs. */
const TORCH_SCRIPT = `
import sys, json, torch, torch.nn as nn
torch.manual_seed(0)
class Net(nn.Module):
    def __init__(s):
        super().__init__()
        s.c1 = nn.Conv2d(1, 6, 3, padding=1); s.bn = nn.BatchNorm2d(6); s.act = nn.ReLU6()
        s.pool = nn.MaxPool2d(2); s.dw = nn.Conv2d(6, 6, 3, padding=1, groups=6); s.gap = nn.AdaptiveAvgPool2d(1)
        s.fc = nn.Linear(6, 4)
    def forward(s, x):
        h = s.pool(s.act(s.bn(s.c1(x))))
        h = torch.relu(s.dw(h)) + h
        return torch.softmax(s.fc(torch.flatten(s.gap(h), 1)), 1)
m = Net()
with torch.no_grad():
    m.bn.running_mean.uniform_(-.5, .5); m.bn.running_var.uniform_(.5, 2); m.bn.weight.uniform_(.5, 1.5); m.bn.bias.uniform_(-.3, .3)
m.eval()
x = torch.rand(2, 1, 12, 12)
for opset in (13, 17):
    torch.onnx.export(m, x, f'{sys.argv[1]}/tiny-{opset}.onnx', opset_version=opset, input_names=['pixels'], output_names=['probs'],
        dynamic_axes={'pixels': {0: 'batch'}, 'probs': {0: 'batch'}}, training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
json.dump({'x': x.flatten().tolist(), 'y': m(x).detach().flatten().tolist()}, open(f'{sys.argv[1]}/io.json', 'w'))
`;

describe.skipIf(!hasTorch)('a model exported by torch.onnx.export', () => {
  it('reads at opsets 13 and 17 and runs in ONNX Runtime within 1e-4 of PyTorch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netloom-torch-'));
    try {
      runTorch(TORCH_SCRIPT, dir);
      const io = JSON.parse(readFileSync(join(dir, 'io.json'), 'utf8')) as { x: number[]; y: number[] };
      for (const opset of [13, 17]) {
        const path = join(dir, `tiny-${opset}.onnx`);
        expect(existsSync(path)).toBe(true);
        const bytes = new Uint8Array(readFileSync(path));
        const m = model(bytes);
        expect(m.opset).toBe(opset);
        expect(m.producer).toMatch(/^pytorch/);
        expect(m.inputs).toEqual([{ name: 'pixels', shape: ['batch', 1, 12, 12] }]);
        expect(m.outputs).toEqual([{ name: 'probs', shape: ['batch', 4] }]);
        expect(m.nodes.map((n) => n.op)).toEqual(expect.arrayContaining(['BatchNormalization', 'Clip', 'Add', 'GlobalAveragePool', 'Gemm']));
        expect(m.parameters).toBe(6 * 9 + 6 + 4 * 6 + 6 * 9 + 6 + 6 * 4 + 4);
        const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
        const out = await session.run({ pixels: new ort.Tensor('float32', Float32Array.from(io.x), [2, 1, 12, 12]) });
        expect(maxAbsDiff((await out.probs.getData()) as Float32Array, io.y)).toBeLessThanOrEqual(1e-4);
        await session.release();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('reads LeNet-5 exported with PyTorch defaults (BN folded, batch fixed at 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netloom-torch-'));
    try {
      runTorch(TORCH_LENET, dir);
      const m = model(new Uint8Array(readFileSync(join(dir, 'lenet-torch.onnx'))));
      expect(m.inputs).toEqual([{ name: 'x', shape: [1, 1, 28, 28] }]);
      expect(m.outputs).toEqual([{ name: 'logits', shape: [1, 10] }]);
      expect(m.parameters).toBe(156 + 2416 + 48120 + 10164 + 850);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
