/**
 * The graph spec: the one serializable model description shared by the editor, the training
 * worker, the ONNX exporter and the tests. Plain data only (it crosses postMessage and is saved
 * in files), versioned so later readers can migrate older files.
 *
 * Shapes are per sample, without the batch dimension, in Keras/tfjs order: [H, W, C] for
 * images, [N] for vectors. The ONNX exporter converts to NCHW at its boundary.
 */

export const SPEC_FORMAT = 'netloom-graph';
export const SPEC_VERSION = 1;

export type Padding = 'same' | 'valid';

export type ActivationName =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'leakyRelu'
  | 'elu'
  | 'sigmoid'
  | 'tanh'
  | 'softmax'
  | 'swish';

export interface LayerParamsByKind {
  Input: { height: number; width: number; channels: number };
  Conv2D: {
    filters: number;
    kernelSize: number;
    strides: number;
    padding: Padding;
    dilation: number;
    activation: ActivationName;
    useBias: boolean;
  };
  DepthwiseConv2D: {
    kernelSize: number;
    strides: number;
    padding: Padding;
    depthMultiplier: number;
    activation: ActivationName;
    useBias: boolean;
  };
  SeparableConv2D: {
    filters: number;
    kernelSize: number;
    strides: number;
    padding: Padding;
    depthMultiplier: number;
    activation: ActivationName;
    useBias: boolean;
  };
  MaxPool2D: { poolSize: number; strides: number; padding: Padding };
  AvgPool2D: { poolSize: number; strides: number; padding: Padding };
  GlobalAveragePooling2D: Record<string, never>;
  BatchNormalization: { momentum: number; epsilon: number };
  Dropout: { rate: number };
  Flatten: Record<string, never>;
  Dense: { units: number; activation: ActivationName; useBias: boolean };
  Activation: { activation: ActivationName };
  Add: Record<string, never>;
  Concatenate: Record<string, never>;
  ZeroPadding2D: { padding: number };
  UpSampling2D: { size: number };
  /** Target shape per sample, e.g. [7, 7, 16] or [784]. */
  Reshape: { targetShape: number[] };
}

export type LayerKind = keyof LayerParamsByKind;

/** One node of the graph. `inputs` are ids of the nodes feeding it, in order (order matters for Concatenate). */
export type LayerNode = {
  [K in LayerKind]: {
    id: string;
    kind: K;
    params: LayerParamsByKind[K];
    inputs: string[];
    /** Canvas position, kept so a saved project reopens with the same layout. */
    position?: { x: number; y: number };
  };
}[LayerKind];

export type NodeOf<K extends LayerKind> = Extract<LayerNode, { kind: K }>;

export interface GraphSpec {
  format: typeof SPEC_FORMAT;
  version: typeof SPEC_VERSION;
  name: string;
  nodes: LayerNode[];
}

/** Per-sample tensor shape without batch: [H, W, C] or [N]. */
export type Shape = number[];

/** A trained weight array in tfjs/Keras layout (conv kernels HWIO, dense kernels [in, out]). */
export interface NamedWeight {
  /** Keras weight name without the layer prefix: kernel, bias, depthwise_kernel, pointwise_kernel, gamma, beta, moving_mean, moving_variance. */
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Trained weights of a whole model, keyed by node id. Nodes without weights are absent. */
export type ModelWeights = Record<string, NamedWeight[]>;
