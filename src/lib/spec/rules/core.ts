import { choices, elementwise, firstError, formatShape, inRange, positiveInts, shapeSize, stats, type Rules } from './common';

export const CORE_RULES: Rules<'Input' | 'BatchNormalization' | 'Dropout' | 'Activation' | 'Flatten' | 'Dense'> = {
  Input: ({ params: p }) =>
    positiveInts('Input', p, ['height', 'width', 'channels']) ?? stats([p.height, p.width, p.channels], 0, 0),

  BatchNormalization: ({ params: p }, [input]) => {
    const kind = 'BatchNormalization';
    const bad = firstError(
      inRange(kind, 'momentum', p.momentum, (v) => v >= 0 && v < 1, '[0, 1)'),
      inRange(kind, 'epsilon', p.epsilon, (v) => v > 0, '(0, ∞)'),
    );
    if (bad) return bad;
    // gamma, beta (trained) and moving mean/variance (updated, not trained) per channel; at
    // inference it folds to one multiply and one add per value.
    const channels = input[input.length - 1];
    return elementwise(2, input, 4 * channels, 2 * channels);
  },

  // Identity at inference, so it costs nothing.
  Dropout: ({ params: p }, [input]) =>
    inRange('Dropout', 'rate', p.rate, (v) => v >= 0 && v < 1, '[0, 1)') ?? elementwise(0, input),

  // One op per value; the exact cost of exp/tanh differs by backend and is not modelled.
  Activation: ({ params: p }, [input]) => choices('Activation', p, ['activation']) ?? elementwise(1, input),

  Flatten: (_node, [input]) => {
    if (input.length < 2) {
      return { error: `Flatten needs an image input (H×W×C), got ${formatShape(input)}`, hint: 'remove the Flatten: its input is already a vector' };
    }
    return stats([shapeSize(input)], 0, 0);
  },

  Dense: ({ params: p }, [input]) => {
    const bad = firstError(positiveInts('Dense', p, ['units']), choices('Dense', p, ['activation', 'useBias']));
    if (bad) return bad;
    if (input.length !== 1) {
      return { error: `Dense needs a vector input, got ${formatShape(input)}`, hint: 'insert Flatten (or GlobalAvgPool) before Dense' };
    }
    const macs = input[0] * p.units;
    return stats([p.units], macs + (p.useBias ? p.units : 0), macs);
  },
};
