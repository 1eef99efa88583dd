/**
 * Each spec node as PyTorch: the submodule its constructor creates, the line of forward() that
 * computes it, and its weights in PyTorch layout under their state_dict names. Tensors are NCHW
 * for images and [N, F] for vectors; shapes tracked here stay in Keras order ([H, W, C] or [F])
 * because that is how the spec, the weights and spatialPadding speak.
 */
import { LEAKY_RELU_ALPHA } from '$lib/spec/activation-params';
import type { ActivationName, LayerNode, ModelWeights, NodeOf, Padding } from '$lib/spec/types';
import { depthwiseToOihw, hwioToOihw, transpose } from '$lib/onnx/layout';
import { spatialPadding } from '$lib/onnx/padding';
import { takeWeight } from '$lib/onnx/weights';
import type { NpyArray } from './npz';
import { float, num, roundOff, tuple } from './python';

/** A computed tensor: the Python local holding it and its per-sample Keras shape. */
export interface Value {
  name: string;
  shape: number[];
}

/** What one node adds to the generated module. */
export interface Lowered {
  /** Constructor line, `self.<attr> = …`, or none for layers without state. */
  init?: string;
  /** Right-hand side of the forward() line that computes the node. */
  expr: string;
  shape: number[];
  /** state_dict entries (without the attribute prefix) in PyTorch layout. */
  tensors: Record<string, NpyArray>;
  /** Prelude helpers the expression calls. */
  helpers?: Helper[];
}

export type Helper = 'avg_pool_same';

const NCHW_TO_NHWC = '.permute(0, 2, 3, 1)';
const NHWC_TO_NCHW = '.permute(0, 3, 1, 2)';

/** The PyTorch form of a tfjs activation applied to `x`; softmax runs over the channel / feature axis, dim 1 in both layouts. */
export function activation(x: string, name: ActivationName): string {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return `F.relu(${x})`;
    case 'relu6':
      return `F.relu6(${x})`;
    case 'leakyRelu':
      return `F.leaky_relu(${x}, ${float(LEAKY_RELU_ALPHA)})`;
    case 'elu':
      return `F.elu(${x})`;
    case 'sigmoid':
      return `torch.sigmoid(${x})`;
    case 'tanh':
      return `torch.tanh(${x})`;
    case 'softmax':
      return `F.softmax(${x}, dim=1)`;
    case 'swish':
      return `F.silu(${x})`;
  }
}

interface Window {
  kernel: number;
  strides: number;
  padding: Padding;
  dilation: number;
}

/**
 * TF's padding of a window over an image. PyTorch's own `padding` argument pads both sides
 * equally; TF puts the odd pixel of 'same' at the end, which needs an explicit F.pad first.
 */
function windowPadding(shape: readonly number[], w: Window) {
  const geo = spatialPadding(w.padding, shape, w.kernel, w.strides, w.dilation);
  const [top, left, bottom, right] = geo.pads;
  const symmetric = top === bottom && left === right;
  return {
    out: [geo.outHeight, geo.outWidth],
    /** For the layer's own `padding=` argument. */
    inside: symmetric ? (top === left ? num(top) : tuple([top, left])) : '0',
    /** F.pad's (left, right, top, bottom), when the padding is lopsided. */
    before: symmetric ? null : tuple([left, right, top, bottom]),
  };
}

const padded = (x: string, before: string | null, value = '') => (before ? `F.pad(${x}, ${before}${value})` : x);

function conv2d(inChannels: number, outChannels: number, w: Window, inside: string, groups: number, bias: boolean): string {
  const args = [num(inChannels), num(outChannels), num(w.kernel)];
  if (w.strides !== 1) args.push(`stride=${num(w.strides)}`);
  if (inside !== '0') args.push(`padding=${inside}`);
  if (w.dilation !== 1) args.push(`dilation=${num(w.dilation)}`);
  if (groups !== 1) args.push(`groups=${num(groups)}`);
  if (!bias) args.push('bias=False');
  return `nn.Conv2d(${args.join(', ')})`;
}

function biasTensor(weights: ModelWeights, id: string, useBias: boolean, size: number): Record<string, NpyArray> {
  return useBias ? { bias: { shape: [size], data: takeWeight(weights, id, 'bias', [size]) } } : {};
}

function lowerConv(node: NodeOf<'Conv2D'>, x: Value, attr: string, weights: ModelWeights): Lowered {
  const { id, params: p } = node;
  const w = { kernel: p.kernelSize, strides: p.strides, padding: p.padding, dilation: p.dilation };
  const pad = windowPadding(x.shape, w);
  const shape = [p.kernelSize, p.kernelSize, x.shape[2], p.filters];
  return {
    init: `self.${attr} = ${conv2d(x.shape[2], p.filters, w, pad.inside, 1, p.useBias)}`,
    expr: activation(`self.${attr}(${padded(x.name, pad.before)})`, p.activation),
    shape: [...pad.out, p.filters],
    tensors: {
      weight: { shape: [p.filters, x.shape[2], p.kernelSize, p.kernelSize], data: hwioToOihw(takeWeight(weights, id, 'kernel', shape), shape) },
      ...biasTensor(weights, id, p.useBias, p.filters),
    },
  };
}

