/**
 * The exported PyTorch script must compute what the tfjs model computes. Every preset (and a few
 * graphs for the layers presets leave out) is built in tfjs (cpu backend) with random weights and
 * BatchNorm statistics, exported, and run by Debian's PyTorch in one Python process that imports
 * each script, loads its .npz and also runs one training step (`smoke()`) with a different
 * optimizer / schedule / regularisation setting per graph.
 */
import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, readWeights, writeWeights } from '$workers/model/build-model';
import { exportPytorch, type PytorchExport } from '$lib/export/pytorch/export';
import { npy } from '$lib/export/pytorch/npz';
import { nhwcToNchw, transpose, TO_NHWC } from '$lib/onnx/layout';
import { PRESETS, PRESET_IDS } from '$lib/spec/presets';
import type { GraphSpec } from '$lib/spec/types';
import { DEFAULT_TRAINING, defaultOptimizer, type TrainingConfig } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT, drawAugmentation, type AugmentConfig } from '$lib/training/shared/augment';
import { augmentBatch } from '$workers/training/augment-gpu';
import { Rng, seededRandom } from '$lib/util/random';
import { randomiseStats } from './support/parity';
import { graph, input, node } from './support/spec-builder';

const PYTHON = process.env.NETLOOM_PYTHON ?? '/usr/bin/python3';
const TOLERANCE = 1e-4;
const BATCH = 3;
const run = promisify(execFile);

const softmaxOut = (units = 3) => node('out', 'Dense', { units, activation: 'softmax' });

/** Layers and paddings the presets do not reach: lopsided 'same', dense per pixel, reshapes, concatenation, upsampling. */
const LAYER_CASES: GraphSpec[] = [
  graph('lopsided same padding', [
    input(12, 12, 2),
    node('conv', 'Conv2D', { filters: 3, strides: 2, activation: 'elu' }),
    node('dil', 'Conv2D', { filters: 3, dilation: 2, kernelSize: 4, activation: 'swish' }),
    node('maxp', 'MaxPool2D', { padding: 'same', poolSize: 3, strides: 2 }),
    node('avgs', 'AvgPool2D', { poolSize: 3, strides: 1, padding: 'same' }),
    node('avga', 'AvgPool2D', { poolSize: 3, strides: 2, padding: 'same' }),
    node('flat', 'Flatten'),
    softmaxOut(),
  ]),
  graph('separable, depthwise, dense per pixel', [
    input(10, 10, 3),
    node('sep', 'SeparableConv2D', { filters: 5, depthMultiplier: 2, strides: 2, activation: 'leakyRelu' }),
    node('dw', 'DepthwiseConv2D', { depthMultiplier: 2, strides: 2, padding: 'valid', useBias: false, activation: 'sigmoid' }),
    node('pix', 'Dense', { units: 4, activation: 'softmax' }),
    node('pad', 'ZeroPadding2D', { padding: 1 }),
    node('up', 'UpSampling2D', { size: 2 }),
    node('flat', 'Flatten'),
    node('bn', 'BatchNormalization', { epsilon: 0.01 }),
    node('drop', 'Dropout', { rate: 0.5 }),
    node('out', 'Dense', { units: 3, activation: 'tanh' }),
  ]),
  graph('reshape, concatenate, three-way add', [
    input(4, 4, 2),
    node('rs', 'Reshape', { targetShape: [32] }),
    node('d1', 'Dense', { units: 32, activation: 'relu6' }),
    node('img', 'Reshape', { targetShape: [4, 4, 2] }),
    node('c1', 'Conv2D', { filters: 3 }),
    node('cat', 'Concatenate', {}, ['c1', 'img', 'in']),
    node('v', 'Reshape', { targetShape: [4, -1, 14] }),
    node('gap', 'GlobalAveragePooling2D'),
    node('a', 'Dense', { units: 5, activation: 'linear' }),
    node('b', 'Dense', { units: 5, activation: 'elu' }, ['gap']),
    node('c', 'Dense', { units: 5, activation: 'sigmoid' }, ['gap']),
    node('sum', 'Add', {}, ['a', 'b', 'c']),
    node('both', 'Concatenate', {}, ['sum', 'a']),
    node('out', 'Dense', { units: 3, activation: 'linear' }),
  ]),
  // Layer names a Python module cannot use as they are: not identifiers, keywords, nn.Module methods, each other after cleaning.
  graph('names python reserves', [
    node('input', 'Input', { height: 6, width: 6, channels: 1 }),
    node('train', 'Conv2D', { filters: 2 }),
    node('2nd-conv', 'Conv2D', { filters: 2 }),
    node('2nd.conv', 'Conv2D', { filters: 2 }),
    node('class', 'Flatten'),
    node('F', 'Dense', { units: 3, activation: 'softmax' }),
  ]),
];

