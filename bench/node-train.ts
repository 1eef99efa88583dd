/**
 * The `node_train` section: training throughput in Node (where `netloom train` runs) on tfjs's
 * plain-JS `cpu` backend and on tfjs-backend-wasm with NetLoom's gradient kernels, for the models of
 * the browser's train bench (bench/train-plan.ts). Per backend and model, NetLoom's own training
 * run (workers/training/run.ts, what the worker runs) against plain `model.fit`, interleaved round
 * by round; then PyTorch on the same machine (bench/pytorch_anchor.py, 2 threads) as the anchor, and
 * a per-kernel profile of one wasm training step. Run by bench/node-train.mjs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphSpec } from '$lib/spec/types';
import type { TrainEvent } from '$lib/training/shared/protocol';
import { startBackend, tf } from '../cli/tfjs';
import { buildModel } from '$workers/model/build-model';
import { RunControl } from '$workers/training/control';
import { createOptimizer } from '$workers/training/optimizers';
import { outputLoss } from '$workers/training/output';
import { runTraining } from '$workers/training/run';
import { trainStep } from '$workers/training/step';
import { plainFit } from './plain-fit';
import { throughput, type LoopTiming } from './protocol';
import { BATCH, best, CLASSES, leakPerEpoch, LR, MODELS, round, SEED, trainRequest, VAL_FRACTION, type Sizes } from './train-plan';

export type NodeBackend = 'cpu' | 'wasm';

const progress = (line: string) => console.error('node-train:', line);

/** tfjs's plain-JS cpu backend trains LeNet-5 at ~5 samples/s in Node: it gets fewer samples (3 batches a timed epoch). */
const FULL: Record<NodeBackend, Sizes> = { cpu: { samples: 100, epochs: 2 }, wasm: { samples: 1000, epochs: 4 } };
const QUICK: Record<NodeBackend, Sizes> = { cpu: { samples: 40, epochs: 2 }, wasm: { samples: 200, epochs: 2 } };
/** PyTorch trains at thousands of samples/s unloaded; its fastest epoch is kept (bench/pytorch_anchor.py). */
const PYTORCH: Sizes = { samples: 1600, epochs: 6 };
const PYTORCH_QUICK: Sizes = { samples: 400, epochs: 3 };

export interface NodeTrainOptions {
  backends: NodeBackend[];
  models: string[];
  rounds: number;
  quick: boolean;
  /** The interpreter with torch (Debian's python3-torch); the anchor is skipped when it lacks torch. */
  python: string;
}

/** `netloom train`'s own start-up (cli/tfjs.ts): the wasm binaries from node_modules and NetLoom's gradient kernels; the build it reports. */
async function useBackend(backend: NodeBackend): Promise<string | null> {
  const started = await startBackend(backend, (line) => progress(line));
  if (started.backend !== backend) throw new Error(`${backend} did not start in Node`);
  return started.build;
}

/** NetLoom's run, as the worker starts it: dataset, model, optimizer and loop from workers/training/run.ts. */
async function netloom(spec: GraphSpec, sizes: Sizes): Promise<LoopTiming> {
  const seconds: number[] = [];
  const tensorsPerEpoch: number[] = [];
  let trainSamples = 0;
  const emit = (e: TrainEvent) => {
    if (e.type === 'start') trainSamples = e.trainSamples;
    if (e.type === 'epoch') {
      seconds.push(e.seconds);
      tensorsPerEpoch.push(e.numTensors);
    }
  };
  const result = await runTraining(tf, trainRequest(spec, sizes), undefined, new RunControl(), emit);
  result.model.dispose();
  if (result.outcome.reason !== 'completed') throw new Error(result.outcome.message ?? result.outcome.reason);
  return { samplesPerSec: throughput(trainSamples, seconds), tensorsPerEpoch };
}

async function row(backend: NodeBackend, model: string, sizes: Sizes, rounds: number): Promise<Record<string, unknown>> {
  const spec = MODELS[model]();
  const build = await useBackend(backend);
  const ours: LoopTiming[] = [];
  const plain: LoopTiming[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    ours.push(await netloom(spec, sizes));
    plain.push(await plainFit(tf, { backend, spec, ...sizes, batchSize: BATCH, learningRate: LR, seed: SEED, im2col: false }));
  }
  const [bestOurs, bestPlain] = [best(ours), best(plain)];
  return {
    backend,
    model: spec.name,
    app_sps: round(bestOurs),
    raw_sps: round(bestPlain),
    ratio: round(bestOurs / bestPlain),
    leaked_tensors_per_epoch: Math.max(...ours.map((o) => leakPerEpoch(o.tensorsPerEpoch))),
    build,
    samples: sizes.samples,
    epochs: sizes.epochs,
    batch: BATCH,
    rounds: ours.map((o, i) => ({ app_sps: round(o.samplesPerSec), raw_sps: round(plain[i].samplesPerSec) })),
    wall_seconds: Math.round((performance.now() - started) / 1000),
  };
}

