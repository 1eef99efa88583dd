import { ACTIVATIONS, PADDINGS, activationFields, choice, convFields, count, real, type ParamField } from './layer-fields';
import type { LayerKind, LayerParamsByKind } from './types';

export { ACTIVATIONS };

/** Palette and inspector metadata for one layer kind. */
export interface LayerInfo<K extends LayerKind = LayerKind> {
  kind: K;
  label: string;
  group: 'Input' | 'Convolution' | 'Pooling' | 'Core' | 'Merge' | 'Shape';
  defaults: LayerParamsByKind[K];
  /** Every parameter, in inspector order, with its widget and allowed values: nothing is guessed from a value. */
  fields: ParamField<LayerParamsByKind[K]>[];
  /** How many inputs the node takes: exactly 0 or 1, or at least 2 (merge layers). */
  arity: 0 | 1 | 'many';
}

function poolFields(): ParamField<LayerParamsByKind['MaxPool2D']>[] {
  return [count('poolSize', 'poolSize', 1, 64), count('strides', 'strides', 1, 16), choice('padding', 'padding', PADDINGS)];
}

const conv = { kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true } as const;

export const LAYERS: { [K in LayerKind]: LayerInfo<K> } = {
  Input: {
    kind: 'Input',
    label: 'Input',
    group: 'Input',
    defaults: { height: 28, width: 28, channels: 1 },
    fields: [count('height', 'height', 1, 1024), count('width', 'width', 1, 1024), count('channels', 'channels', 1, 64)],
    arity: 0,
  },
  Conv2D: {
    kind: 'Conv2D',
    label: 'Conv2D',
    group: 'Convolution',
    defaults: { filters: 8, kernelSize: 3, strides: 1, padding: 'same', dilation: 1, activation: 'relu', useBias: true },
    fields: [count('filters', 'filters', 1, 1024), ...convFields(), count('dilation', 'dilation', 1, 16), ...activationFields()],
    arity: 1,
  },
  DepthwiseConv2D: {
    kind: 'DepthwiseConv2D',
    label: 'DepthwiseConv2D',
    group: 'Convolution',
    defaults: { depthMultiplier: 1, ...conv },
    fields: [count('depthMultiplier', 'depthMultiplier', 1, 16), ...convFields(), ...activationFields()],
    arity: 1,
  },
  SeparableConv2D: {
    kind: 'SeparableConv2D',
    label: 'SeparableConv2D',
    group: 'Convolution',
    defaults: { filters: 16, depthMultiplier: 1, ...conv },
    fields: [count('filters', 'filters', 1, 1024), count('depthMultiplier', 'depthMultiplier', 1, 16), ...convFields(), ...activationFields()],
    arity: 1,
  },
  MaxPool2D: {
    kind: 'MaxPool2D',
    label: 'MaxPool2D',
    group: 'Pooling',
    defaults: { poolSize: 2, strides: 2, padding: 'valid' },
    fields: poolFields(),
    arity: 1,
  },
  AvgPool2D: {
    kind: 'AvgPool2D',
    label: 'AvgPool2D',
    group: 'Pooling',
    defaults: { poolSize: 2, strides: 2, padding: 'valid' },
    fields: poolFields(),
    arity: 1,
  },
  GlobalAveragePooling2D: {
    kind: 'GlobalAveragePooling2D',
    label: 'GlobalAvgPool',
    group: 'Pooling',
    defaults: {},
    fields: [],
    arity: 1,
  },
  BatchNormalization: {
    kind: 'BatchNormalization',
    label: 'BatchNorm',
    group: 'Core',
    defaults: { momentum: 0.99, epsilon: 0.001 },
    fields: [real('momentum', 'momentum', { min: 0, max: 1, maxOpen: true }, 0.01), real('epsilon', 'epsilon', { min: 0, max: 1, minOpen: true }, 0.0001)],
    arity: 1,
  },
  Dropout: {
    kind: 'Dropout',
    label: 'Dropout',
    group: 'Core',
    defaults: { rate: 0.25 },
    fields: [real('rate', 'rate', { min: 0, max: 1, maxOpen: true }, 0.05)],
    arity: 1,
  },
  Flatten: {
    kind: 'Flatten',
    label: 'Flatten',
    group: 'Shape',
    defaults: {},
    fields: [],
    arity: 1,
  },
  Dense: {
    kind: 'Dense',
    label: 'Dense',
    group: 'Core',
    defaults: { units: 32, activation: 'relu', useBias: true },
    fields: [count('units', 'units', 1, 4096), ...activationFields()],
    arity: 1,
  },
  Activation: {
    kind: 'Activation',
    label: 'Activation',
    group: 'Core',
    defaults: { activation: 'relu' },
    fields: [choice('activation', 'activation', ACTIVATIONS)],
    arity: 1,
  },
  Add: {
    kind: 'Add',
    label: 'Add',
    group: 'Merge',
    defaults: {},
    fields: [],
    arity: 'many',
  },
  Concatenate: {
    kind: 'Concatenate',
    label: 'Concatenate',
    group: 'Merge',
    defaults: {},
    fields: [],
    arity: 'many',
  },
  ZeroPadding2D: {
    kind: 'ZeroPadding2D',
    label: 'ZeroPadding2D',
    group: 'Shape',
    defaults: { padding: 1 },
    fields: [count('padding', 'paddingPixels', 0, 64)],
    arity: 1,
  },
  UpSampling2D: {
    kind: 'UpSampling2D',
    label: 'UpSampling2D',
    group: 'Shape',
    defaults: { size: 2 },
    fields: [count('size', 'size', 1, 16)],
    arity: 1,
  },
  Reshape: {
    kind: 'Reshape',
    label: 'Reshape',
    group: 'Shape',
    defaults: { targetShape: [784] },
    // Downstream layers and the ONNX exporter only understand [N] and [H, W, C].
    fields: [{ key: 'targetShape', label: 'targetShape', widget: 'shape', ranks: [1, 3], dimension: { min: 1, max: 1_000_000, integer: true } }],
    arity: 1,
  },
};

export const LAYER_KINDS = Object.keys(LAYERS) as LayerKind[];
