/**
 * The `netloom` command as a user runs it: `node bin/netloom.mjs …` in a child process, checked by
 * exit status, stdout and the one-line reason on stderr. Each Node start loads tfjs or ONNX
 * Runtime, so related checks share a run where one run shows them all.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import pkg from 'onnx-proto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '$lib/spec/analyze';
import { PRESETS, PRESET_IDS } from '$lib/spec/presets';
import { LAYERS } from '$lib/spec/layers';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { readProject } from '$lib/project/shared/project-file';
import { encodePng } from '$lib/datasets/shared/png';
import { transpose, TO_NHWC } from '$lib/onnx/layout';
import { seededRandom } from '$lib/util/random';
import { buildModel, writeWeights } from '$workers/model/build-model';

const { onnx } = pkg;
const BIN = join(process.cwd(), 'bin', 'netloom.mjs');
/** A Node start with tfjs takes seconds on a loaded 2-core machine; training adds a few more. */
const SLOW = 180_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function netloom(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A failure is one line on stderr, saying `why`. */
function expectFailure(run: Run, code: number, why: RegExp): void {
  expect(run.code).toBe(code);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(why);
}

let dir = '';
const file = (name: string): string => join(dir, name);
const writeJson = (name: string, value: unknown): string => {
  writeFileSync(file(name), JSON.stringify(value));
  return file(name);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netloom-cli-'));
  await tf.setBackend('cpu');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A batch of NCHW inputs in [0, 1) from a fixed seed, as x.json holds them. */
function inputBatch(shape: number[], seed: number): { shape: number[]; data: number[] } {
  const next = seededRandom(seed);
  return { shape, data: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, next) };
}

/** The tfjs model's output for an NCHW batch, with the initial weights of a seed or given weights: what the exported ONNX must reproduce. */
async function tfjsOutput(spec: GraphSpec, weights: number | ModelWeights, x: { shape: number[]; data: number[] }): Promise<Float32Array> {
  const model = buildModel(tf, spec, typeof weights === 'number' ? weights : undefined);
  if (typeof weights !== 'number') writeWeights(tf, model, weights);
  const [n, c, h, w] = x.shape;
  const nhwc = tf.tensor(transpose(Float32Array.from(x.data), x.shape, TO_NHWC), [n, h, w, c]);
  const out = model.predict(nhwc) as tf.Tensor;
  const data = (await out.data()) as Float32Array;
  tf.dispose([nhwc, out]);
  model.dispose();
  return data;
}

function maxDelta(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe('netloom presets and validate', () => {
  it('lists every preset, one per line, its id first; --help names every command', async () => {
    const [run, help] = await Promise.all([netloom('presets'), netloom('train', '--help')]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(PRESET_IDS);
    expect(help.code).toBe(0);
    for (const command of ['presets', 'validate', 'export', 'train', 'infer']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(help.stdout).toContain('--format onnx|onnx-int8|pytorch');
  });

  it('prints shapes, parameters and MACs of a valid spec, and the node errors of an invalid one', async () => {
    const spec = PRESETS.lenet5(4);
    const good = writeJson('lenet5.json', spec);
    const broken = structuredClone(spec);
    const conv2 = broken.nodes.find((n) => n.id === 'conv2')!;
    conv2.params = { ...LAYERS.Conv2D.defaults, kernelSize: 40, padding: 'valid' };
    const bad = writeJson('broken.json', broken);
    const [ok, invalid] = await Promise.all([netloom('validate', good), netloom('validate', bad)]);

    expect(ok.code).toBe(0);
    const analysis = analyzeGraph(spec);
    const conv1 = ok.stdout.split('\n').find((line) => line.startsWith('conv1 '))!.trim().split(/\s+/);
    expect(conv1).toEqual(['conv1', 'Conv2D', '28×28×6', analysis.nodes.conv1.params.toLocaleString('en-US'), analysis.nodes.conv1.flops.toLocaleString('en-US')]);
    expect(ok.stdout).toContain(`total: ${analysis.totals.params.toLocaleString('en-US')} params`);

    expectFailure(invalid, 1, /^netloom validate: invalid spec: node "conv2": /);
    expect(invalid.stdout).toMatch(/^node "conv2": /m);
  });
});

describe('netloom export and infer', () => {
  it('exports a preset with its seeded initial weights, and infer reproduces the tfjs model on x.json', { timeout: SLOW }, async () => {
    const onnxPath = file('resnet.onnx');
    const exported = await netloom('export', 'preset:resnet', '--format', 'onnx', '--seed', '7', '-o', onnxPath);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/initial weights from seed 7/);
    const x = inputBatch([3, 1, 28, 28], 11);
    const inferred = await netloom('infer', onnxPath, '--input', writeJson('x.json', x));
    expect(inferred.stderr).toBe('');
    expect(inferred.code).toBe(0);
    const out = JSON.parse(inferred.stdout) as { shape: number[]; data: number[] };
    expect(out.shape).toEqual([3, 4]);
    expect(maxDelta(out.data, await tfjsOutput(PRESETS.resnet(4), 7, x))).toBeLessThan(1e-4);
  });

  it('exports int8 ONNX that runs, and the PyTorch script with its weights in one zip', { timeout: SLOW }, async () => {
    const [int8, pytorch] = await Promise.all([
      netloom('export', 'preset:lenet5', '--format', 'onnx-int8', '-o', file('lenet5-int8.onnx')),
      netloom('export', 'preset:lenet5', '--format', 'pytorch', '-o', file('lenet5.zip')),
    ]);
    expect([int8.code, pytorch.code]).toEqual([0, 0]);
    const x = inputBatch([2, 1, 28, 28], 13);
    const inferred = await netloom('infer', file('lenet5-int8.onnx'), '--input', writeJson('x-int8.json', x));
    const out = JSON.parse(inferred.stdout) as { shape: number[]; data: number[] };
    expect(out.shape).toEqual([2, 4]);
    // Int8 weights move the outputs a little, never far.
    expect(maxDelta(out.data, await tfjsOutput(PRESETS.lenet5(4), 1, x))).toBeLessThan(0.05);
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(file('lenet5.zip'))))).sort()).toEqual(['lenet_5/', 'lenet_5/lenet_5.npz', 'lenet_5/lenet_5.py']);
  });

  it('infers on a PNG, sized to the model input, and names what it cannot run', { timeout: SLOW }, async () => {
    const onnxPath = file('tiny.onnx');
    expect((await netloom('export', 'preset:tiny', '--format', 'onnx', '-o', onnxPath)).code).toBe(0);
    // A 56×56 RGB image: converted to grey and halved to the model's 28×28×1.
    const pixels = Uint8Array.from({ length: 56 * 56 * 3 }, (_, i) => (i * 37) % 256);
    writeFileSync(file('photo.png'), encodePng({ width: 56, height: 56, channels: 3, pixels }));
    const node = (op: string) => ({ opType: op, input: ['x'], output: ['y'] });
    const valueInfo = (name: string) => ({ name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimValue: 1 }, { dimValue: 2 }] } } } });
    const model = { irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph: { name: 'g', node: [node('NoSuchOp')], input: [valueInfo('x')], output: [valueInfo('y')] } };
    writeFileSync(file('unknown-op.onnx'), onnx.ModelProto.encode(model).finish());
    const pair = writeJson('pair.json', { shape: [1, 2], data: [1, 2] });

    const [image, unknownOp, notOnnx, wrongShape, notTensor] = await Promise.all([
      netloom('infer', onnxPath, '--input', file('photo.png')),
      netloom('infer', file('unknown-op.onnx'), '--input', pair),
      netloom('infer', pair, '--input', pair),
      netloom('infer', onnxPath, '--input', pair),
      netloom('infer', onnxPath, '--input', writeJson('odd.json', { data: [1] })),
    ]);
    expect(image.code).toBe(0);
    const probabilities = JSON.parse(image.stdout) as { shape: number[]; data: number[] };
    expect(probabilities.shape).toEqual([1, 4]);
    expect(probabilities.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expectFailure(unknownOp, 1, /NoSuchOp/);
    expectFailure(notOnnx, 1, /^netloom infer: cannot run .*pair\.json: /);
    expectFailure(wrongShape, 1, /input shape \[1,2\] does not match the model's input \[batch,1,28,28\]/);
    expectFailure(notTensor, 1, /\{"shape":\[N,…\],"data":\[…numbers…\]\}/);
  });
});

