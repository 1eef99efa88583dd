import type * as tfType from '@tensorflow/tfjs';
import type { GraphSpec } from '../../src/lib/spec/types';
import { sinkIds } from '../../src/lib/spec/graph';

/** True when the model's last layer already ends in softmax, so its outputs are probabilities. */
export function endsInSoftmax(spec: GraphSpec): boolean {
  const [outputId] = sinkIds(spec);
  const output = spec.nodes.find((n) => n.id === outputId);
  return Boolean(output && 'activation' in output.params && output.params.activation === 'softmax');
}

/** Models that end in logits are trained through a softmax so both kinds learn the same way. */
export function probabilityMap(tf: typeof tfType, spec: GraphSpec): (out: tfType.Tensor2D) => tfType.Tensor2D {
  return endsInSoftmax(spec) ? (out) => out : (out) => tf.softmax(out);
}
