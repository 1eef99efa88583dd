/**
 * The only module that imports onnxruntime-web. Its WASM binary is served from the app's own
 * origin (no CDN), and calls are queued because ORT-web fails when sessions start concurrently.
 */
import * as ort from 'onnxruntime-web';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import type { OrtProvider } from '$lib/devices/shared/table';

ort.env.wasm.wasmPaths = { wasm: wasmUrl };
// One thread: the bundled build cannot spawn its pthread workers from a Vite chunk, and the models here are tiny.
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

/**
 * `disable_quant_qdq` lets constant folding dequantize int8 weights (DequantizeLinear on an
 * initializer) once at load instead of on every run: measured on WASM, weight-only int8 then runs
 * as fast as float, while ORT's default QDQ handling kept the per-run dequantization (up to 1.5×
 * slower). Float models are unaffected.
 */
const sessionOptions = (provider: OrtProvider): ort.InferenceSession.SessionOptions => ({
  executionProviders: [provider],
  graphOptimizationLevel: 'all',
  extra: { session: { disable_quant_qdq: '1' } },
});

export interface InferenceResult {
  output: Float32Array;
  dims: readonly number[];
  /** Mean latency of the timed runs, after one warm-up run. */
  latencyMs: number;
}

let queue: Promise<unknown> = Promise.resolve();

function serialised<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

/** Runs an ONNX model (input named `input`, NCHW) on one execution provider. */
export function runModel(
  model: Uint8Array,
  provider: OrtProvider,
  input: Float32Array,
  dims: readonly number[],
  timedRuns = 3,
): Promise<InferenceResult> {
  return serialised(async () => {
    const session = await ort.InferenceSession.create(model, sessionOptions(provider));
    try {
      const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, dims) };
      const run = async () => {
        const results = await session.run(feeds);
        return results[session.outputNames[0]];
      };
      await run();
      const started = performance.now();
      let out = await run();
      for (let i = 1; i < timedRuns; i++) out = await run();
      const latencyMs = (performance.now() - started) / timedRuns;
      return { output: (await out.getData()) as Float32Array, dims: out.dims, latencyMs };
    } finally {
      await session.release();
    }
  });
}

/** A model kept open for many runs (the live demo), on one execution provider. */
export interface OpenModel {
  provider: OrtProvider;
  run(input: Float32Array, dims: readonly number[]): Promise<{ output: Float32Array; dims: readonly number[] }>;
  release(): Promise<void>;
}

/** Opens `model` on `provider`; runs go through the same queue as every other ORT call. */
export function openModel(model: Uint8Array, provider: OrtProvider): Promise<OpenModel> {
  return serialised(async () => {
    const session = await ort.InferenceSession.create(model, sessionOptions(provider));
    return {
      provider,
      run: (input, dims) =>
        serialised(async () => {
          const results = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, dims) });
          const out = results[session.outputNames[0]];
          return { output: (await out.getData()) as Float32Array, dims: out.dims };
        }),
      release: () => serialised(() => session.release()),
    };
  });
}
