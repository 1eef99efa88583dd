/**
 * A plain-TypeScript evaluator for the ops NetLoom reads from foreign ONNX files (float32, NCHW,
 * 2-D spatial), written from the ONNX operator spec as the independent reference that ONNX
 * Runtime's outputs are checked against. Slow and simple on purpose; tests only.
 */
import { F, type Attr, type Fixture, type FixtureNode } from './onnx-fixtures';

export interface Tensor {
  dims: number[];
  data: Float32Array;
}

const size = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

function strides(dims: readonly number[]): number[] {
  const s = dims.map(() => 1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = s[i + 1] * dims[i + 1];
  return s;
}

function ints(attrs: Record<string, Attr>, name: string): number[] | undefined {
  const v = attrs[name];
  return Array.isArray(v) ? v : undefined;
}

function num(attrs: Record<string, Attr>, name: string, fallback: number): number {
  const v = attrs[name];
  return v instanceof F ? v.value : typeof v === 'number' ? v : fallback;
}

function map(x: Tensor, f: (v: number) => number): Tensor {
  return { dims: x.dims, data: x.data.map(f) };
}

/** Numpy broadcasting of two tensors through `f`. */
function broadcast(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const r = Math.max(a.dims.length, b.dims.length);
  const pad = (d: number[]) => [...Array<number>(r - d.length).fill(1), ...d];
  const da = pad(a.dims);
  const db = pad(b.dims);
  const dims = da.map((d, i) => Math.max(d, db[i]));
  const sa = strides(da).map((s, i) => (da[i] === 1 ? 0 : s));
  const sb = strides(db).map((s, i) => (db[i] === 1 ? 0 : s));
  const so = strides(dims);
  const data = new Float32Array(size(dims));
  for (let i = 0; i < data.length; i++) {
    let ia = 0;
    let ib = 0;
    for (let k = 0; k < r; k++) {
      const c = Math.floor(i / so[k]) % dims[k];
      ia += c * sa[k];
      ib += c * sb[k];
    }
    data[i] = f(a.data[ia], b.data[ib]);
  }
  return { dims, data };
}

/** Begin/end padding per spatial axis, as auto_pad or pads say. */
function padding(attrs: Record<string, Attr>, input: number[], kernel: number[], stride: number[], dilation: number[]): { begin: number[]; end: number[]; out: number[] } {
  const autoPad = typeof attrs.auto_pad === 'string' ? attrs.auto_pad : 'NOTSET';
  const ceil = num(attrs, 'ceil_mode', 0) === 1;
  const pads = ints(attrs, 'pads') ?? [0, 0, 0, 0];
  const begin: number[] = [];
  const end: number[] = [];
  const out: number[] = [];
  for (let i = 0; i < 2; i++) {
    const reach = dilation[i] * (kernel[i] - 1) + 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
      const o = Math.ceil(input[i] / stride[i]);
      const total = Math.max(0, (o - 1) * stride[i] + reach - input[i]);
      const small = Math.floor(total / 2);
      begin.push(autoPad === 'SAME_UPPER' ? small : total - small);
      end.push(autoPad === 'SAME_UPPER' ? total - small : small);
      out.push(o);
      continue;
    }
    const [b, e] = autoPad === 'VALID' ? [0, 0] : [pads[i], pads[i + 2]];
    begin.push(b);
    end.push(e);
    const steps = (input[i] + b + e - reach) / stride[i];
    out.push((ceil ? Math.ceil(steps) : Math.floor(steps)) + 1);
  }
  return { begin, end, out };
}

function conv(x: Tensor, w: Tensor, bias: Tensor | undefined, attrs: Record<string, Attr>): Tensor {
  const [n, c, h, wd] = x.dims;
  const [m, cg, kh, kw] = w.dims;
  const group = num(attrs, 'group', 1);
  const stride = ints(attrs, 'strides') ?? [1, 1];
  const dilation = ints(attrs, 'dilations') ?? [1, 1];
  const { begin, out } = padding(attrs, [h, wd], [kh, kw], stride, dilation);
  const [oh, ow] = out;
  const perGroup = m / group;
  const data = new Float32Array(n * m * oh * ow);
  for (let b = 0; b < n; b++)
    for (let o = 0; o < m; o++) {
      const g = Math.floor(o / perGroup);
      for (let y = 0; y < oh; y++)
        for (let xo = 0; xo < ow; xo++) {
          let acc = bias ? bias.data[o] : 0;
          for (let ci = 0; ci < cg; ci++)
            for (let ky = 0; ky < kh; ky++) {
              const iy = y * stride[0] - begin[0] + ky * dilation[0];
              if (iy < 0 || iy >= h) continue;
              for (let kx = 0; kx < kw; kx++) {
                const ix = xo * stride[1] - begin[1] + kx * dilation[1];
                if (ix < 0 || ix >= wd) continue;
                acc += x.data[((b * c + g * cg + ci) * h + iy) * wd + ix] * w.data[((o * cg + ci) * kh + ky) * kw + kx];
              }
            }
          data[((b * m + o) * oh + y) * ow + xo] = acc;
        }
    }
  return { dims: [n, m, oh, ow], data };
}

