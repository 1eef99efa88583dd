import { sinkIds } from './graph';
import type { GraphSpec, NodeOf } from './types';

/** True when the model's last layer already ends in softmax, so its outputs are probabilities. */
export function endsInSoftmax(spec: GraphSpec): boolean {
  const [outputId] = sinkIds(spec);
  const output = spec.nodes.find((n) => n.id === outputId);
  return Boolean(output && 'activation' in output.params && output.params.activation === 'softmax');
}

/** The image size the model takes (its single Input), or undefined when it has none. */
export function inputFormat(spec: GraphSpec): { height: number; width: number; channels: number } | undefined {
  const input = spec.nodes.find((n): n is NodeOf<'Input'> => n.kind === 'Input');
  return input && { height: input.params.height, width: input.params.width, channels: input.params.channels };
}
