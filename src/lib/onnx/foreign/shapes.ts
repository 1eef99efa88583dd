/** Output shapes of the supported ops, from their input shapes and attributes (ONNX operator spec). */
import { intOf, intsOf, stringOf, type Attributes } from './attributes';
import { formatShape, product, quotient, sameDim } from './dims';
import type { Dim, Shape } from './model';

export interface NodeContext {
  attrs: Attributes;
  /** Shapes of the node's inputs; undefined for an optional input left empty. */
  inputs: readonly (Shape | undefined)[];
  /** The values of input `i` when it is a constant (initializer or Constant node). */
  constant(i: number): number[] | null;
}

/** A graph whose shapes cannot meet; the message says which. */
export class ShapeError extends Error {}

type Rule = (ctx: NodeContext) => Shape[];

function input(ctx: NodeContext, i: number): Shape {
  const shape = ctx.inputs[i];
  if (!shape) throw new ShapeError(`input ${i + 1} is missing`);
  return shape;
}

function rank(shape: Shape, r: number, what: string): void {
  if (shape.length !== r) throw new ShapeError(`${what} needs a ${r}-D input, got ${formatShape(shape)}`);
}

function fixed(dim: Dim, what: string): number {
  if (typeof dim !== 'number') throw new ShapeError(`${what} needs a fixed size, got ${dim}`);
  return dim;
}

function axis(value: number, r: number): number {
  const a = value < 0 ? value + r : value;
  if (a < 0 || a >= r) throw new ShapeError(`axis ${value} is outside a ${r}-D tensor`);
  return a;
}

interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
}

/** Spatial output sizes of a convolution or pooling window over `spatial` (ONNX's formulas, auto_pad included). */
function windowOutput(spatial: number[], attrs: Attributes, w: Window, ceil = false): number[] {
  const autoPad = stringOf(attrs, 'auto_pad', 'NOTSET');
  const pads = intsOf(attrs, 'pads') ?? spatial.flatMap(() => [0, 0]);
  return spatial.map((size, i) => {
    const reach = w.dilations[i] * (w.kernel[i] - 1) + 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return Math.ceil(size / w.strides[i]);
    const padded = autoPad === 'VALID' ? size : size + pads[i] + pads[i + spatial.length];
    const steps = (padded - reach) / w.strides[i];
    const out = (ceil ? Math.ceil(steps) : Math.floor(steps)) + 1;
    if (out < 1) throw new ShapeError(`a ${w.kernel.join('×')} window does not fit a ${spatial.join('×')} input`);
    return out;
  });
}

function windowOf(attrs: Attributes, kernel: number[]): Window {
  return {
    kernel,
    strides: intsOf(attrs, 'strides') ?? kernel.map(() => 1),
    dilations: intsOf(attrs, 'dilations') ?? kernel.map(() => 1),
  };
}

const conv: Rule = (ctx) => {
  const x = input(ctx, 0);
  const w = input(ctx, 1);
  if (x.length < 3) throw new ShapeError(`Conv needs an N×C×spatial input, got ${formatShape(x)}`);
  rank(w, x.length, 'Conv weight');
  const group = intOf(ctx.attrs, 'group', 1);
  const channels = fixed(x[1], 'Conv');
  const perGroup = fixed(w[1], 'Conv weight');
  if (channels !== perGroup * group) {
    throw new ShapeError(`Conv weight ${formatShape(w)} with group ${group} expects ${perGroup * group} input channels, got ${channels}`);
  }
  const filters = fixed(w[0], 'Conv weight');
  if (filters % group !== 0) throw new ShapeError(`Conv: ${filters} filters do not split into ${group} groups`);
  const kernel = intsOf(ctx.attrs, 'kernel_shape') ?? w.slice(2).map((d) => fixed(d, 'Conv weight'));
  const spatial = x.slice(2).map((d) => fixed(d, 'Conv'));
  return [[x[0], filters, ...windowOutput(spatial, ctx.attrs, windowOf(ctx.attrs, kernel))]];
};

const pool: Rule = (ctx) => {
  const x = input(ctx, 0);
  const kernel = intsOf(ctx.attrs, 'kernel_shape');
  if (!kernel) throw new ShapeError('pooling without kernel_shape');
  if (x.length !== kernel.length + 2) throw new ShapeError(`a ${kernel.length}-D pool over ${formatShape(x)}`);
  const spatial = x.slice(2).map((d) => fixed(d, 'pooling'));
  const out: Shape = [x[0], x[1], ...windowOutput(spatial, ctx.attrs, windowOf(ctx.attrs, kernel), intOf(ctx.attrs, 'ceil_mode', 0) === 1)];
  return [out, out];
};

const same: Rule = (ctx) => [input(ctx, 0)];

function broadcast(a: Shape, b: Shape): Shape {
  const r = Math.max(a.length, b.length);
  return Array.from({ length: r }, (_, i) => {
    const da = a[i - (r - a.length)] ?? 1;
    const db = b[i - (r - b.length)] ?? 1;
    if (da === 1) return db;
    if (db === 1 || sameDim(da, db)) return da;
    throw new ShapeError(`${formatShape(a)} and ${formatShape(b)} do not broadcast`);
  });
}

const elementwise: Rule = (ctx) => [ctx.inputs.reduce<Shape>((acc, s, i) => broadcast(acc, s ?? input(ctx, i)), [])];

