/**
 * The typed contract between the page and the live worker, which classifies camera frames,
 * drawings and images with the current model on the runtime the user picked.
 */
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { ImageFit } from '$lib/datasets/shared/user-dataset';
import type { InputTransform } from '$lib/onnx/foreign/input';
import type { Locale } from '$lib/i18n/locale';

/** Where a frame is classified: ONNX Runtime Web on WebGPU or WASM, or TensorFlow.js. */
export type LiveRuntime = 'ort-webgpu' | 'ort-wasm' | 'tfjs';

export const LIVE_RUNTIMES: readonly LiveRuntime[] = ['ort-wasm', 'ort-webgpu', 'tfjs'];

/** A trained model: its graph, weights (tfjs layout) and the names of the classes it outputs, in order. */
export interface LiveModel {
  spec: GraphSpec;
  weights: ModelWeights;
  classes: string[];
}

/** A model opened from an ONNX file made elsewhere: its bytes and how an image becomes its input. */
export interface ForeignLiveModel {
  bytes: Uint8Array;
  input: InputTransform;
  /** The graph ends in Softmax; otherwise its outputs are logits. */
  probabilities: boolean;
  /** The batch size the file fixes (PyTorch without dynamic axes fixes its example's), or null when it is dynamic. */
  fixedBatch: number | null;
}

/**
 * WebGPU's outputs against WASM's on the same batch. A foreign model has no tfjs twin to check
 * against, and ORT's WebGPU kernels have been measured wrong on some convolutions.
 */
export type ProviderAgreement =
  | { kind: 'agree'; maxAbsDiff: number }
  | { kind: 'differ'; maxAbsDiff: number }
  | { kind: 'unavailable'; reason: string };

export interface LoadReport {
  runtime: LiveRuntime;
  /** e.g. "tfjs on webgl": which backend actually runs, for the user. */
  detail: string;
}

export interface Prediction {
  /** Class probabilities, in the model's class order. */
  probabilities: Float32Array;
  /** Milliseconds from the frame reaching the worker to the probabilities: preprocessing and inference. */
  ms: number;
  /** What the model saw: height × width × channels, uint8, so the page can show the crop. */
  input: Uint8Array;
}

/** An image the page hands to the worker: a camera's VideoFrame or a decoded picture; transferred, then closed there. */
export type LiveImage = ImageBitmap | VideoFrame;

/** How a camera frame or an image becomes the model's input. */
export interface FrameOptions {
  fit: ImageFit;
  /** Flip left–right first (a selfie camera). */
  mirror: boolean;
}

export interface LiveApi {
  /** Replaces the loaded model; rejects with a message when the runtime cannot run it here. */
  load(model: LiveModel, runtime: LiveRuntime): Promise<LoadReport>;
  /** Replaces the loaded model with a foreign one, on ONNX Runtime (WASM or WebGPU). */
  loadForeign(model: ForeignLiveModel, runtime: LiveRuntime): Promise<LoadReport>;
  /** Runs one batch on WASM and on WebGPU and compares them. */
  compareForeign(model: ForeignLiveModel): Promise<ProviderAgreement>;
  /** Classifies an image of any size (a camera frame, an uploaded picture); it is transferred and closed. */
  classifyImage(image: LiveImage, options: FrameOptions): Promise<Prediction>;
  /** Classifies pixels already at the model's input size (h × w × c, uint8), e.g. a preprocessed drawing. */
  classifyPixels(pixels: Uint8Array): Promise<Prediction>;
  /** The language of the errors the worker sends from now on. */
  setLocale(locale: Locale): void;
}
