/** Reads an ONNX file made elsewhere into a `ForeignModel`, or says in one typed error why it cannot. */
import { onnx, type proto } from '../proto';
import { readAttributes } from './attributes';
import { labelsFromMetadata } from './labels';
import type { Dim, ForeignError, ForeignNode, ForeignTensor, Initializer, ReadResult, Shape } from './model';
import { SHAPE_RULES, ShapeError } from './shapes';
import { byteSize, dimsOf, elementCount, int, isExternal, isFloating, tensorValues, typeName } from './tensors';

const DEFAULT_DOMAINS = new Set(['', 'ai.onnx']);

/** A decode failure on bytes that start like a model (field 1, ir_version, first) means the file was cut short. */
function looksLikeModelStart(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x08 && bytes[1] >= 1 && bytes[1] <= 32;
}

function decode(bytes: Uint8Array): proto.ModelProto | ForeignError {
  let model: proto.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    const outOfRange = error instanceof RangeError || String(error).includes('index out of range');
    return { kind: outOfRange && looksLikeModelStart(bytes) ? 'truncated' : 'not-onnx' };
  }
  if (!model.graph || int(model.irVersion) <= 0 || model.opsetImport.length === 0) return { kind: 'not-onnx' };
  return model;
}

function externalTensor(graph: proto.IGraphProto): string | undefined {
  const constants = (graph.node ?? []).flatMap((n) => (n.attribute ?? []).flatMap((a) => (a.t ? [a.t] : [])));
  return [...(graph.initializer ?? []), ...constants].find(isExternal)?.name ?? undefined;
}

function unsupportedOps(graph: proto.IGraphProto): string[] {
  const ops = (graph.node ?? [])
    .filter((n) => !DEFAULT_DOMAINS.has(n.domain ?? '') || !Object.hasOwn(SHAPE_RULES, n.opType ?? ''))
    .map((n) => (DEFAULT_DOMAINS.has(n.domain ?? '') ? (n.opType ?? '') : `${n.domain}.${n.opType}`));
  return [...new Set(ops)];
}

/** A graph input's shape: every size fixed except the first (the batch), which may be named or left open. */
function inputShape(value: proto.IValueInfoProto): Shape | undefined {
  const dims = value.type?.tensorType?.shape?.dim;
  if (!dims || dims.length === 0) return undefined;
  const shape: Dim[] = [];
  for (const [i, d] of dims.entries()) {
    const size = int(d.dimValue);
    if (size > 0) shape.push(size);
    else if (i === 0) shape.push(d.dimParam || 'N');
    else return undefined;
  }
  return shape;
}

function declaredShape(value: proto.IValueInfoProto): Shape {
  return (value.type?.tensorType?.shape?.dim ?? []).map((d) => (int(d.dimValue) > 0 ? int(d.dimValue) : d.dimParam || '?'));
}

function constantValues(node: proto.INodeProto): number[] | null {
  for (const a of node.attribute ?? []) {
    if (a.name === 'value' && a.t) return tensorValues(a.t);
    if (a.name === 'value_float') return [a.f ?? 0];
    if (a.name === 'value_floats') return [...(a.floats ?? [])];
    if (a.name === 'value_int') return [int(a.i)];
    if (a.name === 'value_ints') return (a.ints ?? []).map(int);
  }
  return null;
}

export function readForeignModel(bytes: Uint8Array): ReadResult {
  const decoded = decode(bytes);
  if ('kind' in decoded) return { ok: false, error: decoded };
  const graph = decoded.graph as proto.IGraphProto;
  const fail = (error: ForeignError): ReadResult => ({ ok: false, error });

  const external = externalTensor(graph);
  if (external !== undefined) return fail({ kind: 'external-data', tensor: external });
  const unsupported = unsupportedOps(graph);
  if (unsupported.length > 0) return fail({ kind: 'unsupported-ops', ops: unsupported });

  const initializerProtos = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const shapes = new Map<string, Shape>();
  const constants = new Map<string, number[] | null>();
  for (const [name, t] of initializerProtos) shapes.set(name, dimsOf(t));

  const inputs: ForeignTensor[] = [];
  for (const value of graph.input ?? []) {
    const name = value.name ?? '';
    if (initializerProtos.has(name)) continue;
    const shape = inputShape(value);
    if (!shape) return fail({ kind: 'missing-input-shape', input: name });
    shapes.set(name, shape);
    inputs.push({ name, shape });
  }

  const constantOf = (name: string): number[] | null => {
    if (!constants.has(name)) {
      const t = initializerProtos.get(name);
      constants.set(name, t ? tensorValues(t) : null);
    }
    return constants.get(name) ?? null;
  };

  const nodes: ForeignNode[] = [];
  for (const [index, node] of (graph.node ?? []).entries()) {
    const op = node.opType ?? '';
    const name = node.name || `${op}_${index}`;
    const attrs = readAttributes(node);
    const inputNames = node.input ?? [];
    const missing = inputNames.find((n) => n !== '' && !shapes.has(n));
    if (missing !== undefined) return fail({ kind: 'bad-graph', node: name, detail: `reads “${missing}”, which nothing before it computes` });
    let outputShapes: Shape[];
    try {
      outputShapes = SHAPE_RULES[op]({
        attrs,
        inputs: inputNames.map((n) => (n === '' ? undefined : shapes.get(n))),
        constant: (i) => (inputNames[i] ? constantOf(inputNames[i]) : null),
      });
    } catch (error) {
      if (error instanceof ShapeError) return fail({ kind: 'bad-graph', node: name, detail: error.message });
      throw error;
    }
    const outputs = node.output ?? [];
    outputs.forEach((out, i) => out !== '' && shapes.set(out, outputShapes[i] ?? []));
    if (op === 'Constant' && outputs[0]) constants.set(outputs[0], constantValues(node));
    if (op === 'Identity' && outputs[0] && inputNames[0]) constants.set(outputs[0], constantOf(inputNames[0]));
    const params = inputNames.reduce((sum, n) => {
      const t = initializerProtos.get(n);
      return t && isFloating(t.dataType ?? 0) ? sum + elementCount(dimsOf(t)) : sum;
    }, 0);
    nodes.push({ name, op, inputs: inputNames, outputs, attributes: attrs, outputShapes: outputs.map((_, i) => outputShapes[i] ?? []), params });
  }

  const initializers: Initializer[] = [...initializerProtos.values()].map((t) => ({
    name: t.name ?? '',
    dims: dimsOf(t),
    type: typeName(t.dataType ?? 0),
    elements: elementCount(dimsOf(t)),
    bytes: byteSize(t),
  }));
  const outputs: ForeignTensor[] = (graph.output ?? []).map((v) => ({ name: v.name ?? '', shape: shapes.get(v.name ?? '') ?? declaredShape(v) }));
  return {
    ok: true,
    model: {
      inputs,
      outputs,
      nodes,
      initializers,
      parameters: [...initializerProtos.values()].filter((t) => isFloating(t.dataType ?? 0)).reduce((sum, t) => sum + elementCount(dimsOf(t)), 0),
      opset: int(decoded.opsetImport.find((o) => DEFAULT_DOMAINS.has(o.domain ?? ''))?.version),
      producer: [decoded.producerName, decoded.producerVersion].filter(Boolean).join(' '),
      labels: labelsFromMetadata(decoded.metadataProps ?? []),
    },
  };
}
