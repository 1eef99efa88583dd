/**
 * "Inside the network": what the worker sends back about one input passed through the trained
 * model — every image layer's feature maps, the first conv layer's filters and a Grad-CAM heat
 * map. Plain data with typed arrays, transferred, never copied.
 */

/** Feature maps shown per layer at most: a grid of more is unreadable and slow to draw. */
export const MAX_MAPS = 32;
/** Filters of the first conv layer shown at most. */
export const MAX_FILTERS = 32;

/** A validation sample (its position in the evaluated split), or pixels at the model's input size. */
export type InspectInput = { kind: 'sample'; position: number } | { kind: 'pixels'; pixels: Uint8Array };

export interface InspectRequest {
  input: InspectInput;
  /** The class Grad-CAM explains; the predicted one when absent. */
  classIndex?: number;
}

export interface FeatureMaps {
  /** The node id, as in the editor. */
  id: string;
  kind: string;
  height: number;
  width: number;
  /** All channels of the layer; `shown` of them (the first) are in `maps`. */
  channels: number;
  shown: number;
  /** `shown` images of height × width, one after another, each stretched from its own min..max to 0..255. */
  maps: Uint8Array;
  min: Float32Array;
  max: Float32Array;
}

export interface Filters {
  id: string;
  /** Kernel height and width. */
  size: number;
  /** 3 when each filter is an RGB image (a conv on an RGB input), else 1 (mean over input channels). */
  channels: 1 | 3;
  /** All filters of the layer; the first `shown` are in `pixels`. */
  count: number;
  shown: number;
  /** size × size × channels each, one after another, on one scale for all: `min` → 0, `max` → 255. */
  pixels: Uint8Array;
  min: number;
  max: number;
}

export interface GradCam {
  /** The conv layer whose activations are weighted. */
  layer: string;
  classIndex: number;
  /** Input height × width, in [0, 1]. */
  map: Float32Array;
}

export interface Inspection {
  height: number;
  width: number;
  channels: number;
  /** The input exactly as the model saw it (uint8, height × width × channels). */
  pixels: Uint8Array;
  classes: string[];
  /** The true class of a validation sample; absent for pixels. */
  label?: number;
  /** Samples in the split a `sample` input indexes (0 without one). */
  sampleCount: number;
  probabilities: Float32Array;
  predicted: number;
  layers: FeatureMaps[];
  /** Absent when the model has no conv layer. */
  filters?: Filters;
  /** Absent when the model has no conv layer. */
  gradCam?: GradCam;
}
