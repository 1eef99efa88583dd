import type * as tfType from '@tensorflow/tfjs';
import { foldGraph } from '$lib/spec/graph';
import type { GraphSpec, LayerNode } from '$lib/spec/types';
import { ACTIVATION_SUFFIX } from '$workers/model/layers';

type Tensor = tfType.Tensor;

/** One node's value replaced by a given tensor: what Grad-CAM differentiates with respect to. */
export interface Substitute {
  id: string;
  value: Tensor;
}

/**
 * Runs the trained model's layers one node at a time (inference mode), keeping every node's
 * output by id. With `substitute`, that node's output is the given tensor and everything
 * downstream is computed from it, so tf.grad of an output with respect to it is exact on any
 * graph, Add and Concatenate included: branches that bypass the node enter as constants.
 * Call inside tf.tidy.
 */
export function runGraph(model: tfType.LayersModel, spec: GraphSpec, input: Tensor, substitute?: Substitute): Map<string, Tensor> {
  const layers = new Map(model.layers.map((layer) => [layer.name, layer]));
  const values = new Map<string, Tensor>();
  const apply = (node: LayerNode, args: Tensor[]): Tensor => {
    if (substitute?.id === node.id) return substitute.value;
    const layer = layers.get(node.id);
    if (!layer) throw new Error(`The trained model has no layer "${node.id}"`);
    const out = layer.apply(args.length === 1 ? args[0] : args) as Tensor;
    const activation = layers.get(`${node.id}${ACTIVATION_SUFFIX}`);
    return activation ? (activation.apply(out) as Tensor) : out;
  };
  foldGraph<Tensor>(
    spec,
    (node) => {
      values.set(node.id, input);
      return input;
    },
    (node, args) => {
      const out = apply(node, args);
      values.set(node.id, out);
      return out;
    },
  );
  return values;
}

/**
 * The class scores before any softmax (Grad-CAM's y^c): a softmax saturates near certainty and
 * would leave almost no gradient. A Dense output with a fused softmax is recomputed without it;
 * a softmax Activation node yields its input; any other output is taken as scores already.
 */
export function classScores(tf: typeof tfType, model: tfType.LayersModel, spec: GraphSpec, values: Map<string, Tensor>, outputId: string): Tensor {
  const node = spec.nodes.find((n) => n.id === outputId)!;
  const output = values.get(outputId)!;
  if (node.kind === 'Activation' && node.params.activation === 'softmax') return values.get(node.inputs[0])!;
  if (node.kind === 'Dense' && node.params.activation === 'softmax') {
    const [kernel, bias] = model.getLayer(node.id).getWeights();
    const logits = tf.matMul(values.get(node.inputs[0])! as tfType.Tensor2D, kernel as tfType.Tensor2D);
    return node.params.useBias ? tf.add(logits, bias) : logits;
  }
  return output;
}
