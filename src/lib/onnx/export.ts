import { foldGraph } from '$lib/spec/graph';
import type { GraphSpec, ModelWeights, Shape } from '$lib/spec/types';
import { foldBatchNorm } from './fold-batchnorm';
import { GRAPH_INPUT, GRAPH_OUTPUT, GraphBuilder, type Value } from './graph-builder';
import { onnxDims } from './layout';
import { lowerNode } from './lower';
import { onnx, type proto } from './proto';

export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;

export interface ExportOptions {
  producerVersion?: string;
  /** Fold each BatchNormalization that follows a linear conv into that conv (default true): fewer nodes, same outputs. */
  foldBatchNorm?: boolean;
}

/** A float32 graph input/output with a symbolic batch dimension, in NCHW for images. */
function valueInfo(name: string, shape: Shape): proto.IValueInfoProto {
  const dim = [{ dimParam: 'batch' }, ...onnxDims(shape).map((dimValue) => ({ dimValue }))];
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } } };
}

/**
 * Serialises a spec and its trained weights (Keras layout) as an ONNX model: opset 17, float32,
 * input `input` [batch, C, H, W], output `output` [batch, ...]. The model computes what the tfjs
 * model does, in NCHW.
 */
export function exportOnnx(trainedSpec: GraphSpec, trainedWeights: ModelWeights, options: ExportOptions = {}): Uint8Array {
  const { spec, weights } = options.foldBatchNorm === false ? { spec: trainedSpec, weights: trainedWeights } : foldBatchNorm(trainedSpec, trainedWeights);
  const b = new GraphBuilder();
  const { input, output } = foldGraph<Value>(
    spec,
    (node) => ({ name: GRAPH_INPUT, shape: [node.params.height, node.params.width, node.params.channels] }),
    (node, args) => lowerNode(b, node, args, weights),
  );
  b.bindOutput(output.name);

  const model: proto.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'NetLoom',
    producerVersion: options.producerVersion ?? '',
    graph: {
      name: spec.name,
      node: b.nodes,
      initializer: b.initializers,
      input: [valueInfo(GRAPH_INPUT, input.shape)],
      output: [valueInfo(GRAPH_OUTPUT, output.shape)],
    },
  };
  return onnx.ModelProto.encode(model).finish();
}
