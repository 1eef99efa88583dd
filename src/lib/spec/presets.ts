import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerNode } from './types';

function chain(name: string, nodes: Omit<LayerNode, 'inputs'>[]): GraphSpec {
  return {
    format: SPEC_FORMAT,
    version: SPEC_VERSION,
    name,
    nodes: nodes.map((n, i) => ({ ...n, inputs: i === 0 ? [] : [nodes[i - 1].id] }) as LayerNode),
  };
}

/** The model on the canvas at first open: small enough to train in seconds on a software GPU. */
export function defaultSpec(classes = 4): GraphSpec {
  return chain('Tiny CNN', [
    { id: 'input', kind: 'Input', params: { height: 28, width: 28, channels: 1 }, position: { x: 0, y: 0 } },
    {
      id: 'conv1',
      kind: 'Conv2D',
      params: { filters: 8, kernelSize: 3, strides: 1, padding: 'same', dilation: 1, activation: 'relu', useBias: true },
      position: { x: 0, y: 110 },
    },
    { id: 'pool1', kind: 'MaxPool2D', params: { poolSize: 2, strides: 2, padding: 'valid' }, position: { x: 0, y: 220 } },
    { id: 'flatten', kind: 'Flatten', params: {}, position: { x: 0, y: 330 } },
    { id: 'dense', kind: 'Dense', params: { units: classes, activation: 'softmax', useBias: true }, position: { x: 0, y: 440 } },
  ]);
}
