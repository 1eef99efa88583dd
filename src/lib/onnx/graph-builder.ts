import type { Shape } from '$lib/spec/types';
import { onnx, type proto } from './proto';

/** A tensor of the graph being built: its ONNX name and its per-sample shape in Keras order. */
export interface Value {
  name: string;
  shape: Shape;
}

export const GRAPH_INPUT = 'input';
export const GRAPH_OUTPUT = 'output';

const DataType = onnx.TensorProto.DataType;

/** Collects ONNX nodes and initializers under unique names. */
export class GraphBuilder {
  readonly nodes: proto.INodeProto[] = [];
  readonly initializers: proto.ITensorProto[] = [];
  private readonly taken = new Set<string>([GRAPH_INPUT, GRAPH_OUTPUT]);
  private readonly scalars = new Map<number, string>();

  private unique(hint: string): string {
    let name = hint;
    for (let i = 1; this.taken.has(name); i++) name = `${hint}_${i}`;
    this.taken.add(name);
    return name;
  }

  /** Adds a node with one output, named `${scope}/${opType}`, and returns that output's name. */
  op(scope: string, opType: string, inputs: readonly string[], attribute: proto.IAttributeProto[] = []): string {
    const output = this.unique(`${scope}/${opType}`);
    this.nodes.push({ name: output, opType, input: [...inputs], output: [output], attribute });
    return output;
  }

  /** Adds a float32 initializer and returns its name. */
  floats(scope: string, label: string, data: Float32Array, dims: readonly number[]): string {
    const name = this.unique(`${scope}/${label}`);
    // raw_data is little-endian by spec, as are typed arrays on every platform browsers run on.
    const rawData = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    this.initializers.push({ name, dataType: DataType.FLOAT, dims: [...dims], rawData });
    return name;
  }

  /** Adds a 1-D int64 initializer (shapes, pads) and returns its name. */
  int64s(scope: string, label: string, values: readonly number[]): string {
    const name = this.unique(`${scope}/${label}`);
    this.initializers.push({ name, dataType: DataType.INT64, dims: [values.length], int64Data: [...values] });
    return name;
  }

  /** A float32 scalar initializer, shared by every node that uses the same value. */
  scalar(value: number): string {
    const known = this.scalars.get(value);
    if (known) return known;
    const name = this.floats('const', String(value), new Float32Array([value]), []);
    this.scalars.set(value, name);
    return name;
  }

  /** Makes `name` the graph output: renames the tensor, or copies it when it is the graph input. */
  bindOutput(name: string): void {
    if (name === GRAPH_INPUT) {
      this.nodes.push({ name: GRAPH_OUTPUT, opType: 'Identity', input: [name], output: [GRAPH_OUTPUT] });
      return;
    }
    for (const node of this.nodes) {
      node.input = node.input?.map((n) => (n === name ? GRAPH_OUTPUT : n));
      node.output = node.output?.map((n) => (n === name ? GRAPH_OUTPUT : n));
    }
  }
}
