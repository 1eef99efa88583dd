import type { Shape } from '$lib/spec/types';
import { elementwise, formatShape, needsImage, shapeSize, stats, type Rules } from './common';
import { m } from '$lib/i18n/messages';

function describeAll(shapes: Shape[]): string {
  return (shapes.map(formatShape)).join(m.shapesVersusJoin());
}

export const MERGE_SHAPE_RULES: Rules<'Add' | 'Concatenate' | 'ZeroPadding2D' | 'UpSampling2D' | 'Reshape'> = {
  Add: (_node, inputs) => {
    const first = inputs[0];
    const other = inputs.find((s) => formatShape(s) !== formatShape(first));
    if (other) {
      return { error: m.addNeedsEqualShapes({ shapes: describeAll([first, other]) }), hint: m.addNeedsEqualShapesHint() };
    }
    // n inputs take n-1 adds per value.
    return elementwise(inputs.length - 1, first);
  },

  // Keras concatenates along the last (channel) axis; every other axis must agree. A copy, no ops.
  Concatenate: (_node, inputs) => {
    const first = inputs[0];
    const rankMismatch = inputs.find((s) => s.length !== first.length);
    if (rankMismatch) {
      return { error: m.concatNeedsSameRank({ shapes: describeAll([first, rankMismatch]) }), hint: m.concatNeedsSameRankHint() };
    }
    const leading = (s: Shape) => formatShape(s.slice(0, -1));
    const sizeMismatch = inputs.find((s) => leading(s) !== leading(first));
    if (sizeMismatch) {
      return { error: m.concatNeedsSameSize({ shapes: describeAll([first, sizeMismatch]) }), hint: m.concatNeedsSameSizeHint() };
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
      return { error: m.reshapeSizeMismatch({ target: formatShape(target), needed, has }), hint: m.reshapeSizeMismatchHint({ has }) };
    }
    return stats([...target], 0, 0);
  },
};