/** A depthwise conv is a grouped conv with one group per input channel; tfjs orders outputs channel-major, as PyTorch does. */
function depthwise(id: string, x: Value, p: NodeOf<'DepthwiseConv2D'>['params'], weights: ModelWeights, useBias: boolean) {
  const w = { kernel: p.kernelSize, strides: p.strides, padding: p.padding, dilation: 1 };
  const pad = windowPadding(x.shape, w);
  const channels = x.shape[2];
  const out = channels * p.depthMultiplier;
  const shape = [p.kernelSize, p.kernelSize, channels, p.depthMultiplier];
  return {
    module: conv2d(channels, out, w, pad.inside, channels, useBias),
    input: padded(x.name, pad.before),
    shape: [...pad.out, out],
    weight: { shape: [out, 1, p.kernelSize, p.kernelSize], data: depthwiseToOihw(takeWeight(weights, id, 'depthwise_kernel', shape), shape) },
  };
}

function lowerDepthwise(node: NodeOf<'DepthwiseConv2D'>, x: Value, attr: string, weights: ModelWeights): Lowered {
  const { id, params: p } = node;
  const d = depthwise(id, x, p, weights, p.useBias);
  return {
    init: `self.${attr} = ${d.module}`,
    expr: activation(`self.${attr}(${d.input})`, p.activation),
    shape: d.shape,
    tensors: { weight: d.weight, ...biasTensor(weights, id, p.useBias, d.shape[2]) },
  };
}

/** Keras's SeparableConv2D: a depthwise conv without bias, then a 1×1 conv that carries the bias. */
function lowerSeparable(node: NodeOf<'SeparableConv2D'>, x: Value, attr: string, weights: ModelWeights): Lowered {
  const { id, params: p } = node;
  const d = depthwise(id, x, p, weights, false);
  const mid = d.shape[2];
  const shape = [1, 1, mid, p.filters];
  const pointwise = conv2d(mid, p.filters, { kernel: 1, strides: 1, padding: 'valid', dilation: 1 }, '0', 1, p.useBias);
  return {
    init: `self.${attr} = nn.Sequential(OrderedDict(depthwise=${d.module}, pointwise=${pointwise}))`,
    expr: activation(`self.${attr}(${d.input})`, p.activation),
    shape: [d.shape[0], d.shape[1], p.filters],
    tensors: {
      'depthwise.weight': d.weight,
      'pointwise.weight': { shape: [p.filters, mid, 1, 1], data: hwioToOihw(takeWeight(weights, id, 'pointwise_kernel', shape), shape) },
      ...Object.fromEntries(Object.entries(biasTensor(weights, id, p.useBias, p.filters)).map(([k, v]) => [`pointwise.${k}`, v])),
    },
  };
}

function lowerPool(node: NodeOf<'MaxPool2D'> | NodeOf<'AvgPool2D'>, x: Value, attr: string): Lowered {
  const { poolSize, strides, padding } = node.params;
  const w = { kernel: poolSize, strides, padding, dilation: 1 };
  const pad = windowPadding(x.shape, w);
  const shape = [...pad.out, x.shape[2]];
  const args = [num(poolSize), num(strides)];
  if (pad.inside !== '0') args.push(`padding=${pad.inside}`);
  if (node.kind === 'MaxPool2D') {
    // Padding never wins a max: -inf, which is also what MaxPool2d's own padding means.
    return { init: `self.${attr} = nn.MaxPool2d(${args.join(', ')})`, expr: `self.${attr}(${padded(x.name, pad.before, ", value=float('-inf')")})`, shape, tensors: {} };
  }
  // TF averages a 'same' window over the real pixels only.
  if (pad.before) return { expr: `avg_pool_same(${x.name}, ${num(poolSize)}, ${num(strides)}, ${pad.before})`, shape, tensors: {}, helpers: ['avg_pool_same'] };
  if (pad.inside !== '0') args.push('count_include_pad=False');
  return { init: `self.${attr} = nn.AvgPool2d(${args.join(', ')})`, expr: `self.${attr}(${x.name})`, shape, tensors: {} };
}

function lowerBatchNorm(node: NodeOf<'BatchNormalization'>, x: Value, attr: string, weights: ModelWeights): Lowered {
  const { id, params: p } = node;
  const c = x.shape[x.shape.length - 1];
  const stat = (name: string): NpyArray => ({ shape: [c], data: takeWeight(weights, id, name, [c]) });
  const kind = x.shape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d';
  // Keras's momentum keeps that share of the old statistic; PyTorch's is the share of the new batch.
  return {
    init: `self.${attr} = nn.${kind}(${num(c)}, eps=${float(p.epsilon)}, momentum=${float(roundOff(1 - p.momentum))})`,
    expr: `self.${attr}(${x.name})`,
    shape: x.shape,
    tensors: { weight: stat('gamma'), bias: stat('beta'), running_mean: stat('moving_mean'), running_var: stat('moving_variance') },
  };
}

