/**
 * What NetLoom reads from an ONNX file made elsewhere (PyTorch, tf2onnx…): enough to show its
 * graph and shapes and to feed it images. Pure data, no DOM.
 */

/** One dimension: a size, or the name of a dynamic one (e.g. the batch `N`, kept as written). */
export type Dim = number | string;
export type Shape = readonly Dim[];

export interface ForeignTensor {
  name: string;
  shape: Shape;
}

export type AttributeValue = number | string | readonly number[] | readonly string[] | { dims: readonly number[] };

export interface ForeignNode {
  /** The node's name in the file, or a made-up `op_index` when the file leaves it empty. */
  name: string;
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes: Readonly<Record<string, AttributeValue>>;
  /** Inferred shape of each output, in `outputs` order. */
  outputShapes: readonly Shape[];
  /** Float values held in initializers that this node reads (weights, biases, BN statistics). */
  params: number;
}

export interface Initializer {
  name: string;
  dims: readonly number[];
  /** Element type as ONNX names it (FLOAT, INT64…). */
  type: string;
  elements: number;
  bytes: number;
}

export interface ForeignModel {
  inputs: readonly ForeignTensor[];
  outputs: readonly ForeignTensor[];
  nodes: readonly ForeignNode[];
  initializers: readonly Initializer[];
  /** Floating-point initializer elements: the learned parameters. */
  parameters: number;
  /** Opset of the default ONNX domain. */
  opset: number;
  producer: string;
  /** Class names read from the metadata (`classes`, `labels`, `names`…), when the file has them. */
  labels: readonly string[] | null;
}

export type ForeignError =
  | { kind: 'not-onnx' }
  | { kind: 'truncated' }
  | { kind: 'external-data'; tensor: string }
  | { kind: 'missing-input-shape'; input: string }
  | { kind: 'unsupported-ops'; ops: readonly string[] }
  /** The file is ONNX but its graph does not hold together (shapes that cannot meet, a missing tensor). */
  | { kind: 'bad-graph'; node: string; detail: string };

export type ReadResult = { ok: true; model: ForeignModel } | { ok: false; error: ForeignError };
