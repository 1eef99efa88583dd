/**
 * The typed contract between the UI and the training worker. Everything here is plain data
 * (structured-clone safe); the worker implements `TrainerApi` and the UI reaches it via comlink.
 */
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { TrainingConfig } from './config';
import type { AugmentConfig } from './augment';
import type { Evaluation } from './evaluation';
import type { InspectRequest, Inspection } from './inspection';
import type { Locale } from '$lib/i18n/locale';

import type { TfjsBackend } from '$lib/devices/shared/table';
import type { DatasetKey } from '$lib/datasets/shared/catalog';

export type BackendName = TfjsBackend;
export type BackendChoice = 'auto' | BackendName;

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was not used, in words a user can act on. */
  reason?: string;
}

/** Training speed of the model being trained, measured on one backend for 'auto'. */
export interface BackendSpeed {
  name: BackendName;
  samplesPerSec: number;
}

export interface BackendReport {
  active: BackendName;
  attempts: BackendAttempt[];
  /** What the backend runs on: e.g. "google swiftshader (software adapter)" for WebGPU, "SIMD, 2 threads" for wasm. */
  adapter?: string;
  softwareAdapter?: boolean;
  /** Present when 'auto' chose by measurement, fastest first. */
  speeds?: BackendSpeed[];
  /** The speeds came from an earlier measurement on this device for a model of this size. */
  speedsCached?: boolean;
}

/** Which dataset a run trains on and how much of it; `valFraction` applies to generated sets (fixed ones bring their own split). */
export interface DatasetRequest {
  kind: DatasetKey;
  count: number;
  seed: number;
  valFraction: number;
}

export interface TrainRequest {
  spec: GraphSpec;
  dataset: DatasetRequest;
  config: TrainingConfig;
  augment: AugmentConfig;
  /** Seeds shuffling, initial weights, dropout masks and augmentation. */
  seed: number;
  /** Write a checkpoint to IndexedDB after every epoch (off in benchmarks). */
  checkpoints: boolean;
}

export interface BatchPoint {
  /** Fractional epoch at the end of the batch. */
  x: number;
  loss: number;
  lr: number;
}

export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  trainAcc: number;
  valLoss: number;
  valAcc: number;
  seconds: number;
  numTensors: number;
  lr: number;
}

/** What the charts show; saved in checkpoints so a resumed run continues the same curves. */
export interface TrainHistory {
  batches: BatchPoint[];
  epochs: EpochPoint[];
  /** 1-based epoch with the lowest validation loss so far, when early stopping watches it. */
  bestEpoch: number | null;
}

export type DoneReason = 'completed' | 'stopped' | 'early-stopped' | 'diverged' | 'failed';

export type TrainEvent =
  | {
      type: 'start';
      backend: BackendName;
      epochs: number;
      /** 1 for a new run; the epoch after the checkpoint for a resumed one. */
      firstEpoch: number;
      batchesPerEpoch: number;
      trainSamples: number;
      valSamples: number;
      classes: string[];
      classCounts: number[];
      /** The class weights the loss uses, or null when unweighted. */
      classWeights: number[] | null;
      history: TrainHistory;
    }
  | { type: 'batch'; epoch: number; batch: number; step: number; loss: number; lr: number; samplesPerSec: number }
  | ({ type: 'epoch'; bestEpoch: number | null } & EpochPoint)
  | { type: 'checkpoint'; epoch: number }
  | {
      type: 'done';
      reason: DoneReason;
      message?: string;
      /** The worker's GPU device is unusable (lost, or rejecting work): the bridge replaces the worker. */
      restartWorker?: boolean;
    };

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

/** Augmented training images for the settings preview, NHWC in [0, 1]. */
export interface AugmentPreview {
  images: Float32Array;
  shape: [number, number, number, number];
}

export interface TrainerApi {
  /** For 'auto', `spec` is the model whose training speed decides. */
  selectBackend(choice: BackendChoice, spec?: GraphSpec): Promise<BackendReport>;
  train(request: TrainRequest, onEvent: (event: TrainEvent) => void): Promise<void>;
  /** Continues the run saved in the checkpoint store. */
  resume(onEvent: (event: TrainEvent) => void): Promise<void>;
  /** Resolves once the loop has halted between two steps, or at once when nothing runs. */
  pause(): Promise<void>;
  /** Continues a paused run. */
  proceed(): void;
  stop(): void;
  /** Answers as soon as the worker's event loop is free: the bridge's sign of life. */
  ping(): boolean;
  /** The language of the messages the worker sends from now on. */
  setLocale(locale: Locale): void;
  /** Weights of the last trained model, in tfjs layout. */
  weights(): Promise<ModelWeights>;
  /**
   * Makes a model trained elsewhere (a project file) the trained model: built from `spec`, given
   * `weights`; validation samples for checks come from `dataset` when this browser has it.
   */
  loadModel(spec: GraphSpec, weights: ModelWeights, dataset: DatasetRequest): Promise<void>;
  validationBatch(maxSamples: number): Promise<ValidationBatch>;
  /** The trained model on its held-out split (validation, or MNIST's test side), computed in batches. */
  evaluate(): Promise<Evaluation>;
  /** The evaluated split's samples at `positions`: uint8, height × width × channels each, one after another. */
  evaluationPixels(positions: number[]): Promise<Uint8Array>;
  /** One input through the trained model: probabilities, feature maps, first-layer filters and Grad-CAM. */
  inspect(request: InspectRequest): Promise<Inspection>;
  augmentPreview(dataset: DatasetRequest, augment: AugmentConfig, seed: number, count: number): Promise<AugmentPreview>;
}
