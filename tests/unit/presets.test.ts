import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph, validateForDataset } from '$lib/spec/analyze';
import { PRESETS, PRESET_IDS, defaultSpec } from '$lib/spec/presets';
import { onnxParity } from './support/parity';

const SHAPES = { height: 28, width: 28, channels: 1, classes: 4 };
/** Small enough to train in seconds on a software GPU. */
const MAX_PARAMS = 70_000;

describe.each(PRESET_IDS)('preset %s', (id) => {
  const spec = PRESETS[id](SHAPES.classes);
  const analysis = analyzeGraph(spec);

  it('is valid and fits the Shapes dataset', () => {
    expect(analysis.issues).toEqual([]);
    expect(validateForDataset(analysis, SHAPES)).toEqual([]);
    expect(analysis.inputId).toBe('input');
    // The starting model keeps the ids it always had ('dense'); the others name their last layer 'output'.
    expect(analysis.outputId).toBe(id === 'tiny' ? 'dense' : 'output');
    expect(spec.nodes.find((n) => n.id === analysis.outputId)).toMatchObject({ kind: 'Dense', params: { units: 4, activation: 'softmax' } });
  });

  it('is small', () => {
    expect(analysis.totals.params).toBeLessThan(MAX_PARAMS);
  });

  it('sizes its output to the class count', () => {
    const wider = analyzeGraph(PRESETS[id](7));
    expect(wider.nodes[wider.outputId!].shape).toEqual([7]);
  });
});

describe('preset structure', () => {
  it('LeNet-5 has the hand-counted parameters of each layer', () => {
    const { nodes, totals } = analyzeGraph(PRESETS.lenet5(4));
    const expected = {
      conv1: 5 * 5 * 1 * 6 + 6, // 156, 28×28×6 (same padding stands in for LeNet's 32×32 input)
      conv2: 5 * 5 * 6 * 16 + 16, // 2,416, 10×10×16
      fc1: 400 * 120 + 120, // 48,120 from the 5×5×16 = 400 flattened values
      fc2: 120 * 84 + 84, // 10,164
      output: 84 * 4 + 4, // 340
    };
    for (const [id, params] of Object.entries(expected)) expect(nodes[id].params, id).toBe(params);
    expect(nodes.conv2.shape).toEqual([10, 10, 16]);
    expect(nodes.flatten.shape).toEqual([400]);
    expect(totals.params).toBe(61_196);
  });

  it('MobileNet-tiny is built from depthwise-separable blocks with BatchNorm and ReLU6', () => {
    const spec = PRESETS.mobilenet(4);
    const kinds = spec.nodes.map((n) => n.kind);
    expect(kinds.filter((k) => k === 'DepthwiseConv2D')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'BatchNormalization')).toHaveLength(5);
    expect(spec.nodes.filter((n) => n.kind === 'Activation').every((n) => n.params.activation === 'relu6')).toBe(true);
  });

  it('ResNet-tiny has two residual blocks joined by Add, the second with a 1×1 projection', () => {
    const spec = PRESETS.resnet(4);
    const adds = spec.nodes.filter((n) => n.kind === 'Add');
    expect(adds.map((n) => n.inputs)).toEqual([
      ['block1_bn2', 'pool'],
      ['block2_bn2', 'block2_proj_bn'],
    ]);
    expect(spec.nodes.find((n) => n.id === 'block2_proj')).toMatchObject({ kind: 'Conv2D', params: { kernelSize: 1, strides: 2, filters: 16 } });
    expect(analyzeGraph(spec).nodes.block2_add.shape).toEqual([7, 7, 16]);
  });

  it('leaves the default model untouched', () => {
    expect(defaultSpec(4).nodes.map((n) => n.id)).toEqual(['input', 'conv1', 'pool1', 'flatten', 'dense']);
  });
});

describe('presets in tfjs and ONNX', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    ort.env.wasm.numThreads = 1;
  });

  it.each(PRESET_IDS)('%s builds in tfjs and its ONNX export matches to 1e-4', async (id) => {
    const { maxDelta, tfjsShape, onnxDims } = await onnxParity(PRESETS[id](4));
    expect(tfjsShape).toEqual([3, 4]);
    expect(onnxDims).toEqual([3, 4]);
    expect(maxDelta).toBeLessThanOrEqual(1e-4);
  });
});
