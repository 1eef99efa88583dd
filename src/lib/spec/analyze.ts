import { mark, type Marks, type NodeIssue } from './issues';
import { formatShape, inferLayer, isLayerError, shapeSize } from './shapes';
import { markConnections, orderMarkingCycles, pickInput, pickOutput, uniqueNodes } from './structure';
import type { GraphSpec, LayerNode, Shape } from './types';
import { m } from '$lib/i18n/messages';

export { formatShape };
export type { NodeIssue };

/** `shape` is null when this node or one of its inputs cannot be computed. */
export interface NodeInfo {
  shape: Shape | null;
  params: number;
  trainableParams: number;
  flops: number;
  error?: NodeIssue;
}

export interface GraphTotals {
  params: number;
  trainableParams: number;
  /** Multiply-accumulates per sample (see shapes.ts for the convention). */
  flops: number;
  /** float32 weights. */
  weightBytes: number;
  /** float32 outputs of every node, Input included, for one sample. */
  activationBytesPerSample: number;
}

export interface GraphAnalysis {
  valid: boolean;
  nodes: Record<string, NodeInfo>;
  /** Graph-level issues first, then node issues in spec order; at most one per node. */
  issues: NodeIssue[];
  /** Topological order of the nodes that are neither on nor downstream of a cycle. */
  order: string[];
  inputId: string | null;
  outputId: string | null;
  totals: GraphTotals;
}

export interface DatasetShape {
  height: number;
  width: number;
  channels: number;
  classes: number;
}

const BYTES_PER_FLOAT = 4;

/**
 * Validates a graph and computes every node's output shape, parameter count and cost. Each
 * problem is reported once, at its root cause: layers downstream of a broken layer just get a
 * null shape.
 */
export function analyzeGraph(spec: GraphSpec): GraphAnalysis {
  const graphIssues: NodeIssue[] = [];
  const marks: Marks = new Map();
  const graph: GraphSpec = { ...spec, nodes: uniqueNodes(spec.nodes, marks) };
  markConnections(graph, marks);
  const order = orderMarkingCycles(graph, marks);
  const inputId = pickInput(graph, marks);
  if (inputId === null) graphIssues.push({ nodeId: null, message: m.noInputLayer(), hint: m.noInputLayerHint() });

  const nodes = inferAll(graph, order, marks);
  const outputId = pickOutput(graph, order, inputId, marks);
  for (const [id, issue] of marks) nodes[id] = { ...nodes[id], error: issue };

  const issues = [...graphIssues, ...graph.nodes.flatMap((n) => (marks.has(n.id) ? [marks.get(n.id)!] : []))];
  return {
    valid: issues.length === 0,
    nodes,
    issues,
    order: order.map((n) => n.id),
    inputId,
    outputId,
    totals: totals(Object.values(nodes)),
  };
}

function inferAll(graph: GraphSpec, order: LayerNode[], marks: Marks): Record<string, NodeInfo> {
  const nodes: Record<string, NodeInfo> = {};
  for (const n of graph.nodes) nodes[n.id] = { shape: null, params: 0, trainableParams: 0, flops: 0 };
  for (const node of order) {
    if (marks.has(node.id)) continue;
    const inputShapes = node.inputs.map((id) => nodes[id].shape);
    if (inputShapes.some((s) => s === null)) continue;
    const result = inferLayer(node, inputShapes as Shape[]);
    if (isLayerError(result)) mark(marks, node.id, result);
    else nodes[node.id] = { ...result };
  }
  return nodes;
}

function totals(infos: NodeInfo[]): GraphTotals {
  const sum = (f: (i: NodeInfo) => number) => infos.reduce((acc, i) => acc + f(i), 0);
  const params = sum((i) => i.params);
  return {
    params,
    trainableParams: sum((i) => i.trainableParams),
    flops: sum((i) => i.flops),
    weightBytes: params * BYTES_PER_FLOAT,
    activationBytesPerSample: sum((i) => (i.shape ? shapeSize(i.shape) : 0)) * BYTES_PER_FLOAT,
  };
}

/** Whether the analysed model fits a dataset: images of its size in, one score per class out. */
export function validateForDataset(analysis: GraphAnalysis, dataset: DatasetShape): NodeIssue[] {
  const issues: NodeIssue[] = [];
  const { height, width, channels, classes } = dataset;
  const inputShape = analysis.inputId ? analysis.nodes[analysis.inputId]?.shape : null;
  const expectedInput = formatShape([height, width, channels]);
  if (inputShape && formatShape(inputShape) !== expectedInput) {
    // The one-click fix names only what must change (28×28×1 → 28×28×3 is "Set channels to 3").
    const wanted = { height, width, channels };
    const fix = Object.fromEntries(Object.entries(wanted).filter(([, value], i) => inputShape[i] !== value));
    issues.push({
      nodeId: analysis.inputId,
      message: m.inputNotDataset({ input: formatShape(inputShape), expected: expectedInput }),
      hint: m.inputNotDatasetHint({ height, width, channels }),
      fix,
    });
  }
  const outputShape = analysis.outputId ? analysis.nodes[analysis.outputId]?.shape : null;
  if (outputShape && formatShape(outputShape) !== String(classes)) {
    issues.push({
      nodeId: analysis.outputId,
      message: m.outputNotClasses({ output: formatShape(outputShape), classes }),
      hint: outputShape.length === 1 ? m.outputNotClassesDenseHint({ classes }) : m.outputNotClassesHeadHint({ classes }),
      ...(outputShape.length === 1 ? { fix: { units: classes } } : {}),
    });
  }
  return issues;
}