const matmul: Rule = (ctx) => {
  const a = input(ctx, 0);
  const b = input(ctx, 1);
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const k = a2[a2.length - 1];
  if (!sameDim(k, b2[b2.length - 2])) throw new ShapeError(`MatMul of ${formatShape(a)} by ${formatShape(b)}`);
  const batch = broadcast(a2.slice(0, -2), b2.slice(0, -2));
  return [[...batch, ...(a.length === 1 ? [] : [a2[a2.length - 2]]), ...(b.length === 1 ? [] : [b2[b2.length - 1]])]];
};

const gemm: Rule = (ctx) => {
  const a = input(ctx, 0);
  const b = input(ctx, 1);
  rank(a, 2, 'Gemm');
  rank(b, 2, 'Gemm weight');
  const [m, ka] = intOf(ctx.attrs, 'transA', 0) ? [a[1], a[0]] : [a[0], a[1]];
  const [kb, n] = intOf(ctx.attrs, 'transB', 0) ? [b[1], b[0]] : [b[0], b[1]];
  if (!sameDim(ka, kb)) throw new ShapeError(`Gemm of ${formatShape(a)} by ${formatShape(b)}`);
  const c = ctx.inputs[2];
  if (c) broadcast([m, n], c);
  return [[m, n]];
};

const flatten: Rule = (ctx) => {
  const x = input(ctx, 0);
  const a = intOf(ctx.attrs, 'axis', 1);
  const at = a < 0 ? a + x.length : a;
  if (at < 0 || at > x.length) throw new ShapeError(`Flatten axis ${a} on ${formatShape(x)}`);
  return [[product(x.slice(0, at)), product(x.slice(at))]];
};

const reshape: Rule = (ctx) => {
  const x = input(ctx, 0);
  const target = ctx.constant(1);
  if (!target) throw new ShapeError('Reshape needs a constant shape');
  const allowZero = intOf(ctx.attrs, 'allowzero', 0) === 1;
  const out: Dim[] = target.map((d, i) => (d === 0 && !allowZero ? x[i] : d));
  const unknown = out.indexOf(-1);
  if (unknown >= 0) {
    const rest = product(out.filter((_, i) => i !== unknown));
    const inferred = quotient(product(x), rest);
    if (inferred === undefined) throw new ShapeError(`cannot reshape ${formatShape(x)} to [${target.join(', ')}]`);
    out[unknown] = inferred;
  } else if (!sameDim(product(x), product(out))) {
    throw new ShapeError(`cannot reshape ${formatShape(x)} to [${target.join(', ')}]`);
  }
  return [out];
};

const concat: Rule = (ctx) => {
  const shapes = ctx.inputs.map((s, i) => s ?? input(ctx, i));
  const first = shapes[0];
  if (!first) throw new ShapeError('Concat without inputs');
  const a = axis(intOf(ctx.attrs, 'axis', 1), first.length);
  let total = 0;
  for (const s of shapes) {
    if (s.length !== first.length || s.some((d, i) => i !== a && !sameDim(d, first[i]))) {
      throw new ShapeError(`Concat of ${shapes.map(formatShape).join(' and ')} on axis ${a}`);
    }
    total += fixed(s[a], 'Concat');
  }
  return [first.map((d, i) => (i === a ? total : d))];
};

const transpose: Rule = (ctx) => {
  const x = input(ctx, 0);
  const perm = intsOf(ctx.attrs, 'perm') ?? x.map((_, i) => x.length - 1 - i);
  if (perm.length !== x.length || [...perm].sort().some((p, i) => p !== i)) throw new ShapeError(`Transpose perm [${perm}] on ${formatShape(x)}`);
  return [perm.map((p) => x[p])];
};

const softmax: Rule = (ctx) => {
  const x = input(ctx, 0);
  axis(intOf(ctx.attrs, 'axis', -1), x.length);
  return [x];
};

const batchNorm: Rule = (ctx) => {
  const x = input(ctx, 0);
  if (x.length < 2) throw new ShapeError(`BatchNormalization needs N×C…, got ${formatShape(x)}`);
  for (let i = 1; i < 5; i++) {
    const s = input(ctx, i);
    if (s.length !== 1 || !sameDim(s[0], x[1])) throw new ShapeError(`BatchNormalization parameter ${formatShape(s)} for ${x[1]} channels`);
  }
  return [x];
};

const constant: Rule = (ctx) => {
  const value = ctx.attrs.value;
  if (value && typeof value === 'object' && 'dims' in value) return [value.dims];
  const list = ctx.attrs.value_floats ?? ctx.attrs.value_ints;
  if (Array.isArray(list)) return [[list.length]];
  if (typeof (ctx.attrs.value_float ?? ctx.attrs.value_int) === 'number') return [[]];
  throw new ShapeError('Constant without a numeric value');
};

const globalPool: Rule = (ctx) => {
  const x = input(ctx, 0);
  if (x.length < 3) throw new ShapeError(`GlobalAveragePool needs N×C×spatial, got ${formatShape(x)}`);
  return [[x[0], x[1], ...x.slice(2).map(() => 1)]];
};

/** Ops NetLoom reads, and how each one's output shapes follow from its inputs. */
export const SHAPE_RULES: Readonly<Record<string, Rule>> = {
  Conv: conv,
  BatchNormalization: batchNorm,
  Relu: same,
  Clip: same,
  LeakyRelu: same,
  Sigmoid: same,
  Tanh: same,
  HardSwish: same,
  MaxPool: pool,
  AveragePool: pool,
  GlobalAveragePool: globalPool,
  Flatten: flatten,
  Reshape: reshape,
  Gemm: gemm,
  MatMul: matmul,
  Add: elementwise,
  Mul: elementwise,
  Concat: concat,
  Softmax: softmax,
  Dropout: (ctx) => [input(ctx, 0), input(ctx, 0)],
  Transpose: transpose,
  Identity: same,
  Constant: constant,
};
