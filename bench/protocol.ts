import type { BackendName } from '$lib/training/shared/protocol';
import type { GraphSpec } from '$lib/spec/types';

/** One timed run of a training loop: the first epoch (shader compilation, uploads) is left out. */
export interface LoopTiming {
  samplesPerSec: number;
  /** tf.memory().numTensors after each epoch. */
  tensorsPerEpoch: number[];
}

export interface PlainFitRequest {
  backend: BackendName;
  spec: GraphSpec;
  samples: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** WEBGPU_CONV_SEPARATE_IM2COL_SHADER; ignored on other backends. */
  im2col: boolean;
}

export interface PlainFitApi {
  fit(request: PlainFitRequest): Promise<LoopTiming>;
}

/** Throughput after the warm-up epoch: later epochs' samples over their summed duration. */
export function throughput(trainSamples: number, epochSeconds: number[]): number {
  const timed = epochSeconds.slice(1);
  return (trainSamples * timed.length) / timed.reduce((a, b) => a + b, 0);
}
