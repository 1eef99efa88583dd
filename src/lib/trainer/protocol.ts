/**
 * The typed contract between the UI and the training worker. Everything here is plain data
 * (structured-clone safe); the worker implements `TrainerApi` and the UI reaches it via comlink.
 */
import type { GraphSpec, ModelWeights } from '../spec/types';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was not used, in words a user can act on. */
  reason?: string;
}

export interface BackendReport {
  active: BackendName;
  attempts: BackendAttempt[];
  /** e.g. "google swiftshader (software adapter)" when WebGPU is active. */
  adapter?: string;
  softwareAdapter?: boolean;
}

export interface ShapesDatasetRequest {
  kind: 'shapes';
  count: number;
  seed: number;
  valFraction: number;
}

export interface TrainRequest {
  spec: GraphSpec;
  dataset: ShapesDatasetRequest;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export type TrainEvent =
  | { type: 'start'; backend: BackendName; epochs: number; batchesPerEpoch: number; trainSamples: number; valSamples: number; classes: string[] }
  | { type: 'batch'; epoch: number; batch: number; step: number; loss: number; samplesPerSec: number }
  | {
      type: 'epoch';
      epoch: number;
      trainLoss: number;
      trainAcc: number;
      valLoss: number;
      valAcc: number;
      seconds: number;
      numTensors: number;
    }
  | { type: 'done'; reason: 'completed' | 'stopped' | 'diverged' | 'failed'; message?: string };

/** A batch of validation samples with the trained model's outputs, for checking exported models. */
export interface ValidationBatch {
  /** NHWC, values in [0, 1]. */
  images: Float32Array;
  shape: [number, number, number, number];
  labels: Uint8Array;
  /** tfjs model outputs, batch × classes. */
  outputs: Float32Array;
  classes: string[];
}

export interface TrainerApi {
  selectBackend(choice: BackendChoice): Promise<BackendReport>;
  train(request: TrainRequest, onEvent: (event: TrainEvent) => void): Promise<void>;
  stop(): void;
  /** Weights of the last trained model, in tfjs layout. */
  weights(): Promise<ModelWeights>;
  validationBatch(maxSamples: number): Promise<ValidationBatch>;
}