/** One training setup per graph, so every optimizer, schedule and regulariser of the script runs once. */
const CONFIGS: TrainingConfig[] = [
  DEFAULT_TRAINING,
  { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('sgd'), schedule: { base: { kind: 'step', stepEpochs: 1, gamma: 0.5 }, warmupEpochs: 1 } },
  { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('momentum'), schedule: { base: { kind: 'exponential', gamma: 0.9 }, warmupEpochs: 0 }, l2: 0.001 },
  { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('nesterov'), schedule: { base: { kind: 'cosine', minFactor: 0.1 }, warmupEpochs: 0.5 }, earlyStopping: { enabled: true, patience: 1, minDelta: 0 } },
  { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('adamw'), labelSmoothing: 0.1, classWeighting: 'balanced', gradientClip: { enabled: true, maxNorm: 1 } },
  { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('rmsprop'), classWeighting: 'custom', customClassWeights: [1, 2, 0.5, 1] },
  { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('lion'), schedule: { base: { kind: 'cosine', minFactor: 0 }, warmupEpochs: 2 } },
];

/** Every other graph trains with augmentation on; boxes may leave the image (translate). */
const AUGMENT_ON: AugmentConfig = { ...DEFAULT_AUGMENT, enabled: true };
const augmentFor = (i: number) => (i % 2 === 1 ? AUGMENT_ON : DEFAULT_AUGMENT);

const CASES: GraphSpec[] = [...PRESET_IDS.map((id) => PRESETS[id](4)), ...LAYER_CASES];
/** The case whose script also applies fixed augmentation draws, compared with tfjs's augmentBatch. */
const AUGMENTED = 1;

interface Case {
  spec: GraphSpec;
  exported: PytorchExport;
  expected: Float32Array;
  /** tfjs output shape, batch first. */
  shape: number[];
}

/** Imports every exported script, runs its model on the case's batch in eval mode, then one smoke training step. */
const DRIVER = `
import importlib.util, json, sys
import numpy as np, torch
torch.set_num_threads(1)
for job in json.load(open(sys.argv[1])):
    spec = importlib.util.spec_from_file_location(job["module"], job["script"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load_model(job["weights"]).eval()
    with torch.no_grad():
        y = model(torch.from_numpy(np.load(job["input"])))
    y.numpy().astype("<f4").tofile(job["output"])
    if "augment" in job:
        a = {k: torch.from_numpy(np.load(v)) for k, v in job["augment"].items() if k != "output"}
        module.apply_augmentation(a["x"], a["boxes"], a["brightness"], a["contrast"]).numpy().astype("<f4").tofile(job["augment"]["output"])
    module.smoke()
    print(json.dumps({"dir": job["dir"], "shape": list(y.shape)}), flush=True)
`;

let dir: string;
const cases: Case[] = [];
/** tfjs's augmented batch (NHWC) and the NCHW shape the script returns it in. */
let augmentExpected: Float32Array;
let augmentShape: number[];
const results = new Map<string, { shape: number[]; actual: Float32Array }>();
const deltas: Record<string, number> = {};