/**
 * Where one training step of the app's loop (workers/training/step.ts) spends its time on wasm:
 * `step_ms` the wall time of a step without profiling, then tfjs's per-kernel timings (wall clock
 * around each kernel: the backend is synchronous) summed by kernel over `steps` profiled steps;
 * `kernel_ms` below `step_ms` is time in tfjs's engine and autograd between kernels.
 */
async function profileStep(model: string, steps: number): Promise<Record<string, unknown>> {
  await useBackend('wasm');
  const spec = MODELS[model]();
  const net = buildModel(tf, spec, SEED);
  const optimizer = createOptimizer(tf, { name: 'adam', learningRate: LR });
  const loss = outputLoss(tf, spec, { labelSmoothing: 0 });
  const x = tf.randomUniform([BATCH, 28, 28, 1], 0, 1, 'float32', SEED);
  const y = tf.oneHot(tf.randomUniform([BATCH], 0, CLASSES, 'int32', SEED), CLASSES).toFloat() as tf.Tensor2D;
  const step = () => tf.dispose(trainStep(tf, net, optimizer, loss, x, y, { l2: 0, clipNorm: null }));
  step();
  const plainStarted = performance.now();
  for (let s = 0; s < steps; s++) step();
  const stepMs = (performance.now() - plainStarted) / steps;
  const byKernel = new Map<string, number>();
  let kernelMs = 0;
  for (let s = 0; s < steps; s++) {
    const info = await tf.profile(step);
    for (const k of info.kernels) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + ms);
      kernelMs += ms;
    }
  }
  tf.dispose([x, y]);
  net.dispose();
  optimizer.dispose();
  const top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return {
    model: spec.name,
    step_ms: round(stepMs),
    kernel_ms: round(kernelMs / steps),
    kernels: top.map(([name, ms]) => ({ name, ms: round(ms / steps), share: round(ms / kernelMs) })),
  };
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile(file, args, { maxBuffer: 2 ** 20 }, (error, stdout, stderr) => (error ? reject(new Error(stderr.trim().split('\n').at(-1) || error.message)) : resolve(stdout))));
}

/** bench/pytorch_anchor.py on the same spec and settings; a missing torch is reported, not thrown. */
async function pytorch(python: string, model: string, sizes: Sizes): Promise<Record<string, unknown>> {
  const spec = MODELS[model]();
  const dir = mkdtempSync(join(tmpdir(), 'netloom-torch-'));
  try {
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const args = ['bench/pytorch_anchor.py', '--spec', file, '--samples', String(sizes.samples), '--epochs', String(sizes.epochs), '--batch', String(BATCH), '--lr', String(LR), '--val-fraction', String(VAL_FRACTION), '--threads', '2'];
    return { model: spec.name, ...JSON.parse(await run(python, args)) };
  } catch (error) {
    return { model: spec.name, error: (error as Error).message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The section's figures: rows per backend and model, the PyTorch anchor, a wasm step profile, and the load they ran under. */
export async function nodeTrainSuite(o: NodeTrainOptions): Promise<Record<string, unknown>> {
  const loadBefore = loadavg()[0];
  const rows: Record<string, unknown>[] = [];
  for (const backend of o.backends) {
    for (const model of o.models) {
      if (!(model in MODELS)) throw new Error(`unknown model ${model}`);
      const sizes = (o.quick ? QUICK : FULL)[backend];
      progress(`${backend}, ${model}: app vs model.fit, ${o.rounds} round(s) of ${sizes.epochs} epochs on ${sizes.samples} samples…`);
      try {
        rows.push(await row(backend, model, sizes, o.rounds));
      } catch (error) {
        rows.push({ backend, model: MODELS[model]().name, error: (error as Error).message });
      }
    }
  }
  const anchor: Record<string, unknown>[] = [];
  progress('PyTorch anchor…');
  for (const model of o.models) anchor.push(await pytorch(o.python, model, o.quick ? PYTORCH_QUICK : PYTORCH));
  const profile: Record<string, unknown>[] = [];
  if (o.backends.includes('wasm')) for (const model of o.models) profile.push(await profileStep(model, o.quick ? 3 : 20));
  return {
    rows,
    pytorch: anchor,
    wasm_step_profile: profile,
    wasm_note: 'tfjs-backend-wasm 4.22 runs one thread in Node whatever the cores (tfjs issue 3830)',
    load_average: [round(loadBefore), round(loadavg()[0])],
    cores: cpus().length,
  };
}
