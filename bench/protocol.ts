import type { BackendName } from '$lib/training/shared/protocol';
import type { GraphSpec } from '$lib/spec/types';

/** One timed run of a training loop: the first epoch (shader compilation, uploads) is left out. */
export interface LoopTiming {
  samplesPerSec: number;
  /** tf.memory().numTensors after each epoch. */
  tensorsPerEpoch: number[];
  /** wasm only: the build that ran (SIMD or not, threads). */
  build?: string;
}

export interface PlainFitRequest {
  /** `wasm` in the Node bench (bench/node-train.ts); the browser fit worker takes the app's backends. */
  backend: BackendName | 'wasm';
  spec: GraphSpec;
  samples: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** WEBGPU_CONV_SEPARATE_IM2COL_SHADER; ignored on other backends. */
  im2col: boolean;
  /** wasm: threads to ask for (prepareWasm's option); absent: the app's default. */
  wasmThreads?: number;
}

export interface PlainFitApi {
  fit(request: PlainFitRequest): Promise<LoopTiming>;
}

/** Throughput after the warm-up epoch: later epochs' samples over their summed duration. */
export function throughput(trainSamples: number, epochSeconds: number[]): number {
  const timed = epochSeconds.slice(1);
  return (trainSamples * timed.length) / timed.reduce((a, b) => a + b, 0);
}