function pool(x: Tensor, attrs: Record<string, Attr>, kind: 'max' | 'avg'): Tensor {
  const [n, c, h, w] = x.dims;
  const kernel = ints(attrs, 'kernel_shape') as number[];
  const stride = ints(attrs, 'strides') ?? [1, 1];
  const dilation = kind === 'max' ? (ints(attrs, 'dilations') ?? [1, 1]) : [1, 1];
  const includePad = num(attrs, 'count_include_pad', 0) === 1;
  const { begin, end, out } = padding(attrs, [h, w], kernel, stride, dilation);
  const [oh, ow] = out;
  const data = new Float32Array(n * c * oh * ow);
  for (let p = 0; p < n * c; p++)
    for (let y = 0; y < oh; y++)
      for (let xo = 0; xo < ow; xo++) {
        let acc = kind === 'max' ? -Infinity : 0;
        let count = 0;
        let padded = 0;
        for (let ky = 0; ky < kernel[0]; ky++)
          for (let kx = 0; kx < kernel[1]; kx++) {
            const iy = y * stride[0] - begin[0] + ky * dilation[0];
            const ix = xo * stride[1] - begin[1] + kx * dilation[1];
            // Positions in the explicit padding count for count_include_pad; beyond it (ceil_mode) never.
            if (iy >= -begin[0] && iy < h + end[0] && ix >= -begin[1] && ix < w + end[1]) padded++;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            const v = x.data[(p * h + iy) * w + ix];
            acc = kind === 'max' ? Math.max(acc, v) : acc + v;
            count++;
          }
        data[(p * oh + y) * ow + xo] = kind === 'max' ? acc : acc / (includePad ? padded : count);
      }
  return { dims: [n, c, oh, ow], data };
}

function transpose(x: Tensor, perm: number[]): Tensor {
  const dims = perm.map((p) => x.dims[p]);
  const si = strides(x.dims);
  const so = strides(dims);
  const data = new Float32Array(x.data.length);
  for (let i = 0; i < data.length; i++) {
    let src = 0;
    for (let k = 0; k < dims.length; k++) src += (Math.floor(i / so[k]) % dims[k]) * si[perm[k]];
    data[i] = x.data[src];
  }
  return { dims, data };
}

function matmul(a: Tensor, b: Tensor): Tensor {
  const [m, k] = a.dims.slice(-2);
  const nCols = b.dims[b.dims.length - 1];
  const batch = size(a.dims.slice(0, -2));
  const bBatch = size(b.dims.slice(0, -2));
  const data = new Float32Array(batch * m * nCols);
  for (let p = 0; p < batch; p++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < nCols; j++) {
        let acc = 0;
        for (let t = 0; t < k; t++) acc += a.data[(p * m + i) * k + t] * b.data[((bBatch === 1 ? 0 : p) * k + t) * nCols + j];
        data[(p * m + i) * nCols + j] = acc;
      }
  return { dims: [...a.dims.slice(0, -2), m, nCols], data };
}

function softmax(x: Tensor, axisAttr: number): Tensor {
  const axis = axisAttr < 0 ? axisAttr + x.dims.length : axisAttr;
  const inner = size(x.dims.slice(axis + 1));
  const len = x.dims[axis];
  const outer = size(x.dims.slice(0, axis));
  const data = new Float32Array(x.data.length);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const at = (j: number) => (o * len + j) * inner + i;
      let max = -Infinity;
      for (let j = 0; j < len; j++) max = Math.max(max, x.data[at(j)]);
      let sum = 0;
      for (let j = 0; j < len; j++) sum += Math.exp(x.data[at(j)] - max);
      for (let j = 0; j < len; j++) data[at(j)] = Math.exp(x.data[at(j)] - max) / sum;
    }
  return { dims: x.dims, data };
}

function concat(xs: Tensor[], axisAttr: number): Tensor {
  const r = xs[0].dims.length;
  const axis = axisAttr < 0 ? axisAttr + r : axisAttr;
  const outer = size(xs[0].dims.slice(0, axis));
  const dims = [...xs[0].dims];
  dims[axis] = xs.reduce((s, x) => s + x.dims[axis], 0);
  const data: number[] = [];
  for (let o = 0; o < outer; o++)
    for (const x of xs) {
      const chunk = size(x.dims.slice(axis));
      data.push(...x.data.subarray(o * chunk, (o + 1) * chunk));
    }
  return { dims, data: Float32Array.from(data) };
}

