import type { LayerNode, ModelWeights } from '$lib/spec/types';
import { lowerActivation } from './activations';
import type { GraphBuilder, Value } from './graph-builder';
import { lowerAdd, lowerBatchNorm, lowerConcatenate, lowerDense } from './ops-core';
import { lowerConv2D, lowerDepthwiseConv2D, lowerSeparableConv2D } from './ops-conv';
import { lowerGlobalAveragePooling, lowerPool } from './ops-pool';
import { lowerFlatten, lowerReshape, lowerUpSampling, lowerZeroPadding } from './ops-shape';

/** Emits the ONNX nodes of one non-Input spec node and returns its output tensor. */
export function lowerNode(b: GraphBuilder, node: LayerNode, inputs: Value[], weights: ModelWeights): Value {
  const [x] = inputs;
  switch (node.kind) {
    case 'Input':
      throw new Error(`Input node "${node.id}" is the graph input, not an operation`);
    case 'Conv2D':
      return lowerConv2D(b, node, x, weights);
    case 'DepthwiseConv2D':
      return lowerDepthwiseConv2D(b, node, x, weights);
    case 'SeparableConv2D':
      return lowerSeparableConv2D(b, node, x, weights);
    case 'MaxPool2D':
    case 'AvgPool2D':
      return lowerPool(b, node, x);
    case 'GlobalAveragePooling2D':
      return lowerGlobalAveragePooling(b, node, x);
    case 'BatchNormalization':
      return lowerBatchNorm(b, node, x, weights);
    case 'Dropout':
      // Inference-time identity.
      return x;
    case 'Flatten':
      return lowerFlatten(b, node, x);
    case 'Dense':
      return lowerDense(b, node, x, weights);
    case 'Activation':
      return lowerActivation(b, node.id, x, node.params.activation);
    case 'Add':
      return lowerAdd(b, node, inputs);
    case 'Concatenate':
      return lowerConcatenate(b, node, inputs);
    case 'ZeroPadding2D':
      return lowerZeroPadding(b, node, x);
    case 'UpSampling2D':
      return lowerUpSampling(b, node, x);
    case 'Reshape':
      return lowerReshape(b, node, x);
  }
}