describe('netloom train', () => {
  it('trains an epoch on tfjs wasm (to the loss cpu reaches) with a progress line, saves a project the app opens, and exports its trained weights', { timeout: SLOW }, async () => {
    const projectPath = file('tiny.netloom');
    const args = ['train', 'preset:tiny', '--dataset', 'shapes', '--epochs', '1', '--samples', '100', '--batch', '20', '--seed', '3'];
    const [run, onCpu] = await Promise.all([netloom(...args, '-o', projectPath), netloom(...args, '--backend', 'cpu', '-o', file('tiny-cpu.netloom'))]);
    expect(run.code).toBe(0);
    expect(onCpu.code).toBe(0);
    // The same seed trains to the same loss on tfjs's plain-JS backend: wasm's kernels compute what cpu's do.
    const loss = (r: Run): number => Number(/^epoch 1\/1 {2}loss (\S+)/m.exec(r.stderr)?.[1]);
    expect(onCpu.stderr).toMatch(/^training on tfjs cpu: /m);
    expect(Math.abs(loss(run) - loss(onCpu))).toBeLessThan(1e-3);
    expect(run.stderr).toMatch(/^training on tfjs wasm \((?:no )?SIMD, \d+ threads?\): 80 training and 20 validation samples, 4 batches per epoch$/m);
    expect(run.stderr).toMatch(/^epoch 1\/1 {2}loss \d+\.\d{4} {2}acc [\d.]+% {2}val loss \d+\.\d{4} {2}val acc [\d.]+% {2}\d+ samples\/s$/m);

    const project = readProject(new Uint8Array(readFileSync(projectPath)));
    if (!project.ok) throw new Error(project.errors.join(' '));
    const { run: saved, weights, settings } = project.value;
    expect(saved?.outcome).toBe('completed');
    expect(saved?.history.epochs).toHaveLength(1);
    expect(saved?.classes?.counts.reduce((a, b) => a + b, 0)).toBe(80);
    expect(settings.settings).toMatchObject({ dataset: 'shapes', samples: 100, seed: 3, config: { epochs: 1, batchSize: 20 } });

    // The trained weights, not the seeded ones, leave through export.
    const onnxPath = file('trained.onnx');
    expect((await netloom('export', projectPath, '--format', 'onnx', '-o', onnxPath)).code).toBe(0);
    const x = inputBatch([2, 1, 28, 28], 5);
    const inferred = await netloom('infer', onnxPath, '--input', writeJson('x-trained.json', x));
    const out = JSON.parse(inferred.stdout) as { data: number[] };
    expect(maxDelta(out.data, await tfjsOutput(saved!.spec, weights!, x))).toBeLessThan(1e-4);
    expect(maxDelta(out.data, await tfjsOutput(saved!.spec, 3, x))).toBeGreaterThan(1e-3);
  });
});