function step(node: FixtureNode, ins: (Tensor | undefined)[]): Tensor[] {
  const a = node.attrs;
  const x = ins[0] as Tensor;
  switch (node.op) {
    case 'Conv':
      return [conv(x, ins[1] as Tensor, ins[2], a)];
    case 'BatchNormalization': {
      const [scale, bias, mean, variance] = ins.slice(1) as Tensor[];
      const eps = num(a, 'epsilon', 1e-5);
      const inner = size(x.dims.slice(2));
      return [{ dims: x.dims, data: x.data.map((v, i) => {
        const ch = Math.floor(i / inner) % x.dims[1];
        return ((v - mean.data[ch]) / Math.sqrt(variance.data[ch] + eps)) * scale.data[ch] + bias.data[ch];
      }) }];
    }
    case 'Relu':
      return [map(x, (v) => Math.max(0, v))];
    case 'Clip': {
      const lo = ins[1] ? ins[1].data[0] : num(a, 'min', -Infinity);
      const hi = ins[2] ? ins[2].data[0] : num(a, 'max', Infinity);
      return [map(x, (v) => Math.min(hi, Math.max(lo, v)))];
    }
    case 'LeakyRelu': {
      const alpha = num(a, 'alpha', 0.01);
      return [map(x, (v) => (v >= 0 ? v : alpha * v))];
    }
    case 'Sigmoid':
      return [map(x, (v) => 1 / (1 + Math.exp(-v)))];
    case 'Tanh':
      return [map(x, Math.tanh)];
    case 'HardSwish':
      return [map(x, (v) => v * Math.max(0, Math.min(1, v / 6 + 0.5)))];
    case 'MaxPool':
      return [pool(x, a, 'max')];
    case 'AveragePool':
      return [pool(x, a, 'avg')];
    case 'GlobalAveragePool':
      return [pool(x, { kernel_shape: x.dims.slice(2) }, 'avg')];
    case 'Flatten': {
      const axis = num(a, 'axis', 1);
      return [{ dims: [size(x.dims.slice(0, axis)), size(x.dims.slice(axis))], data: x.data }];
    }
    case 'Reshape': {
      const target = Array.from((ins[1] as Tensor).data, (d, i) => (d === 0 ? x.dims[i] : d));
      const known = size(target.filter((d) => d !== -1));
      return [{ dims: target.map((d) => (d === -1 ? x.data.length / known : d)), data: x.data }];
    }
    case 'Gemm': {
      const A = num(a, 'transA', 0) ? transpose(x, [1, 0]) : x;
      const B = num(a, 'transB', 0) ? transpose(ins[1] as Tensor, [1, 0]) : (ins[1] as Tensor);
      const alpha = num(a, 'alpha', 1);
      const beta = num(a, 'beta', 1);
      const y = map(matmul(A, B), (v) => v * alpha);
      return [ins[2] ? broadcast(y, ins[2], (p, q) => p + beta * q) : y];
    }
    case 'MatMul':
      return [matmul(x, ins[1] as Tensor)];
    case 'Add':
      return [broadcast(x, ins[1] as Tensor, (p, q) => p + q)];
    case 'Mul':
      return [broadcast(x, ins[1] as Tensor, (p, q) => p * q)];
    case 'Concat':
      return [concat(ins as Tensor[], num(a, 'axis', 1))];
    case 'Softmax':
      return [softmax(x, num(a, 'axis', -1))];
    case 'Dropout':
    case 'Identity':
      return [x];
    case 'Transpose':
      return [transpose(x, ints(a, 'perm') ?? x.dims.map((_, i) => x.dims.length - 1 - i))];
    case 'Constant': {
      const t = a.value as { dims: number[]; data: ArrayLike<number> };
      return [{ dims: t.dims, data: Float32Array.from(t.data) }];
    }
    default:
      throw new Error(`reference: no ${node.op}`);
  }
}

/** Runs the fixture's graph on `feeds` and returns its outputs by name. */
export function evaluate(fixture: Fixture, feeds: Record<string, Tensor>): Record<string, Tensor> {
  const values = new Map<string, Tensor>(Object.entries(feeds));
  for (const [name, t] of fixture.initializers) values.set(name, { dims: t.dims, data: Float32Array.from(t.data) });
  for (const node of fixture.nodes) {
    const outs = step(node, node.inputs.map((n) => (n === '' ? undefined : values.get(n))));
    node.outputs.forEach((name, i) => outs[i] && values.set(name, outs[i]));
  }
  return Object.fromEntries(fixture.outputs.map((name) => [name, values.get(name) as Tensor]));
}
