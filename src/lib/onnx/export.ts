import { sinkIds, topologicalOrder } from '../spec/graph';
import type { GraphSpec, ModelWeights, NodeOf, Shape } from '../spec/types';
import { GRAPH_INPUT, GRAPH_OUTPUT, GraphBuilder, type Value } from './graph-builder';
import { onnxDims } from './layout';
import { lowerNode } from './lower';
import { onnx, type proto } from './proto';

export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;

export interface ExportOptions {
  producerVersion?: string;
}

/** A float32 graph input/output with a symbolic batch dimension, in NCHW for images. */
function valueInfo(name: string, shape: Shape): proto.IValueInfoProto {
  const dim = [{ dimParam: 'batch' }, ...onnxDims(shape).map((dimValue) => ({ dimValue }))];
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } } };
}

function endpoints(spec: GraphSpec): { input: NodeOf<'Input'>; output: string } {
  const inputs = spec.nodes.filter((n): n is NodeOf<'Input'> => n.kind === 'Input');
  const sinks = sinkIds(spec);
  if (inputs.length !== 1) throw new Error(`Model needs exactly one Input node, found ${inputs.length}`);
  if (sinks.length !== 1) throw new Error(`Model needs exactly one output node, found: ${sinks.join(', ')}`);
  return { input: inputs[0], output: sinks[0] };
}

/**
 * Serialises a spec and its trained weights (Keras layout) as an ONNX model: opset 17, float32,
 * input `input` [batch, C, H, W], output `output` [batch, ...]. The model computes what the tfjs
 * model does, in NCHW.
 */
export function exportOnnx(spec: GraphSpec, weights: ModelWeights, options: ExportOptions = {}): Uint8Array {
  const topo = topologicalOrder(spec);
  if (!topo.ok) throw new Error(`Graph has a cycle through: ${topo.cycle.join(', ')}`);
  const { input, output } = endpoints(spec);

  const b = new GraphBuilder();
  const values = new Map<string, Value>();
  for (const node of topo.order) {
    if (node.kind === 'Input') {
      const { height, width, channels } = node.params;
      values.set(node.id, { name: GRAPH_INPUT, shape: [height, width, channels] });
      continue;
    }
    const args = node.inputs.map((id) => {
      const v = values.get(id);
      if (!v) throw new Error(`Node "${node.id}" reads unknown node "${id}"`);
      return v;
    });
    values.set(node.id, lowerNode(b, node, args, weights));
  }
  const result = values.get(output)!;
  b.bindOutput(result.name);

  const model: proto.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'NetLoom',
    producerVersion: options.producerVersion ?? '',
    graph: {
      name: spec.name,
      node: b.nodes,
      initializer: b.initializers,
      input: [valueInfo(GRAPH_INPUT, values.get(input.id)!.shape)],
      output: [valueInfo(GRAPH_OUTPUT, result.shape)],
    },
  };
  return onnx.ModelProto.encode(model).finish();
}