describe('netloom failures', () => {
  it('gives a one-line reason and a non-zero status for bad paths, JSON, specs, presets, flags and a diverged run', { timeout: SLOW }, async () => {
    writeFileSync(file('truncated.json'), '{"nodes": [');
    const notSpec = writeJson('not-spec.json', { hello: 'world' });
    const [missing, badJson, wrongRecord, unknownPreset, badFlag, badFormat, noOutput, badEpochs, unknownCommand, mismatch, diverged] = await Promise.all([
      netloom('validate', file('missing.json')),
      netloom('validate', file('truncated.json')),
      netloom('export', notSpec, '--format', 'onnx', '-o', file('x.onnx')),
      netloom('export', 'preset:alexnet', '--format', 'onnx', '-o', file('x.onnx')),
      netloom('export', 'preset:tiny', '--format', 'onnx', '--colour', 'red', '-o', file('x.onnx')),
      netloom('export', 'preset:tiny', '--format', 'tflite', '-o', file('x.onnx')),
      netloom('train', 'preset:tiny', '--dataset', 'shapes'),
      netloom('train', 'preset:tiny', '--dataset', 'shapes', '--epochs', 'two', '-o', file('p.netloom')),
      netloom('fly'),
      netloom('train', writeJson('mlp10.json', PRESETS.mlp(10)), '--dataset', 'shapes', '-o', file('p.netloom')),
      // Lion at lr 1e3 multiplies the weights by 1 − lr·λ = −99 each step: they overflow within an epoch.
      netloom('train', 'preset:tiny', '--dataset', 'shapes', '--epochs', '2', '--samples', '150', '--batch', '4', '--optimizer', 'lion', '--lr', '1000', '-o', file('diverged.netloom')),
    ]);
    expectFailure(missing, 1, /^netloom validate: cannot read .*missing\.json: ENOENT/);
    expectFailure(badJson, 1, /^netloom validate: .*truncated\.json is not valid JSON/);
    expectFailure(wrongRecord, 1, /^netloom export: .*not-spec\.json is not a NetLoom graph/);
    expectFailure(unknownPreset, 1, /^netloom export: unknown preset "alexnet" \(presets: tiny, mlp/);
    expectFailure(badFlag, 2, /^netloom export: bad arguments: .*--colour/);
    expectFailure(badFormat, 2, /^netloom export: --format must be one of onnx\b.*"tflite"/);
    expectFailure(noOutput, 2, /^netloom train: missing --output$/);
    expectFailure(badEpochs, 2, /^netloom train: --epochs must be a whole number/);
    expectFailure(unknownCommand, 2, /^netloom: unknown command "fly"/);
    expectFailure(mismatch, 1, /^netloom train: the model does not fit the shapes dataset: /);
    // A run that diverges still saves what it kept, then fails with the reason as its last line.
    expect(diverged.code).toBe(1);
    expect(diverged.stderr.trim().split('\n').at(-1)).toMatch(/^netloom train: training diverged: /);
    const saved = readProject(new Uint8Array(readFileSync(file('diverged.netloom'))));
    expect(saved.ok && saved.value.run?.outcome).toBe('diverged');
  });
});
