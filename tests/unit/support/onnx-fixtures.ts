/**
 * Small ONNX graphs written by hand with onnx-proto, independently of NetLoom's exporter: the
 * foreign files the reader, the reference evaluator and the browser tests are checked on.
 * A `Fixture` keeps its own description (ops, typed attributes, initializer values) so the
 * reference evaluator computes from that, never from NetLoom's reading of the bytes.
 */
import pkg, { type onnx as proto } from 'onnx-proto';
import { Rng } from '$lib/util/random';

const { onnx } = pkg;
const DataType = onnx.TensorProto.DataType;
const AttrType = onnx.AttributeProto.AttributeType;

/** A float attribute (a plain number is written as INT). */
export class F {
  constructor(readonly value: number) {}
}

export type Attr = number | number[] | string | F | FixtureTensor;

export interface FixtureTensor {
  dims: number[];
  data: Float32Array | number[];
  type: 'float' | 'int64';
}

export interface FixtureNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, Attr>;
  domain?: string;
}

export interface FixtureInput {
  name: string;
  /** A string dim is dynamic (dim_param); null leaves the dim unknown. */
  shape: (number | string | null)[] | null;
}

function attribute(name: string, value: Attr): proto.IAttributeProto {
  if (value instanceof F) return { name, type: AttrType.FLOAT, f: value.value };
  if (typeof value === 'number') return { name, type: AttrType.INT, i: value };
  if (typeof value === 'string') return { name, type: AttrType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttrType.INTS, ints: value };
  return { name, type: AttrType.TENSOR, t: tensorProto('', value) };
}

function tensorProto(name: string, t: FixtureTensor): proto.ITensorProto {
  if (t.type === 'int64') return { name, dataType: DataType.INT64, dims: t.dims, int64Data: [...t.data] };
  const data = Float32Array.from(t.data);
  return { name, dataType: DataType.FLOAT, dims: t.dims, rawData: new Uint8Array(data.buffer) };
}

export class Fixture {
  readonly inputs: FixtureInput[] = [];
  readonly outputs: string[] = [];
  readonly nodes: FixtureNode[] = [];
  readonly initializers = new Map<string, FixtureTensor>();
  readonly metadata: Record<string, string> = {};
  private count = 0;
  private readonly rng: Rng;

  constructor(seed = 1) {
    this.rng = new Rng(seed);
  }

  input(name: string, shape: FixtureInput['shape']): string {
    this.inputs.push({ name, shape });
    return name;
  }

  /** A float initializer of uniform random values in [lo, hi). */
  weight(dims: number[], lo = -1, hi = 1, name = `w${this.count++}`): string {
    const data = Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => this.rng.range(lo, hi));
    this.initializers.set(name, { dims, data, type: 'float' });
    return name;
  }

  floats(data: number[], dims = [data.length], name = `f${this.count++}`): string {
    this.initializers.set(name, { dims, data: Float32Array.from(data), type: 'float' });
    return name;
  }

  int64s(data: number[], name = `i${this.count++}`): string {
    this.initializers.set(name, { dims: [data.length], data, type: 'int64' });
    return name;
  }

  /** Adds a node and returns its first output's name (PyTorch-like names with `/` and `.`). */
  node(op: string, inputs: string[], attrs: Record<string, Attr> = {}, outputCount = 1, domain?: string): string {
    const id = this.count++;
    const outputs = Array.from({ length: outputCount }, (_, i) => `/layer.${id}/${op}_output_${i}`);
    this.nodes.push({ op, inputs, outputs, attrs, domain });
    return outputs[0];
  }

  output(name: string): this {
    this.outputs.push(name);
    return this;
  }

  /** A random input batch for `shape` (every dim fixed). */
  batch(shape: number[], seed = 5): Float32Array {
    const rng = new Rng(seed);
    return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.range(-2, 2));
  }

  proto(opset = 13): proto.IModelProto {
    const valueInfo = (name: string, shape: FixtureInput['shape']): proto.IValueInfoProto => ({
      name,
      type: {
        tensorType: {
          elemType: DataType.FLOAT,
          shape: shape ? { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : d === null ? {} : { dimParam: d })) } : undefined,
        },
      },
    });
    return {
      irVersion: 8,
      producerName: 'netloom-fixture',
      producerVersion: '1',
      opsetImport: [{ domain: '', version: opset }],
      metadataProps: Object.entries(this.metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: 'fixture',
        node: this.nodes.map((n, i) => ({
          name: `/layer.${i}/${n.op}`,
          opType: n.op,
          domain: n.domain,
          input: n.inputs,
          output: n.outputs,
          attribute: Object.entries(n.attrs).map(([k, v]) => attribute(k, v)),
        })),
        initializer: [...this.initializers].map(([name, t]) => tensorProto(name, t)),
        input: this.inputs.map((i) => valueInfo(i.name, i.shape)),
        output: this.outputs.map((name) => ({ name, type: { tensorType: { elemType: DataType.FLOAT } } })),
      },
    };
  }

  bytes(opset = 13): Uint8Array {
    return onnx.ModelProto.encode(this.proto(opset)).finish();
  }
}

/** A LeNet-like digit classifier (28×28×1 → 10 probabilities) with BN and a 6-channel conv, random weights. */
export function digitClassifier(seed = 3): Fixture {
  const f = new Fixture(seed);
  const x = f.input('image', ['batch', 1, 28, 28]);
  let h = f.node('Conv', [x, f.weight([6, 1, 5, 5], -0.4, 0.4), f.weight([6], -0.1, 0.1)], { pads: [2, 2, 2, 2] });
  h = f.node('BatchNormalization', [h, f.weight([6], 0.5, 1.5), f.weight([6], -0.2, 0.2), f.weight([6], -0.2, 0.2), f.weight([6], 0.5, 2)], { epsilon: new F(1e-5) });
  h = f.node('Relu', [h]);
  h = f.node('MaxPool', [h], { kernel_shape: [2, 2], strides: [2, 2] });
  h = f.node('Conv', [h, f.weight([8, 6, 5, 5], -0.2, 0.2), f.weight([8], -0.1, 0.1)]);
  h = f.node('Relu', [h]);
  h = f.node('MaxPool', [h], { kernel_shape: [2, 2], strides: [2, 2] });
  h = f.node('Flatten', [h]);
  h = f.node('Gemm', [h, f.weight([10, 200], -0.2, 0.2), f.weight([10], -0.1, 0.1)], { transB: 1 });
  f.output(f.node('Softmax', [h], { axis: 1 }));
  f.metadata.classes = JSON.stringify(['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']);
  return f;
}
