/**
 * Benchmark page (bench.html, built alongside the app but not part of its bundle): for each
 * backend, NetLoom's worker training loop against a plain model.fit of the same model and data,
 * in one page so both see the same machine state. Results land on window.__bench as JSON.
 */
import * as Comlink from 'comlink';
import { defaultSpec } from '$lib/spec/presets';
import { DEFAULT_TRAINING, defaultOptimizer } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT } from '$lib/training/shared/augment';
import type { BackendName, TrainEvent, TrainerApi, TrainRequest } from '$lib/training/shared/protocol';
import { throughput, type LoopTiming, type PlainFitApi, type PlainFitRequest } from './protocol';
import { DATA_SUITES } from './data';

interface Sizes {
  samples: number;
  epochs: number;
}

const params = new URLSearchParams(location.search);
const backends = (params.get('backends') ?? 'webgpu,webgl,cpu').split(',') as BackendName[];
// Software WebGPU trains ~20–100 samples/s here: a smaller set keeps the whole run to minutes.
const SIZES: Record<BackendName, Sizes> = { webgpu: { samples: 400, epochs: 4 }, webgl: { samples: 1000, epochs: 4 }, cpu: { samples: 800, epochs: 4 } };
const spec = defaultSpec(4);
const BATCH = 32;
const LR = 0.01;
const SEED = 1;
/** Rounds of (NetLoom, plain fit), interleaved so slow spells of a shared machine hit both. */
const ROUNDS = Number(params.get('rounds') ?? 2);

// Each `new Worker(new URL(…))` is written out in full: that is the pattern Vite bundles as a worker.
function wrap<T>(w: Worker): { api: Comlink.Remote<T>; close: () => void } {
  return { api: Comlink.wrap<T>(w), close: () => w.terminate() };
}

async function netloom(backend: BackendName, sizes: Sizes): Promise<LoopTiming | string> {
  const { api, close } = wrap<TrainerApi>(new Worker(new URL('../workers/trainer.worker.ts', import.meta.url), { type: 'module' }));
  try {
    const report = await api.selectBackend(backend);
    if (report.active !== backend) return `${backend} unavailable: ${report.attempts.map((a) => a.reason).join('; ')}`;
    const request: TrainRequest = {
      spec,
      dataset: { kind: 'shapes', count: sizes.samples, seed: SEED, valFraction: 0.2 },
      config: { ...structuredClone(DEFAULT_TRAINING), epochs: sizes.epochs, batchSize: BATCH, optimizer: { ...defaultOptimizer('adam'), learningRate: LR } },
      augment: { ...DEFAULT_AUGMENT, enabled: false },
      seed: SEED,
      checkpoints: false,
    };
    const seconds: number[] = [];
    const tensorsPerEpoch: number[] = [];
    let trainSamples = 0;
    let failure: string | undefined;
    const onEvent = (e: TrainEvent) => {
      if (e.type === 'start') trainSamples = e.trainSamples;
      if (e.type === 'epoch') {
        seconds.push(e.seconds);
        tensorsPerEpoch.push(e.numTensors);
      }
      if (e.type === 'done' && e.reason !== 'completed') failure = e.message ?? e.reason;
    };
    await api.train(request, Comlink.proxy(onEvent));
    return failure ?? { samplesPerSec: throughput(trainSamples, seconds), tensorsPerEpoch };
  } finally {
    close();
  }
}

async function plainFit(backend: BackendName, sizes: Sizes, im2col: boolean): Promise<LoopTiming | string> {
  const { api, close } = wrap<PlainFitApi>(new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module' }));
  const request: PlainFitRequest = { backend, spec, samples: sizes.samples, epochs: sizes.epochs, batchSize: BATCH, learningRate: LR, seed: SEED, im2col };
  try {
    return await api.fit(request);
  } catch (error) {
    return `${backend} plain fit failed: ${(error as Error).message}`;
  } finally {
    close();
  }
}

/** Leak per epoch after the first (which creates the optimizer's state). */
function leakPerEpoch(counts: number[]): number {
  return counts.length > 2 ? (counts.at(-1)! - counts[1]) / (counts.length - 2) : 0;
}

const round = (x: number) => Math.round(x * 100) / 100;
/** The machine is shared: interference only ever slows a run down, so the fastest round is the least noisy. */
const best = (runs: LoopTiming[]) => Math.max(...runs.map((r) => r.samplesPerSec));

async function run(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const backend of backends) {
    const sizes = SIZES[backend];
    const ours: LoopTiming[] = [];
    const plain: LoopTiming[] = [];
    let error: string | undefined;
    for (let r = 0; r < ROUNDS && !error; r++) {
      const a = await netloom(backend, sizes);
      const b = await plainFit(backend, sizes, true);
      if (typeof a === 'string') error = a;
      else if (typeof b === 'string') error = b;
      else {
        ours.push(a);
        plain.push(b);
      }
    }
    if (error) {
      results[backend] = { error };
      continue;
    }
    const [bestOurs, bestPlain] = [best(ours), best(plain)];
    results[backend] = {
      ...sizes,
      batchSize: BATCH,
      netloomSamplesPerSec: round(bestOurs),
      plainFitSamplesPerSec: round(bestPlain),
      ratio: round(bestOurs / bestPlain),
      rounds: ours.map((o, i) => ({ netloom: round(o.samplesPerSec), plainFit: round(plain[i].samplesPerSec) })),
      netloomTensorsLeakedPerEpoch: Math.max(...ours.map((o) => leakPerEpoch(o.tensorsPerEpoch))),
      plainFitTensorsLeakedPerEpoch: Math.max(...plain.map((o) => leakPerEpoch(o.tensorsPerEpoch))),
    };
    if (backend === 'webgpu') {
      const without = await plainFit(backend, sizes, false);
      results.webgpuSeparateIm2col = {
        plainFitSamplesPerSecWith: round(bestPlain),
        plainFitSamplesPerSecWithout: typeof without === 'string' ? without : round(without.samplesPerSec),
        speedup: typeof without === 'string' ? null : round(bestPlain / without.samplesPerSec),
      };
    }
  }
  return results;
}

const out = document.getElementById('out')!;
// ?suite=… runs one of the data benchmarks (bench/data.ts) instead of the training loops.
const suite = params.get('suite');
const work = suite === null ? run() : (DATA_SUITES[suite]?.(params) ?? Promise.reject(new Error(`unknown suite ${suite}`)));
work.then(
  (results) => {
    out.textContent = JSON.stringify(results, null, 2);
    (window as unknown as { __bench: unknown }).__bench = results;
  },
  (error: Error) => {
    out.textContent = `failed: ${error.message}`;
    (window as unknown as { __bench: unknown }).__bench = { error: error.message };
  },
);
