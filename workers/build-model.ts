import type * as tfType from '@tensorflow/tfjs';
import { sinkIds, topologicalOrder } from '../src/lib/spec/graph';
import type { GraphSpec } from '../src/lib/spec/types';
import { applyNode } from './model/layers';

export { readWeights, writeWeights } from './model/weights';

/**
 * Builds a tfjs functional model from a spec. Every layer is named after its node id so weights
 * map back to nodes; a fused activation tfjs cannot express adds a layer named `${id}__act`.
 * With a seed, the same spec and seed always give the same initial weights.
 *
 * The tf namespace is passed in so the worker and the Node tests share this code with whichever
 * tfjs build and backend they loaded.
 */
export function buildModel(tf: typeof tfType, spec: GraphSpec, seed?: number): tfType.LayersModel {
  const topo = topologicalOrder(spec);
  if (!topo.ok) throw new Error(`Graph has a cycle through: ${topo.cycle.join(', ')}`);
  const inputs = spec.nodes.filter((n) => n.kind === 'Input');
  const sinks = sinkIds(spec);
  if (inputs.length !== 1) throw new Error(`Model needs exactly one Input node, found ${inputs.length}`);
  if (sinks.length !== 1) throw new Error(`Model needs exactly one output node, found: ${sinks.join(', ')}`);

  const outputs = new Map<string, tfType.SymbolicTensor>();
  for (const node of topo.order) {
    if (node.kind === 'Input') {
      const { height, width, channels } = node.params;
      outputs.set(node.id, tf.input({ name: node.id, shape: [height, width, channels] }));
      continue;
    }
    const args = node.inputs.map((id) => {
      const t = outputs.get(id);
      if (!t) throw new Error(`Node "${node.id}" reads unknown node "${id}"`);
      return t;
    });
    outputs.set(node.id, applyNode(tf, node, args, seed));
  }
  return tf.model({ name: spec.name, inputs: outputs.get(inputs[0].id)!, outputs: outputs.get(sinks[0])! });
}
