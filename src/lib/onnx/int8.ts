import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { intAttr } from './attributes';
import { exportOnnx, type ExportOptions } from './export';
import { onnx, type proto } from './proto';

const DataType = onnx.TensorProto.DataType;

/** Symmetric int8 keeps -128 unused so that q and -q are both representable. */
const INT8_MAX = 127;

/** A weight as int8 values with one scale per slice along the quantized axis (zero point 0). */
export interface QuantizedWeight {
  values: Int8Array;
  scales: Float32Array;
}

/**
 * Per-channel symmetric int8: each slice along `axis` gets scale max|w| / 127, so its largest
 * weight maps to ±127 and zero stays exactly zero. An all-zero slice gets scale 1 (any scale
 * reproduces it; 0 would be a division by zero for readers that invert it).
 */
export function quantizePerChannel(data: Float32Array, dims: readonly number[], axis: number): QuantizedWeight {
  const channels = dims[axis];
  const inner = dims.slice(axis + 1).reduce((a, d) => a * d, 1);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  const maxAbs = new Float32Array(channels);
  data.forEach((w, i) => {
    const c = channelOf(i);
    maxAbs[c] = Math.max(maxAbs[c], Math.abs(w));
  });
  const scales = maxAbs.map((m) => (m > 0 ? m / INT8_MAX : 1));
  const values = Int8Array.from(data, (w, i) => Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.round(w / scales[channelOf(i)]))));
  return { values, scales };
}

/** The output-channel axis of a weight input, or null for a node whose weights stay float. */
function outputAxis(node: proto.INodeProto, dims: readonly number[]): number | null {
  const transB = node.attribute?.find((a) => a.name === 'transB')?.i;
  switch (node.opType) {
    case 'Conv':
      return 0;
    case 'Gemm':
      return Number(transB ?? 0) === 1 ? 0 : 1;
    case 'MatMul':
      return dims.length === 2 ? 1 : null;
    default:
      return null;
  }
}

function floatValues(tensor: proto.ITensorProto): Float32Array {
  if (tensor.rawData && tensor.rawData.length > 0) {
    const raw = tensor.rawData;
    return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  }
  return Float32Array.from(tensor.floatData ?? []);
}

function rawBytes(data: Int8Array | Float32Array): Uint8Array {
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/**
 * Rewrites a float ONNX model so that every Conv, Gemm and MatMul weight initializer is stored as
 * per-channel symmetric int8 and dequantized by a DequantizeLinear (with `axis`) whose output keeps
 * the weight's old name, so the consuming node is untouched. Activations stay float: ONNX Runtime's
 * WASM backend runs this as float kernels on weights dequantized once per run, which keeps the
 * float model's accuracy while the file shrinks to about a quarter.
 */
export function quantizeOnnx(bytes: Uint8Array): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  if (!graph) throw new Error('The model has no graph');
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const axes = new Map<string, number>();
  for (const node of graph.node ?? []) {
    const weight = node.input?.[1];
    const tensor = weight ? initializers.get(weight) : undefined;
    if (!weight || !tensor || tensor.dataType !== DataType.FLOAT) continue;
    const axis = outputAxis(node, (tensor.dims ?? []).map(Number));
    // A weight shared by two nodes that disagree on its channel axis stays float.
    if (axis === null || (axes.has(weight) && axes.get(weight) !== axis)) axes.set(weight, -1);
    else axes.set(weight, axis);
  }

  const dequantizers: proto.INodeProto[] = [];
  const replaced = new Set<string>();
  const added: proto.ITensorProto[] = [];
  for (const [name, axis] of axes) {
    if (axis < 0) continue;
    const tensor = initializers.get(name)!;
    const dims = (tensor.dims ?? []).map(Number);
    const { values, scales } = quantizePerChannel(floatValues(tensor), dims, axis);
    const channels = [dims[axis]];
    const [q, scale, zero] = [`${name}_quantized`, `${name}_scale`, `${name}_zero_point`];
    added.push(
      { name: q, dataType: DataType.INT8, dims, rawData: rawBytes(values) },
      { name: scale, dataType: DataType.FLOAT, dims: channels, rawData: rawBytes(scales) },
      { name: zero, dataType: DataType.INT8, dims: channels, rawData: new Uint8Array(dims[axis]) },
    );
    dequantizers.push({ name: `${name}/DequantizeLinear`, opType: 'DequantizeLinear', input: [q, scale, zero], output: [name], attribute: [intAttr('axis', axis)] });
    replaced.add(name);
  }

  graph.initializer = [...(graph.initializer ?? []).filter((t) => !replaced.has(t.name ?? '')), ...added];
  // Nodes must be in topological order: the dequantizers read only initializers, so they go first.
  graph.node = [...dequantizers, ...(graph.node ?? [])];
  return onnx.ModelProto.encode(model).finish();
}

/** The spec's ONNX model with int8 weights: what `exportOnnx` writes, passed through `quantizeOnnx`. */
export function exportOnnxInt8(spec: GraphSpec, weights: ModelWeights, options: ExportOptions = {}): Uint8Array {
  return quantizeOnnx(exportOnnx(spec, weights, options));
}
