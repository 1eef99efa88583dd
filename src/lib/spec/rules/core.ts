import { elementwise, formatShape, shapeSize, stats, type Rules } from './common';
import { m } from '$lib/i18n/messages';

export const CORE_RULES: Rules<'Input' | 'BatchNormalization' | 'Dropout' | 'Activation' | 'Flatten' | 'Dense'> = {
  Input: ({ params: p }) => stats([p.height, p.width, p.channels], 0, 0),

  BatchNormalization: (_node, [input]) => {
    // gamma, beta (trained) and moving mean/variance (updated, not trained) per channel; at
    // inference it folds to one multiply and one add per value.
    const channels = input[input.length - 1];
    return elementwise(2, input, 4 * channels, 2 * channels);
  },

  // Identity at inference, so it costs nothing.
  Dropout: (_node, [input]) => elementwise(0, input),

  // One op per value; the exact cost of exp/tanh differs by backend and is not modelled.
  Activation: (_node, [input]) => elementwise(1, input),

  Flatten: (_node, [input]) => {
    if (input.length < 2) {
      return { error: m.flattenNeedsImage({ shape: formatShape(input) }), hint: m.flattenNeedsImageHint() };
    }
    return stats([shapeSize(input)], 0, 0);
  },

  Dense: ({ params: p }, [input]) => {
    if (input.length !== 1) {
      return { error: m.denseNeedsVector({ shape: formatShape(input) }), hint: m.denseNeedsVectorHint() };
    }
    const macs = input[0] * p.units;
    return stats([p.units], macs + (p.useBias ? p.units : 0), macs);
  },
};
