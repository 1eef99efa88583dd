import { ACTIVATIONS, LAYERS } from './layers';
import type { LayerKind, LayerNode, NodeOf, Padding, Shape } from './types';

/**
 * Per-layer shape, parameter and cost rules. They mirror Keras/tfjs exactly (channels-last
 * [H, W, C], batch excluded) so the numbers shown in the editor match what tfjs builds.
 *
 * Cost convention: `flops` counts multiply-accumulates (MACs) for Conv/Dense-like layers, as Keras
 * style summaries and papers (e.g. MobileNet) do; bias adds and fused activations are excluded.
 * Layers without multiplies count one op per elementary step (comparison or add), noted per rule.
 */

export interface LayerStats {
  shape: Shape;
  params: number;
  trainableParams: number;
  flops: number;
}

/** Why a layer cannot be built, in words for the user, with a suggested fix. */
export interface LayerError {
  error: string;
  hint?: string;
}

export type InferResult = LayerStats | LayerError;

type Check = LayerError | null;
type Rule<K extends LayerKind> = (node: NodeOf<K>, inputShapes: Shape[]) => InferResult;

export function isLayerError(result: InferResult): result is LayerError {
  return 'error' in result;
}

/** "28×28×1" for images, "10" for vectors, "?" when unknown. */
export function formatShape(shape: Shape | null): string {
  return shape === null ? '?' : shape.join('×');
}

/** Number of values in a tensor of this shape. */
export function shapeSize(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Checks the number of inputs against the kind's arity (and rejects kinds this version does not
 * know, which can only come from files). Zero inputs is phrased as a connection problem because
 * that is how it happens in the editor: a layer dropped on the canvas and never wired.
 */
export function arityError(kind: LayerKind, inputCount: number): Check {
  const info = LAYERS[kind] as (typeof LAYERS)[LayerKind] | undefined;
  if (!info) return { error: `Unknown layer kind '${String(kind)}'`, hint: 'delete this layer; this version of NetLoom cannot build it' };
  if (info.arity === 0) {
    return inputCount === 0 ? null : { error: `${kind} takes no inputs, got ${inputCount}`, hint: 'remove the connections into the Input' };
  }
  if (inputCount === 0) {
    return { error: `Not connected: ${kind} has no input`, hint: 'connect the output of the layer before it into this layer' };
  }
  if (info.arity === 1 && inputCount !== 1) {
    return { error: `${kind} takes exactly 1 input, got ${inputCount}`, hint: 'merge the branches with Add or Concatenate first' };
  }
  if (info.arity === 'many' && inputCount < 2) {
    return { error: `${kind} needs at least 2 inputs, got ${inputCount}`, hint: `connect the other branch too, or delete the ${kind}` };
  }
  return null;
}

/** Shape, parameter count and cost of one layer given its input shapes, or why it is invalid. */
export function inferLayer(node: LayerNode, inputShapes: Shape[]): InferResult {
  const arity = arityError(node.kind, inputShapes.length);
  if (arity) return arity;
  const rule = RULES[node.kind] as Rule<LayerKind>;
  return rule(node as never, inputShapes);
}

function stats(shape: Shape, params: number, flops: number, trainableParams = params): LayerStats {
  return { shape, params, trainableParams, flops };
}

function firstError(...checks: Check[]): Check {
  return checks.find((c) => c !== null) ?? null;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function read(params: object, name: string): unknown {
  return (params as Record<string, unknown>)[name];
}

function wholeNumbers<P extends object>(kind: LayerKind, params: P, names: (keyof P & string)[], min: 0 | 1): Check {
  for (const name of names) {
    const value = read(params, name);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      const what = min === 1 ? 'a positive whole number' : 'a whole number ≥ 0';
      return { error: `${kind} ${name} must be ${what}, got ${show(value)}`, hint: `set ${name} to ${min} or more` };
    }
  }
  return null;
}

function positiveInts<P extends object>(kind: LayerKind, params: P, names: (keyof P & string)[]): Check {
  return wholeNumbers(kind, params, names, 1);
}

function oneOf<P extends object>(kind: LayerKind, params: P, name: keyof P & string, allowed: readonly unknown[]): Check {
  const value = read(params, name);
  if (allowed.includes(value)) return null;
  return { error: `${kind} ${name} must be one of ${allowed.map(show).join(', ')}, got ${show(value)}`, hint: `pick a ${name} from the list` };
}

const CHOICES = { padding: ['same', 'valid'], activation: ACTIVATIONS, useBias: [true, false] } as const;

/** Enumerated fields are checked too because specs read from files may carry anything. */
function choices<P extends object>(kind: LayerKind, params: P, names: (keyof P & keyof typeof CHOICES)[]): Check {
  return firstError(...names.map((name) => oneOf(kind, params, name, CHOICES[name])));
}

function inRange(kind: LayerKind, name: string, value: unknown, ok: (v: number) => boolean, range: string): Check {
  if (typeof value === 'number' && ok(value)) return null;
  return { error: `${kind} ${name} must be in ${range}, got ${show(value)}`, hint: `set ${name} within ${range}` };
}

