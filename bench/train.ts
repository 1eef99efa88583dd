/**
 * The `train` suite of bench.html: for each backend and model, NetLoom's worker training loop
 * against a plain model.fit of the same model and data, in one page so both see the same machine
 * state, interleaved round by round. One row per (backend, model) of the benchmark contract.
 */
import * as Comlink from 'comlink';
import type { GraphSpec } from '$lib/spec/types';
import type { BackendName, TrainEvent, TrainerApi } from '$lib/training/shared/protocol';
import { throughput, type LoopTiming, type PlainFitApi, type PlainFitRequest } from './protocol';
import { BATCH, best, leakPerEpoch, LR, MODELS, round, SEED, trainRequest, type Sizes } from './train-plan';

// Software WebGPU trains ~20–100 samples/s here: a smaller set keeps the whole run to minutes.
const FULL: Record<BackendName | 'wasm', Sizes> = { webgpu: { samples: 400, epochs: 4 }, webgl: { samples: 1000, epochs: 4 }, wasm: { samples: 1000, epochs: 4 }, cpu: { samples: 800, epochs: 4 } };
/** `quick`: one timed epoch after the warm-up, on a few batches: checks the harness, not the figures. */
const QUICK: Record<BackendName | 'wasm', Sizes> = { webgpu: { samples: 40, epochs: 2 }, webgl: { samples: 80, epochs: 2 }, wasm: { samples: 160, epochs: 2 }, cpu: { samples: 80, epochs: 2 } };

// Each `new Worker(new URL(…))` is written out in full: that is the pattern Vite bundles as a worker.
function wrap<T>(w: Worker): { api: Comlink.Remote<T>; close: () => void } {
  return { api: Comlink.wrap<T>(w), close: () => w.terminate() };
}

async function netloom(backend: BackendName, spec: GraphSpec, sizes: Sizes): Promise<LoopTiming | string> {
  const { api, close } = wrap<TrainerApi>(new Worker(new URL('../workers/trainer.worker.ts', import.meta.url), { type: 'module' }));
  try {
    const report = await api.selectBackend(backend);
    if (report.active !== backend) return `${backend} unavailable: ${report.attempts.map((a) => a.reason).join('; ')}`;
    const request = trainRequest(spec, sizes);
    const seconds: number[] = [];
    const tensorsPerEpoch: number[] = [];
    let trainSamples = 0;
    let failure: string | undefined;
    let finished: () => void = () => undefined;
    // Events come through their own channel: `train` may resolve before the last epoch's arrives.
    const done = new Promise<void>((resolve) => (finished = resolve));
    const onEvent = (e: TrainEvent) => {
      if (e.type === 'start') trainSamples = e.trainSamples;
      if (e.type === 'epoch') {
        seconds.push(e.seconds);
        tensorsPerEpoch.push(e.numTensors);
      }
      if (e.type === 'done') {
        if (e.reason !== 'completed') failure = e.message ?? e.reason;
        finished();
      }
    };
    await Promise.all([api.train(request, Comlink.proxy(onEvent)), done]);
    return failure ?? { samplesPerSec: throughput(trainSamples, seconds), tensorsPerEpoch, build: report.adapter };
  } finally {
    close();
  }
}

async function plainFit(backend: BackendName, spec: GraphSpec, sizes: Sizes, im2col: boolean, wasmThreads?: number): Promise<LoopTiming | string> {
  const { api, close } = wrap<PlainFitApi>(new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module' }));
  const request: PlainFitRequest = { backend, spec, samples: sizes.samples, epochs: sizes.epochs, batchSize: BATCH, learningRate: LR, seed: SEED, im2col, wasmThreads };
  try {
    return await api.fit(request);
  } catch (error) {
    return `${backend} plain fit failed: ${(error as Error).message}`;
  } finally {
    close();
  }
}

/**
 * tfjs's wasm backend runs threads only where the page is cross-origin isolated (SharedArrayBuffer):
 * the full run (bench/run.mjs) runs wasm once on the app's isolated origin and once with COOP/COEP stripped.
 */
function rowName(backend: BackendName): string {
  return backend === 'wasm' && !crossOriginIsolated ? 'wasm-nothreads' : backend;
}

async function row(backend: BackendName, model: string, sizes: Sizes, rounds: number, controls: boolean): Promise<Record<string, unknown>> {
  const spec = MODELS[model]();
  const ours: LoopTiming[] = [];
  const plain: LoopTiming[] = [];
  const started = performance.now();
  // Rounds of (NetLoom, plain fit), interleaved so slow spells of a shared machine hit both.
  for (let r = 0; r < rounds; r++) {
    const a = await netloom(backend, spec, sizes);
    if (typeof a === 'string') return { backend, model: spec.name, error: a };
    const b = await plainFit(backend, spec, sizes, true);
    if (typeof b === 'string') return { backend, model: spec.name, error: b };
    ours.push(a);
    plain.push(b);
  }
  const [bestOurs, bestPlain] = [best(ours), best(plain)];
  const result: Record<string, unknown> = {
    backend: rowName(backend),
    model: spec.name,
    app_sps: round(bestOurs),
    raw_sps: round(bestPlain),
    ratio: round(bestOurs / bestPlain),
    leaked_tensors_per_epoch: Math.max(...ours.map((o) => leakPerEpoch(o.tensorsPerEpoch))),
    raw_leaked_tensors_per_epoch: Math.max(...plain.map((o) => leakPerEpoch(o.tensorsPerEpoch))),
    samples: sizes.samples,
    epochs: sizes.epochs,
    batch: BATCH,
    rounds: ours.map((o, i) => ({ app_sps: round(o.samplesPerSec), raw_sps: round(plain[i].samplesPerSec) })),
    wall_seconds: Math.round((performance.now() - started) / 1000),
  };
  if (backend === 'wasm') Object.assign(result, { cross_origin_isolated: crossOriginIsolated, app_build: ours[0].build, raw_build: plain[0].build });
  if (backend === 'wasm' && crossOriginIsolated && controls) {
    // The app leaves tfjs's default, half the logical cores (1 of 2 here): plain fit on every core shows what threads would give.
    const all = await plainFit(backend, spec, sizes, true, navigator.hardwareConcurrency);
    result.raw_sps_all_threads = typeof all === 'string' ? all : round(all.samplesPerSec);
    if (typeof all !== 'string') result.raw_all_threads_build = all.build;
  }
  if (backend === 'webgpu' && controls) {
    // tfjs's WEBGPU_CONV_SEPARATE_IM2COL_SHADER, which the app's worker turns on: plain fit without it.
    const without = await plainFit(backend, spec, sizes, false);
    result.raw_sps_without_separate_im2col = typeof without === 'string' ? without : round(without.samplesPerSec);
  }
  return result;
}

/** `?suite=train&backends=webgpu,webgl,cpu&models=default,lenet5&rounds=2[&quick]`. */
export async function trainSuite(params: URLSearchParams): Promise<Record<string, unknown>[]> {
  const backends = (params.get('backends') ?? 'webgpu,webgl,cpu').split(',') as BackendName[];
  const models = (params.get('models') ?? 'default,lenet5').split(',');
  const rounds = Number(params.get('rounds') ?? 2);
  const quick = params.has('quick');
  const rows: Record<string, unknown>[] = [];
  for (const backend of backends) {
    for (const model of models) {
      if (!(model in MODELS)) throw new Error(`unknown model ${model}`);
      rows.push(await row(backend, model, (quick ? QUICK : FULL)[backend], rounds, !quick));
    }
  }
  return rows;
}