function lowerDense(node: NodeOf<'Dense'>, x: Value, attr: string, weights: ModelWeights): Lowered {
  const { id, params: p } = node;
  const inFeatures = x.shape[x.shape.length - 1];
  const shape = [inFeatures, p.units];
  // Keras's kernel is [in, out]; nn.Linear keeps [out, in].
  const weight = { shape: [p.units, inFeatures], data: transpose(takeWeight(weights, id, 'kernel', shape), shape, [1, 0]) };
  const bias = p.useBias ? '' : ', bias=False';
  // On an image Keras's Dense maps every pixel's channel vector: run it channels-last.
  const applied = x.shape.length === 1 ? `self.${attr}(${x.name})` : `self.${attr}(${x.name}${NCHW_TO_NHWC})${NHWC_TO_NCHW}`;
  return {
    init: `self.${attr} = nn.Linear(${num(inFeatures)}, ${num(p.units)}${bias})`,
    expr: activation(applied, p.activation),
    shape: [...x.shape.slice(0, -1), p.units],
    tensors: { weight, ...biasTensor(weights, id, p.useBias, p.units) },
  };
}

/** The tensor's elements in Keras (channels-last) order, which Flatten and Reshape follow. */
const channelsLast = (x: Value) => (x.shape.length === 3 ? `${x.name}${NCHW_TO_NHWC}` : x.name);

/** Keras allows one -1 in a target shape, standing for whatever size is left. */
function resolveTarget(target: readonly number[], size: number): number[] {
  const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
  const resolved = target.map((d) => (d === -1 ? size / known : d));
  if (resolved.reduce((a, d) => a * d, 1) !== size || !resolved.every(Number.isInteger)) {
    throw new Error(`Cannot reshape ${size} values to [${target}]`);
  }
  return resolved;
}

function lowerReshape(node: NodeOf<'Reshape'>, x: Value): Lowered {
  const shape = resolveTarget(node.params.targetShape, x.shape.reduce((a, d) => a * d, 1));
  if (shape.length !== 1 && shape.length !== 3) throw new Error(`Reshape "${node.id}": only vector or image targets can be exported, got [${shape}]`);
  const reshaped = `${channelsLast(x)}.reshape(${x.name}.shape[0], ${shape.map(num).join(', ')})`;
  return { expr: shape.length === 3 ? `${reshaped}${NHWC_TO_NCHW}` : reshaped, shape, tensors: {} };
}

/** The PyTorch lowering of one non-Input node reading `inputs`; `attr` is its attribute name on the module. */
export function lowerNode(node: Exclude<LayerNode, NodeOf<'Input'>>, inputs: Value[], attr: string, weights: ModelWeights): Lowered {
  const [x] = inputs;
  switch (node.kind) {
    case 'Conv2D':
      return lowerConv(node, x, attr, weights);
    case 'DepthwiseConv2D':
      return lowerDepthwise(node, x, attr, weights);
    case 'SeparableConv2D':
      return lowerSeparable(node, x, attr, weights);
    case 'MaxPool2D':
    case 'AvgPool2D':
      return lowerPool(node, x, attr);
    case 'GlobalAveragePooling2D':
      return { expr: `${x.name}.mean(dim=(2, 3))`, shape: [x.shape[2]], tensors: {} };
    case 'BatchNormalization':
      return lowerBatchNorm(node, x, attr, weights);
    case 'Dropout':
      return { init: `self.${attr} = nn.Dropout(${float(node.params.rate)})`, expr: `self.${attr}(${x.name})`, shape: x.shape, tensors: {} };
    case 'Flatten':
      if (x.shape.length === 1) return { expr: x.name, shape: x.shape, tensors: {} };
      return { expr: `${channelsLast(x)}.flatten(1)`, shape: [x.shape.reduce((a, d) => a * d, 1)], tensors: {} };
    case 'Dense':
      return lowerDense(node, x, attr, weights);
    case 'Activation':
      return { expr: activation(x.name, node.params.activation), shape: x.shape, tensors: {} };
    case 'Add':
      return { expr: inputs.map((v) => v.name).join(' + '), shape: x.shape, tensors: {} };
    case 'Concatenate': {
      const joined = inputs.reduce((sum, v) => sum + v.shape[v.shape.length - 1], 0);
      return { expr: `torch.cat([${inputs.map((v) => v.name).join(', ')}], dim=1)`, shape: [...x.shape.slice(0, -1), joined], tensors: {} };
    }
    case 'ZeroPadding2D': {
      const p = node.params.padding;
      const [h, w, c] = x.shape;
      return { expr: `F.pad(${x.name}, ${tuple([p, p, p, p])})`, shape: [h + 2 * p, w + 2 * p, c], tensors: {} };
    }
    case 'UpSampling2D': {
      const s = node.params.size;
      const [h, w, c] = x.shape;
      // Output pixel i copies input pixel floor(i / s), as tfjs's nearest-neighbour resize does.
      return { expr: `F.interpolate(${x.name}, scale_factor=${num(s)}, mode='nearest')`, shape: [h * s, w * s, c], tensors: {} };
    }
    case 'Reshape':
      return lowerReshape(node, x);
  }
}
