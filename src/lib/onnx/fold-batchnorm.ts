import type { GraphSpec, LayerNode, ModelWeights, NamedWeight, NodeOf } from '$lib/spec/types';

type FoldableConv = NodeOf<'Conv2D'> | NodeOf<'DepthwiseConv2D'>;

const KERNEL_NAME: Record<FoldableConv['kind'], string> = { Conv2D: 'kernel', DepthwiseConv2D: 'depthwise_kernel' };

function weight(weights: ModelWeights, id: string, name: string): NamedWeight | undefined {
  return weights[id]?.find((w) => w.name === name);
}

/** The conv a BatchNormalization can be folded into: linear, read by nothing but that BatchNormalization. */
function foldableProducer(spec: GraphSpec, bn: NodeOf<'BatchNormalization'>): FoldableConv | null {
  const producer = spec.nodes.find((n) => n.id === bn.inputs[0]);
  if (!producer || (producer.kind !== 'Conv2D' && producer.kind !== 'DepthwiseConv2D')) return null;
  if (producer.params.activation !== 'linear') return null;
  const readers = spec.nodes.filter((n) => n.inputs.includes(producer.id));
  return readers.length === 1 ? producer : null;
}

/**
 * The conv's kernel and bias with the BatchNormalization after it folded in: with
 * s = gamma / sqrt(variance + epsilon), every output channel's kernel is scaled by s and its bias
 * becomes (bias − mean) · s + beta. Kernels are channels-last (Keras HWIO, or HWIM for depthwise,
 * whose output channel c · mult + m is also the flat index modulo the channel count).
 */
function foldedWeights(conv: FoldableConv, bn: NodeOf<'BatchNormalization'>, weights: ModelWeights): NamedWeight[] | null {
  const stat = (name: string) => weight(weights, bn.id, name)?.data;
  const [gamma, beta, mean, variance] = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map(stat);
  const kernel = weight(weights, conv.id, KERNEL_NAME[conv.kind]);
  if (!gamma || !beta || !mean || !variance || !kernel) return null;
  const channels = gamma.length;
  const scale = Float64Array.from(gamma, (g, c) => g / Math.sqrt(variance[c] + bn.params.epsilon));
  const bias = conv.params.useBias ? weight(weights, conv.id, 'bias')?.data : new Float32Array(channels);
  if (!bias || bias.length !== channels) return null;
  return [
    { ...kernel, data: kernel.data.map((w, i) => w * scale[i % channels]) },
    { name: 'bias', shape: [channels], data: Float32Array.from(bias, (b, c) => (b - mean[c]) * scale[c] + beta[c]) },
  ];
}

/**
 * Folds each BatchNormalization that directly follows a linear Conv2D or DepthwiseConv2D (and is its
 * only reader) into that conv, for inference: one Conv instead of Conv + BatchNormalization, the
 * same outputs. Returns the spec and weights unchanged where nothing folds.
 */
export function foldBatchNorm(spec: GraphSpec, weights: ModelWeights): { spec: GraphSpec; weights: ModelWeights } {
  const folded = new Map<string, string>();
  const nextWeights: ModelWeights = { ...weights };
  const nodes = new Map<string, LayerNode>(spec.nodes.map((n) => [n.id, n]));
  for (const bn of spec.nodes) {
    if (bn.kind !== 'BatchNormalization') continue;
    const conv = foldableProducer(spec, bn);
    const merged = conv && foldedWeights(conv, bn, weights);
    if (!conv || !merged) continue;
    folded.set(bn.id, conv.id);
    nextWeights[conv.id] = merged;
    delete nextWeights[bn.id];
    nodes.set(conv.id, { ...conv, params: { ...conv.params, useBias: true } } as LayerNode);
    nodes.delete(bn.id);
  }
  if (folded.size === 0) return { spec, weights };
  const rewired = [...nodes.values()].map((n) => ({ ...n, inputs: n.inputs.map((id) => folded.get(id) ?? id) }) as LayerNode);
  return { spec: { ...spec, nodes: rewired }, weights: nextWeights };
}
