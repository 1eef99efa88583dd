import type { ModelWeights } from '$lib/spec/types';

/** A node's weight by Keras name, checked against the shape the graph implies. */
export function takeWeight(weights: ModelWeights, nodeId: string, name: string, shape: readonly number[]): Float32Array {
  const w = weights[nodeId]?.find((candidate) => candidate.name === name);
  if (!w) throw new Error(`Missing weight ${nodeId}/${name}`);
  if (w.shape.join() !== shape.join()) {
    throw new Error(`Weight ${nodeId}/${name} has shape [${w.shape}], the graph needs [${shape}]`);
  }
  if (w.data.length !== shape.reduce((a, b) => a * b, 1)) {
    throw new Error(`Weight ${nodeId}/${name} holds ${w.data.length} values for shape [${shape}]`);
  }
  return w.data;
}
