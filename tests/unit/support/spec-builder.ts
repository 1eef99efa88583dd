import { LAYERS } from '$lib/spec/layers';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerKind, type LayerNode, type LayerParamsByKind } from '$lib/spec/types';

/** A graph node as the tests write them: `inputs` left out means "the node before". */
export type TestNode = LayerNode & { inputs?: string[] };

/** A node of `kind` with the palette defaults overridden by `params`; `inputs` default to the previous node. */
export function node<K extends LayerKind>(id: string, kind: K, params: Partial<LayerParamsByKind[K]> = {}, inputs?: string[]): TestNode {
  return { id, kind, params: { ...LAYERS[kind].defaults, ...params }, inputs } as TestNode;
}

/** A graph from test nodes, each fed by the one before unless it names its inputs. */
export function graph(name: string, nodes: TestNode[]): GraphSpec {
  const wired = nodes.map((n, i) => ({ ...n, inputs: n.inputs ?? (i === 0 ? [] : [nodes[i - 1].id]) }) as LayerNode);
  return { format: SPEC_FORMAT, version: SPEC_VERSION, name, nodes: wired };
}

export const input = (height: number, width: number, channels: number): TestNode => node('in', 'Input', { height, width, channels });
