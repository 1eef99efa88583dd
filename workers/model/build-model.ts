import type * as tfType from '@tensorflow/tfjs';
import { foldGraph } from '$lib/spec/graph';
import type { GraphSpec } from '$lib/spec/types';
import { applyNode } from './layers';

export { readWeights, writeWeights } from './weights';

/**
 * Builds a tfjs functional model from a spec. Every layer is named after its node id so weights
 * map back to nodes; a fused activation tfjs cannot express adds a layer named `${id}__act`.
 * With a seed, the same spec and seed always give the same initial weights.
 *
 * The tf namespace is passed in so the worker and the Node tests share this code with whichever
 * tfjs build and backend they loaded.
 */
export function buildModel(tf: typeof tfType, spec: GraphSpec, seed?: number): tfType.LayersModel {
  const { input, output } = foldGraph<tfType.SymbolicTensor>(
    spec,
    (node) => tf.input({ name: node.id, shape: [node.params.height, node.params.width, node.params.channels] }),
    (node, args) => applyNode(tf, node, args, seed),
  );
  return tf.model({ name: spec.name, inputs: input, outputs: output });
}
