import type { Shape } from '$lib/spec/types';
import { elementwise, formatShape, needsImage, shapeSize, stats, type Rules } from './common';

function describeAll(shapes: Shape[]): string {
  return shapes.map(formatShape).join(' vs ');
}

export const MERGE_SHAPE_RULES: Rules<'Add' | 'Concatenate' | 'ZeroPadding2D' | 'UpSampling2D' | 'Reshape'> = {
  Add: (_node, inputs) => {
    const first = inputs[0];
    const other = inputs.find((s) => formatShape(s) !== formatShape(first));
    if (other) {
      return { error: `Add needs equal shapes: ${describeAll([first, other])}`, hint: 'add a 1×1 Conv2D projection on the shortcut' };
    }
    // n inputs take n-1 adds per value.
    return elementwise(inputs.length - 1, first);
  },

  // Keras concatenates along the last (channel) axis; every other axis must agree. A copy, no ops.
  Concatenate: (_node, inputs) => {
    const first = inputs[0];
    const rankMismatch = inputs.find((s) => s.length !== first.length);
    if (rankMismatch) {
      return {
        error: `Concatenate needs inputs of the same rank: ${describeAll([first, rankMismatch])}`,
        hint: 'Flatten the image inputs first, or concatenate images only with images',
      };
    }
    const leading = (s: Shape) => formatShape(s.slice(0, -1));
    const sizeMismatch = inputs.find((s) => leading(s) !== leading(first));
    if (sizeMismatch) {
      return {
        error: `Concatenate needs equal shapes except channels: ${describeAll([first, sizeMismatch])}`,
        hint: 'pool or stride the larger input so height and width match',
      };
    }
    const channels = inputs.reduce((sum, s) => sum + s[s.length - 1], 0);
    return stats([...first.slice(0, -1), channels], 0, 0);
  },

  // Padding 0 is a harmless no-op in Keras, so the registry allows it. A copy, no ops.
  ZeroPadding2D: ({ params: p }, [input]) => {
    const bad = needsImage('ZeroPadding2D', input);
    if (bad) return bad;
    const [h, w, c] = input;
    return stats([h + 2 * p.padding, w + 2 * p.padding, c], 0, 0);
  },

  // Nearest-neighbour repeat: a copy, no ops.
  UpSampling2D: ({ params: p }, [input]) => {
    const bad = needsImage('UpSampling2D', input);
    if (bad) return bad;
    const [h, w, c] = input;
    return stats([h * p.size, w * p.size, c], 0, 0);
  },

  // The registry has checked the target: [N] or [H, W, C] of positive whole numbers.
  Reshape: ({ params: p }, [input]) => {
    const target = p.targetShape;
    const needed = shapeSize(target);
    const has = shapeSize(input);
    if (needed !== has) {
      return {
        error: `Reshape to ${formatShape(target)} needs ${needed} values, input has ${has}`,
        hint: `choose a target shape whose values multiply to ${has}`,
      };
    }
    return stats([...target], 0, 0);
  },
};
