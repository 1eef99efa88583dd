import type { LayerKind, NodeOf, Padding, Shape } from '$lib/spec/types';
import { m } from '$lib/i18n/messages';
import { firstError, formatShape, needsImage, shapeSize, stats, type InferResult, type LayerError, type Rules } from './common';

/** Keras conv_output_length: 'same' pads so only the stride shrinks the map; 'valid' does not pad. */
function windowLength(size: number, k: number, stride: number, padding: Padding, dilation: number): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - dilation * (k - 1) - 1) / stride) + 1;
}

interface Window {
  label: 'k' | 'pool';
  k: number;
  stride: number;
  padding: Padding;
  dilation: number;
}

/** Output height and width of a sliding window, or an error stating the arithmetic that failed. */
function outputGrid(kind: LayerKind, input: Shape, win: Window): [number, number] | LayerError {
  const [h, w] = input;
  const oh = windowLength(h, win.k, win.stride, win.padding, win.dilation);
  const ow = windowLength(w, win.k, win.stride, win.padding, win.dilation);
  if (oh > 0 && ow > 0) return [oh, ow];
  const window = m.windowNotation({ label: win.label, size: win.k, stride: win.stride === 1 ? '' : ` stride=${win.stride}`, dilation: win.dilation === 1 ? '' : ` dilation=${win.dilation}`, padding: win.padding });
  return {
    error: m.outputTooSmall({ kind, window, input: formatShape(input), height: Math.max(0, oh), width: Math.max(0, ow) }),
    hint: m.outputTooSmallHint({ window: win.label === 'k' ? 'kernel' : 'pool' }),
  };
}

type ConvParams = { kernelSize: number; strides: number; padding: Padding };

/** Shared by the three convolutions: output grid, or why there is none. */
function convGrid(kind: LayerKind, p: ConvParams, input: Shape, dilation = 1): [number, number] | LayerError {
  return outputGrid(kind, input, { label: 'k', k: p.kernelSize, stride: p.strides, padding: p.padding, dilation });
}

function pool({ kind, params: p }: NodeOf<'MaxPool2D' | 'AvgPool2D'>, [input]: Shape[]): InferResult {
  const bad = needsImage(kind, input);
  if (bad) return bad;
  const grid = outputGrid(kind, input, { label: 'pool', k: p.poolSize, stride: p.strides, padding: p.padding, dilation: 1 });
  if ('error' in grid) return grid;
  const [oh, ow] = grid;
  // One comparison (max) or add (average) per window element.
  return stats([oh, ow, input[2]], 0, oh * ow * input[2] * p.poolSize * p.poolSize);
}

export const CONV_RULES: Rules<'Conv2D' | 'DepthwiseConv2D' | 'SeparableConv2D' | 'MaxPool2D' | 'AvgPool2D' | 'GlobalAveragePooling2D'> = {
  Conv2D: ({ params: p }, [input]) => {
    const bad = firstError(
      needsImage('Conv2D', input),
      // tfjs rejects this combination at build time ("Either strides or dilations must be 1").
      p.strides > 1 && p.dilation > 1
        ? { error: m.stridesWithDilation({ strides: p.strides, dilation: p.dilation }), hint: m.stridesWithDilationHint() }
        : null,
    );
    if (bad) return bad;
    const grid = convGrid('Conv2D', p, input, p.dilation);
    if ('error' in grid) return grid;
    const [oh, ow] = grid;
    const cin = input[2];
    const k2 = p.kernelSize * p.kernelSize;
    const params = k2 * cin * p.filters + (p.useBias ? p.filters : 0);
    return stats([oh, ow, p.filters], params, oh * ow * p.filters * k2 * cin);
  },

  DepthwiseConv2D: ({ params: p }, [input]) => {
    const kind = 'DepthwiseConv2D';
    const bad = needsImage(kind, input);
    if (bad) return bad;
    const grid = convGrid(kind, p, input);
    if ('error' in grid) return grid;
    const [oh, ow] = grid;
    const cout = input[2] * p.depthMultiplier;
    const k2 = p.kernelSize * p.kernelSize;
    return stats([oh, ow, cout], k2 * cout + (p.useBias ? cout : 0), oh * ow * cout * k2);
  },

  SeparableConv2D: ({ params: p }, [input]) => {
    const kind = 'SeparableConv2D';
    const bad = needsImage(kind, input);
    if (bad) return bad;
    const grid = convGrid(kind, p, input);
    if ('error' in grid) return grid;
    const [oh, ow] = grid;
    const mid = input[2] * p.depthMultiplier;
    const depthwise = p.kernelSize * p.kernelSize * mid;
    const pointwise = mid * p.filters;
    // Keras puts the bias only after the pointwise step.
    const params = depthwise + pointwise + (p.useBias ? p.filters : 0);
    return stats([oh, ow, p.filters], params, oh * ow * (depthwise + pointwise));
  },

  MaxPool2D: pool,
  AvgPool2D: pool,

  GlobalAveragePooling2D: (_node, [input]) => {
    const bad = needsImage('GlobalAveragePooling2D', input);
    if (bad) return bad;
    // One add per input value.
    return stats([input[2]], 0, shapeSize(input));
  },
};