function random(seed: number) {
  const next = seededRandom(seed);
  return (lo: number, hi: number): number => lo + (hi - lo) * next();
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'netloom-pytorch-'));
  const jobs = [];
  for (const [i, spec] of CASES.entries()) {
    const model = buildModel(tf, spec, 7);
    const weights = randomiseStats(await readWeights(model, spec), 11 + i);
    writeWeights(tf, model, weights);
    const [h, w, c] = model.inputs[0].shape.slice(1) as number[];
    const next = random(3 + i);
    const x = Float32Array.from({ length: BATCH * h * w * c }, () => next(-2, 2));
    const xt = tf.tensor4d(x, [BATCH, h, w, c]);
    const yt = model.predict(xt) as tf.Tensor;
    const expected = (await yt.data()) as Float32Array;
    cases.push({ spec, exported: exportPytorch(spec, weights, CONFIGS[i % CONFIGS.length], augmentFor(i)), expected, shape: yt.shape });
    tf.dispose([xt, yt]);
    model.dispose();

    const { exported } = cases[i];
    const caseDir = join(dir, String(i));
    mkdirSync(caseDir);
    const file = (name: string) => join(caseDir, name);
    writeFileSync(file(`${exported.fileStem}.py`), exported.script);
    writeFileSync(file(`${exported.fileStem}.npz`), exported.weights);
    writeFileSync(file('x.npy'), npy({ shape: [BATCH, c, h, w], data: nhwcToNchw(x, BATCH, h, w, c) }));
    const augment = i === AUGMENTED ? await augmentationJob(caseDir, x, [BATCH, h, w, c]) : undefined;
    jobs.push({
      augment,
      dir: String(i),
      module: `${exported.fileStem}_${i}`,
      script: file(`${exported.fileStem}.py`),
      weights: file(`${exported.fileStem}.npz`),
      input: file('x.npy'),
      output: file('y.bin'),
    });
  }
  writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
  writeFileSync(join(dir, 'driver.py'), DRIVER);
  const { stdout } = await run(PYTHON, [join(dir, 'driver.py'), join(dir, 'jobs.json')], { cwd: dir, maxBuffer: 1 << 24 });
  for (const line of stdout.split('\n').filter((l) => l.startsWith('{"dir"'))) {
    const { dir: caseDir, shape } = JSON.parse(line) as { dir: string; shape: number[] };
    const bytes = readFileSync(join(dir, caseDir, 'y.bin'));
    results.set(caseDir, { shape, actual: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) });
  }
}, 300_000);

/**
 * Fixed draws (crop boxes inside the image, so tfjs's all-or-nothing extrapolation and
 * grid_sample's blended border cannot differ; flips on) applied by tfjs now and by the script later.
 */
async function augmentationJob(caseDir: string, nhwc: Float32Array, [n, h, w, c]: number[]) {
  const x = nhwc.map((v) => (v + 2) / 4);
  const draw = drawAugmentation({ ...AUGMENT_ON, translate: 0, minCropScale: 0.6 }, n, new Rng(5));
  const xt = tf.tensor4d(x, [n, h, w, c]);
  const yt = augmentBatch(tf, xt, draw);
  augmentExpected = (await yt.data()) as Float32Array;
  augmentShape = [n, c, h, w];
  tf.dispose([xt, yt]);
  const file = (name: string, array: Parameters<typeof npy>[0]) => {
    writeFileSync(join(caseDir, name), npy(array));
    return join(caseDir, name);
  };
  return {
    x: file('xa.npy', { shape: [n, c, h, w], data: nhwcToNchw(x, n, h, w, c) }),
    boxes: file('boxes.npy', { shape: [n, 4], data: draw.boxes }),
    brightness: file('brightness.npy', { shape: [n], data: draw.brightness }),
    contrast: file('contrast.npy', { shape: [n], data: draw.contrast }),
    output: join(caseDir, 'ya.bin'),
  };
}

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.table(Object.entries(deltas).map(([model, maxDelta]) => ({ model, maxDelta })));
});

describe('PyTorch export runs in PyTorch and matches tfjs', () => {
  it.each(CASES.map((spec, i) => [spec.name, i] as const))('%s', (name, i) => {
    const { expected, shape } = cases[i];
    const result = results.get(String(i));
    expect(result, `${name} produced no output`).toBeDefined();
    const { actual: nchw, shape: torchShape } = result!;
    const actual = torchShape.length === 4 ? transpose(nchw, torchShape, TO_NHWC) : nchw;
    expect(torchShape).toEqual(shape.length === 4 ? [shape[0], shape[3], shape[1], shape[2]] : shape);
    const maxDelta = expected.reduce((max, e, k) => Math.max(max, Math.abs(e - actual[k])), 0);
    deltas[name] = maxDelta;
    expect(maxDelta).toBeLessThanOrEqual(TOLERANCE);
  });

  it("augments as NetLoom's GPU augmentation does: crop and resize, flip, contrast, brightness", () => {
    const bytes = readFileSync(join(dir, String(AUGMENTED), 'ya.bin'));
    const actual = transpose(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), augmentShape, TO_NHWC);
    const maxDelta = augmentExpected.reduce((max, e, k) => Math.max(max, Math.abs(e - actual[k])), 0);
    deltas.augmentation = maxDelta;
    expect(maxDelta).toBeLessThanOrEqual(TOLERANCE);
  });

  it('runs as a command: --smoke trains one step on random data', async () => {
    const [tiny] = cases;
    const script = join(dir, '0', `${tiny.exported.fileStem}.py`);
    const { stdout } = await run(PYTHON, [script, '--smoke'], { cwd: join(dir, '0') });
    expect(stdout).toMatch(/^epoch 1\/1: loss \d/m);
    expect(stdout).toContain('smoke test passed');
  });
});