function needsImage(kind: LayerKind, input: Shape): Check {
  if (input.length === 3) return null;
  return {
    error: `${kind} needs an image input (H×W×C), got ${formatShape(input)}`,
    hint: 'image layers must come before Flatten/Dense; use Reshape to turn a vector into H×W×C',
  };
}

/** Keras conv_output_length: 'same' pads so only the stride shrinks the map; 'valid' does not pad. */
function windowLength(size: number, k: number, stride: number, padding: Padding, dilation: number): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - dilation * (k - 1) - 1) / stride) + 1;
}

interface Window {
  label: string;
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
  const stride = win.stride === 1 ? '' : ` stride=${win.stride}`;
  const dilation = win.dilation === 1 ? '' : ` dilation=${win.dilation}`;
  const sizeWord = win.label === 'k' ? 'kernel' : 'pool size';
  return {
    error: `${kind} ${win.label}=${win.k}${stride}${dilation} ${win.padding} on ${formatShape(input)}: output would be ${Math.max(0, oh)}×${Math.max(0, ow)}`,
    hint: `use padding same, a smaller ${sizeWord}, or remove a pooling layer before it`,
  };
}

type ConvParams = { kernelSize: number; strides: number; padding: Padding };

/** Shared by the three convolutions: output grid, or why there is none. */
function convGrid(kind: LayerKind, p: ConvParams, input: Shape, dilation = 1): [number, number] | LayerError {
  return outputGrid(kind, input, { label: 'k', k: p.kernelSize, stride: p.strides, padding: p.padding, dilation });
}

function pool({ kind, params: p }: NodeOf<'MaxPool2D' | 'AvgPool2D'>, [input]: Shape[]): InferResult {
  const bad = firstError(positiveInts(kind, p, ['poolSize', 'strides']), choices(kind, p, ['padding']), needsImage(kind, input));
  if (bad) return bad;
  const grid = outputGrid(kind, input, { label: 'pool', k: p.poolSize, stride: p.strides, padding: p.padding, dilation: 1 });
  if ('error' in grid) return grid;
  const [oh, ow] = grid;
  // One comparison (max) or add (average) per window element.
  return stats([oh, ow, input[2]], 0, oh * ow * input[2] * p.poolSize * p.poolSize);
}

/** Element-wise layers that keep the shape; `opsPerValue` is their per-value cost. */
function elementwise(opsPerValue: number, input: Shape, params = 0, trainable = params): LayerStats {
  return stats([...input], params, opsPerValue * shapeSize(input), trainable);
}

function describeAll(shapes: Shape[]): string {
  return shapes.map(formatShape).join(' vs ');
}

const RULES: { [K in LayerKind]: Rule<K> } = {
  Input: ({ params: p }) =>
    positiveInts('Input', p, ['height', 'width', 'channels']) ?? stats([p.height, p.width, p.channels], 0, 0),

  Conv2D: ({ params: p }, [input]) => {
    const bad = firstError(
      positiveInts('Conv2D', p, ['filters', 'kernelSize', 'strides', 'dilation']),
      choices('Conv2D', p, ['padding', 'activation', 'useBias']),
      needsImage('Conv2D', input),
      // tfjs rejects this combination at build time ("Either strides or dilations must be 1").
      p.strides > 1 && p.dilation > 1
        ? { error: `Conv2D cannot combine strides ${p.strides} with dilation ${p.dilation}`, hint: 'set strides or dilation to 1' }
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
    const bad = firstError(positiveInts(kind, p, ['kernelSize', 'strides', 'depthMultiplier']), choices(kind, p, ['padding', 'activation', 'useBias']), needsImage(kind, input));
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
    const bad = firstError(
      positiveInts(kind, p, ['filters', 'kernelSize', 'strides', 'depthMultiplier']),
      choices(kind, p, ['padding', 'activation', 'useBias']),
      needsImage(kind, input),
    );
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

  // Padding 0 is a harmless no-op in Keras, so only negatives are rejected. A copy, no ops.
  ZeroPadding2D: ({ params: p }, [input]) => {
    const bad = firstError(wholeNumbers('ZeroPadding2D', p, ['padding'], 0), needsImage('ZeroPadding2D', input));
    if (bad) return bad;
    const [h, w, c] = input;
    return stats([h + 2 * p.padding, w + 2 * p.padding, c], 0, 0);
  },

  // Nearest-neighbour repeat: a copy, no ops.
  UpSampling2D: ({ params: p }, [input]) => {
    const bad = firstError(positiveInts('UpSampling2D', p, ['size']), needsImage('UpSampling2D', input));
    if (bad) return bad;
    const [h, w, c] = input;
    return stats([h * p.size, w * p.size, c], 0, 0);
  },

  Reshape: ({ params: p }, [input]) => {
    const target = p.targetShape as unknown;
    const valid = Array.isArray(target) && target.every((d) => Number.isInteger(d) && d > 0);
    // Downstream layers and the ONNX exporter only understand [N] and [H, W, C].
    if (!valid || (target.length !== 1 && target.length !== 3)) {
      return {
        error: `Reshape targetShape must be [N] or [H, W, C] of positive whole numbers, got ${JSON.stringify(target)}`,
        hint: 'set targetShape to e.g. [784] or [7, 7, 16]',
      };
    }
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
