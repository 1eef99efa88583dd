import type { ForeignModel, ForeignNode } from './model';

/**
 * For each node, the graph inputs and nodes whose outputs it reads (weights and constants left
 * out): what a merge (Add, Concat) joins, which a single row of cards cannot draw as edges.
 */
export function nodeSources(model: ForeignModel): Map<ForeignNode, string[]> {
  const producer = new Map<string, string>(model.inputs.map((i) => [i.name, i.name]));
  for (const node of model.nodes) if (node.op !== 'Constant') node.outputs.forEach((o) => producer.set(o, node.name));
  return new Map(model.nodes.map((node) => [node, node.inputs.flatMap((i) => producer.get(i) ?? [])]));
}
