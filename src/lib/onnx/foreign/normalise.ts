/**
 * The file as ONNX Runtime Web is given it: window ops (Conv, MaxPool, AveragePool) with every
 * attribute spelled out. ORT's WebGPU Conv fails on a Conv without `dilations` ("dilations should
 * be 2D"), and computes `auto_pad` with stride > 1 wrong (microsoft/onnxruntime #26734), while
 * ONNX lets a file leave both to their defaults. The graph's meaning does not change.
 */
import { onnx, type proto } from '../proto';
import { intsAttr } from '../attributes';
import type { ForeignModel, Shape } from './model';
import { int } from './tensors';

const WINDOW_OPS = new Set(['Conv', 'MaxPool', 'AveragePool']);

function ints(node: proto.INodeProto, name: string): number[] | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  return a ? (a.ints ?? []).map(int) : undefined;
}

function str(node: proto.INodeProto, name: string): string | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  return a?.s ? new TextDecoder().decode(a.s) : undefined;
}

/** Begin/end pads that `auto_pad` SAME_UPPER / SAME_LOWER stands for (ONNX: the odd one at the end for UPPER). */
function samePads(mode: string, spatial: number[], kernel: number[], strides: number[], dilations: number[]): number[] {
  const begin: number[] = [];
  const end: number[] = [];
  spatial.forEach((size, i) => {
    const out = Math.ceil(size / strides[i]);
    const total = Math.max(0, (out - 1) * strides[i] + dilations[i] * (kernel[i] - 1) + 1 - size);
    const small = Math.floor(total / 2);
    begin.push(mode === 'SAME_UPPER' ? small : total - small);
    end.push(mode === 'SAME_UPPER' ? total - small : small);
  });
  return [...begin, ...end];
}

function explicit(node: proto.INodeProto, input: Shape, weight: Shape | undefined, opset: number): proto.IAttributeProto[] {
  const spatial = input.slice(2).map(Number);
  const kernel = ints(node, 'kernel_shape') ?? (weight ?? []).slice(2).map(Number);
  const strides = ints(node, 'strides') ?? kernel.map(() => 1);
  const hasDilations = node.opType === 'Conv' || (node.opType === 'MaxPool' && opset >= 10);
  const dilations = ints(node, 'dilations') ?? kernel.map(() => 1);
  const mode = str(node, 'auto_pad') ?? 'NOTSET';
  const pads =
    mode === 'SAME_UPPER' || mode === 'SAME_LOWER' ? samePads(mode, spatial, kernel, strides, dilations) : mode === 'VALID' ? kernel.flatMap(() => [0, 0]) : (ints(node, 'pads') ?? kernel.flatMap(() => [0, 0]));
  const kept = (node.attribute ?? []).filter((a) => !['kernel_shape', 'strides', 'dilations', 'pads', 'auto_pad'].includes(a.name ?? ''));
  return [
    ...kept,
    intsAttr('kernel_shape', kernel),
    intsAttr('strides', strides),
    ...(hasDilations ? [intsAttr('dilations', dilations)] : []),
    intsAttr('pads', pads),
  ];
}

export function normaliseForOrt(bytes: Uint8Array, model: ForeignModel): Uint8Array {
  const decoded = onnx.ModelProto.decode(bytes);
  const shapes = new Map<string, Shape>(model.inputs.map((i) => [i.name, i.shape]));
  for (const n of model.nodes) n.outputs.forEach((name, i) => shapes.set(name, n.outputShapes[i]));
  for (const t of model.initializers) shapes.set(t.name, t.dims);
  let changed = false;
  for (const node of decoded.graph?.node ?? []) {
    if (!WINDOW_OPS.has(node.opType ?? '')) continue;
    const input = shapes.get(node.input?.[0] ?? '');
    if (!input) continue;
    node.attribute = explicit(node, input, shapes.get(node.input?.[1] ?? ''), model.opset);
    changed = true;
  }
  return changed ? onnx.ModelProto.encode(decoded).finish() : bytes;
}

