import type * as tfType from '@tensorflow/tfjs';
import type { ActivationName, LayerNode } from '$lib/spec/types';
import { LEAKY_RELU_ALPHA } from '$lib/spec/activation-params';
import { layerSeed } from './seed';
import { StepDropout } from './dropout';

type Tf = typeof tfType;
type Sym = tfType.SymbolicTensor;
type Initializer = ReturnType<Tf['initializers']['glorotUniform']>;
type ActivationIdentifier = NonNullable<Parameters<Tf['layers']['activation']>[0]>['activation'];

/** Suffix of the extra layer that applies a fused activation tfjs layers cannot take as a string. */
export const ACTIVATION_SUFFIX = '__act';

/** The layers' `activation` string, or null when it needs a layer of its own (only leakyRelu). */
function fusedActivation(activation: ActivationName): ActivationIdentifier | null {
  return activation === 'leakyRelu' ? null : activation;
}

function activationLayer(tf: Tf, activation: ActivationName, name: string): tfType.layers.Layer {
  return activation === 'leakyRelu'
    ? tf.layers.leakyReLU({ alpha: LEAKY_RELU_ALPHA, name })
    : tf.layers.activation({ activation, name });
}

/** Applies a main layer, then the separate activation layer when the activation could not be fused. */
function withActivation(tf: Tf, layer: tfType.layers.Layer, input: Sym, id: string, activation: ActivationName): Sym {
  const out = layer.apply(input) as Sym;
  if (fusedActivation(activation) !== null) return out;
  return activationLayer(tf, activation, `${id}${ACTIVATION_SUFFIX}`).apply(out) as Sym;
}

/**
 * Glorot-uniform initialiser, seeded per layer when the model has a seed. `salt` tells apart the
 * kernels of one layer (separable conv has two).
 */
function glorot(tf: Tf, seed: number | undefined, id: string, salt = ''): Initializer {
  return tf.initializers.glorotUniform(seed === undefined ? {} : { seed: layerSeed(seed, id, salt) });
}

/** Adds the tfjs layer(s) for one non-Input node, named after the node id, and returns its output. */
export function applyNode(tf: Tf, node: LayerNode, inputs: Sym[], seed: number | undefined): Sym {
  const name = node.id;
  const [x] = inputs;
  switch (node.kind) {
    case 'Input':
      throw new Error(`Input node "${name}" cannot be applied to other tensors`);
    case 'Conv2D': {
      const p = node.params;
      const layer = tf.layers.conv2d({
        name,
        filters: p.filters,
        kernelSize: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        dilationRate: p.dilation,
        activation: fusedActivation(p.activation) ?? 'linear',
        useBias: p.useBias,
        kernelInitializer: glorot(tf, seed, name),
      });
      return withActivation(tf, layer, x, name, p.activation);
    }
    case 'DepthwiseConv2D': {
      const p = node.params;
      const layer = tf.layers.depthwiseConv2d({
        name,
        kernelSize: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        depthMultiplier: p.depthMultiplier,
        activation: fusedActivation(p.activation) ?? 'linear',
        useBias: p.useBias,
        depthwiseInitializer: glorot(tf, seed, name),
      });
      return withActivation(tf, layer, x, name, p.activation);
    }
    case 'SeparableConv2D': {
      const p = node.params;
      const layer = tf.layers.separableConv2d({
        name,
        filters: p.filters,
        kernelSize: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        depthMultiplier: p.depthMultiplier,
        activation: fusedActivation(p.activation) ?? 'linear',
        useBias: p.useBias,
        depthwiseInitializer: glorot(tf, seed, name, 'depthwise'),
        pointwiseInitializer: glorot(tf, seed, name, 'pointwise'),
      });
      return withActivation(tf, layer, x, name, p.activation);
    }
    case 'Dense': {
      const p = node.params;
      const layer = tf.layers.dense({
        name,
        units: p.units,
        activation: fusedActivation(p.activation) ?? 'linear',
        useBias: p.useBias,
        kernelInitializer: glorot(tf, seed, name),
      });
      return withActivation(tf, layer, x, name, p.activation);
    }
    case 'MaxPool2D':
      return tf.layers.maxPooling2d({ name, ...node.params }).apply(x) as Sym;
    case 'AvgPool2D':
      return tf.layers.averagePooling2d({ name, ...node.params }).apply(x) as Sym;
    case 'GlobalAveragePooling2D':
      return tf.layers.globalAveragePooling2d({ name }).apply(x) as Sym;
    case 'BatchNormalization':
      return tf.layers.batchNormalization({ name, ...node.params }).apply(x) as Sym;
    case 'Dropout':
      return new StepDropout({ name, rate: node.params.rate, seed }).apply(x) as Sym;
    case 'Flatten':
      return tf.layers.flatten({ name }).apply(x) as Sym;
    case 'Activation':
      return activationLayer(tf, node.params.activation, name).apply(x) as Sym;
    case 'Add':
      return tf.layers.add({ name }).apply(inputs) as Sym;
    case 'Concatenate':
      return tf.layers.concatenate({ name, axis: -1 }).apply(inputs) as Sym;
    case 'ZeroPadding2D':
      return tf.layers.zeroPadding2d({ name, padding: node.params.padding }).apply(x) as Sym;
    case 'UpSampling2D': {
      const s = node.params.size;
      return tf.layers.upSampling2d({ name, size: [s, s], interpolation: 'nearest' }).apply(x) as Sym;
    }
    case 'Reshape':
      // Copied: tfjs rewrites -1 entries of the array it is given to null, which would corrupt the spec.
      return tf.layers.reshape({ name, targetShape: [...node.params.targetShape] }).apply(x) as Sym;
  }
}
