import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '$lib/spec/analyze';
import { LAYERS, LAYER_KINDS } from '$lib/spec/layers';
import { PRESETS, PRESET_IDS } from '$lib/spec/presets';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerKind, type LayerNode, type LayerParamsByKind } from '$lib/spec/types';
import { buildModel } from '$workers/model/build-model';

/**
 * The shapes and parameter counts the editor shows on every node must be what tfjs actually builds,
 * for every layer kind (with non-default settings, so strides, padding and multipliers count) and
 * every preset.
 */

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function node<K extends LayerKind>(id: string, kind: K, inputs: string[], params: Partial<LayerParamsByKind[K]> = {}): LayerNode {
  return { id, kind, inputs, params: { ...structuredClone(LAYERS[kind].defaults), ...params } } as LayerNode;
}

const spec = (name: string, nodes: LayerNode[]): GraphSpec => ({ format: SPEC_FORMAT, version: SPEC_VERSION, name, nodes });

/** Input → (the layers under test) → Flatten → Dense: a buildable model around each kind. */
function around(name: string, image: [number, number, number], ...layers: LayerNode[]): GraphSpec {
  const last = layers.at(-1)!.id;
  return spec(name, [
    node('input', 'Input', [], { height: image[0], width: image[1], channels: image[2] }),
    ...layers,
    node('flat', 'Flatten', [last]),
    node('output', 'Dense', ['flat'], { units: 3, activation: 'softmax' }),
  ]);
}

const CASES: Record<LayerKind, GraphSpec> = {
  Input: around('input', [9, 7, 3], node('conv', 'Conv2D', ['input'], { filters: 2 })),
  Conv2D: around(
    'conv2d',
    [13, 11, 3],
    node('strided', 'Conv2D', ['input'], { filters: 5, kernelSize: 3, strides: 2, padding: 'valid', useBias: false }),
    node('dilated', 'Conv2D', ['strided'], { filters: 4, kernelSize: 2, dilation: 2, padding: 'same', activation: 'leakyRelu' }),
  ),
  DepthwiseConv2D: around('depthwise', [12, 12, 3], node('dw', 'DepthwiseConv2D', ['input'], { depthMultiplier: 2, kernelSize: 3, strides: 2, padding: 'valid' })),
  SeparableConv2D: around('separable', [10, 10, 4], node('sep', 'SeparableConv2D', ['input'], { filters: 6, depthMultiplier: 2, kernelSize: 5, padding: 'same', activation: 'swish' })),
  MaxPool2D: around('maxpool', [11, 11, 2], node('pool', 'MaxPool2D', ['input'], { poolSize: 3, strides: 2, padding: 'same' })),
  AvgPool2D: around('avgpool', [11, 11, 2], node('pool', 'AvgPool2D', ['input'], { poolSize: 3, strides: 1, padding: 'valid' })),
  GlobalAveragePooling2D: spec('gap', [
    node('input', 'Input', [], { height: 8, width: 8, channels: 5 }),
    node('gap', 'GlobalAveragePooling2D', ['input']),
    node('output', 'Dense', ['gap'], { units: 3 }),
  ]),
  BatchNormalization: spec('batchnorm', [
    node('input', 'Input', [], { height: 6, width: 6, channels: 3 }),
    node('bn_image', 'BatchNormalization', ['input']),
    node('flat', 'Flatten', ['bn_image']),
    node('bn_vector', 'BatchNormalization', ['flat'], { momentum: 0.9, epsilon: 0.01 }),
    node('output', 'Dense', ['bn_vector'], { units: 3 }),
  ]),
  Dropout: around('dropout', [6, 6, 2], node('drop', 'Dropout', ['input'], { rate: 0.5 })),
  Flatten: around('flatten', [5, 4, 3], node('conv', 'Conv2D', ['input'], { filters: 2 })),
  Dense: spec('dense', [
    node('input', 'Input', [], { height: 4, width: 4, channels: 1 }),
    node('flat', 'Flatten', ['input']),
    node('hidden', 'Dense', ['flat'], { units: 7, useBias: false, activation: 'tanh' }),
    node('output', 'Dense', ['hidden'], { units: 3 }),
  ]),
  Activation: around('activation', [6, 6, 2], node('act', 'Activation', ['input'], { activation: 'relu6' })),
  Add: around(
    'add',
    [8, 8, 2],
    node('a', 'Conv2D', ['input'], { filters: 4 }),
    node('b', 'Conv2D', ['input'], { filters: 4, kernelSize: 1 }),
    node('sum', 'Add', ['a', 'b']),
  ),
  Concatenate: around(
    'concat',
    [8, 8, 2],
    node('a', 'Conv2D', ['input'], { filters: 3 }),
    node('b', 'Conv2D', ['input'], { filters: 5, kernelSize: 1 }),
    node('cat', 'Concatenate', ['a', 'b']),
  ),
  ZeroPadding2D: around('zeropad', [5, 6, 2], node('pad', 'ZeroPadding2D', ['input'], { padding: 2 })),
  UpSampling2D: around('upsample', [4, 3, 2], node('up', 'UpSampling2D', ['input'], { size: 3 })),
  Reshape: spec('reshape', [
    node('input', 'Input', [], { height: 4, width: 4, channels: 3 }),
    node('flat', 'Flatten', ['input']),
    node('grid', 'Reshape', ['flat'], { targetShape: [6, 2, 4] }),
    node('conv', 'Conv2D', ['grid'], { filters: 2 }),
    node('flat2', 'Flatten', ['conv']),
    node('output', 'Dense', ['flat2'], { units: 3 }),
  ]),
};

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Per node id: output shape (batch dropped), all weights, trainable weights, as tfjs built them. */
function tfjsStats(graph: GraphSpec) {
  const model = buildModel(tf, graph, 1);
  try {
    return Object.fromEntries(
      graph.nodes.map((n) => {
        const layer = model.getLayer(n.id);
        // A fused activation tfjs cannot express is a second layer `${id}__act`: same shape, no weights.
        const out = model.layers.find((l) => l.name === `${n.id}__act`) ?? layer;
        const shape = (out.outputShape as (number | null)[]).slice(1);
        return [n.id, { shape, params: layer.countParams(), trainable: layer.trainableWeights.reduce((s, w) => s + size(w.shape as number[]), 0) }];
      }),
    );
  } finally {
    model.dispose();
  }
}

function expectEditorMatchesTfjs(graph: GraphSpec) {
  const analysis = analyzeGraph(graph);
  expect(analysis.issues).toEqual([]);
  const built = tfjsStats(graph);
  for (const n of graph.nodes) {
    const info = analysis.nodes[n.id];
    expect({ shape: info.shape, params: info.params, trainable: info.trainableParams }, n.id).toEqual(built[n.id]);
  }
}

describe('editor shapes and parameter counts equal the tfjs model', () => {
  it('covers every layer kind', () => {
    const kinds = new Set(Object.values(CASES).flatMap((g) => g.nodes.map((n) => n.kind)));
    expect([...kinds].sort()).toEqual([...LAYER_KINDS].sort());
  });

  it.each(LAYER_KINDS)('%s', (kind) => expectEditorMatchesTfjs(CASES[kind]));

  it.each(PRESET_IDS)('preset %s', (id) => expectEditorMatchesTfjs(PRESETS[id](4)));
});
