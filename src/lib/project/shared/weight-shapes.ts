import { analyzeGraph } from '$lib/spec/analyze';
import type { GraphSpec, LayerNode, Shape } from '$lib/spec/types';

export interface WeightShape {
  name: string;
  shape: number[];
}

/** The weights tfjs gives a layer of this kind on this input (Keras names and layouts), as readWeights lists them. */
function layerWeights(node: LayerNode, input: Shape): WeightShape[] {
  const channels = input[input.length - 1];
  const bias = (useBias: boolean, size: number): WeightShape[] => (useBias ? [{ name: 'bias', shape: [size] }] : []);
  switch (node.kind) {
    case 'Conv2D': {
      const p = node.params;
      return [{ name: 'kernel', shape: [p.kernelSize, p.kernelSize, channels, p.filters] }, ...bias(p.useBias, p.filters)];
    }
    case 'DepthwiseConv2D': {
      const p = node.params;
      return [{ name: 'depthwise_kernel', shape: [p.kernelSize, p.kernelSize, channels, p.depthMultiplier] }, ...bias(p.useBias, channels * p.depthMultiplier)];
    }
    case 'SeparableConv2D': {
      const p = node.params;
      return [
        { name: 'depthwise_kernel', shape: [p.kernelSize, p.kernelSize, channels, p.depthMultiplier] },
        { name: 'pointwise_kernel', shape: [1, 1, channels * p.depthMultiplier, p.filters] },
        ...bias(p.useBias, p.filters),
      ];
    }
    case 'Dense':
      return [{ name: 'kernel', shape: [channels, node.params.units] }, ...bias(node.params.useBias, node.params.units)];
    case 'BatchNormalization':
      return ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((name) => ({ name, shape: [channels] }));
    default:
      return [];
  }
}

/**
 * Every weight a model built from `spec` has, by node id (nodes without weights are absent), or
 * null when the graph's shapes cannot be computed: weights are only ever checked against a graph
 * that trained, so a broken one fits none.
 */
export function weightShapes(spec: GraphSpec): Record<string, WeightShape[]> | null {
  const analysis = analyzeGraph(spec);
  if (!analysis.valid) return null;
  const result: Record<string, WeightShape[]> = {};
  for (const node of spec.nodes) {
    const input = node.inputs.length > 0 ? analysis.nodes[node.inputs[0]].shape : null;
    const weights = input ? layerWeights(node, input) : [];
    if (weights.length > 0) result[node.id] = weights;
  }
  return result;
}
