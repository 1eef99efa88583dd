/**
 * BatchNormalization folded into the conv before it: one Conv instead of two nodes, and the ONNX
 * model computes what the unfolded one computes.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import pkg from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, readWeights } from '$workers/model/build-model';
import { exportOnnx } from '$lib/onnx/export';
import { foldBatchNorm } from '$lib/onnx/fold-batchnorm';
import { LAYERS } from '$lib/spec/layers';
import { PRESETS } from '$lib/spec/presets';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerKind, type LayerNode, type LayerParamsByKind, type ModelWeights } from '$lib/spec/types';
import { maxAbsDiff } from '$lib/util/compare';
import { seededRandom } from '$lib/util/random';
import { randomiseStats } from './support/parity';

const { onnx } = pkg;

function node<K extends LayerKind>(id: string, kind: K, inputs: string[], params: Partial<LayerParamsByKind[K]> = {}): LayerNode {
  return { id, kind, inputs, params: { ...LAYERS[kind].defaults, ...params } } as LayerNode;
}

const graph = (nodes: LayerNode[]): GraphSpec => ({ format: SPEC_FORMAT, version: SPEC_VERSION, name: 'g', nodes });
const f32 = (...values: number[]) => Float32Array.from(values);

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
});

describe('foldBatchNorm', () => {
  // A 1×1 conv from 1 to 2 channels without bias, then BatchNorm with epsilon 1.
  const spec = graph([
    node('in', 'Input', [], { height: 2, width: 2, channels: 1 }),
    node('conv', 'Conv2D', ['in'], { filters: 2, kernelSize: 1, useBias: false, activation: 'linear' }),
    node('bn', 'BatchNormalization', ['conv'], { epsilon: 1 }),
    node('act', 'Activation', ['bn'], { activation: 'relu' }),
  ]);
  const weights: ModelWeights = {
    conv: [{ name: 'kernel', shape: [1, 1, 1, 2], data: f32(2, -1) }],
    bn: [
      { name: 'gamma', shape: [2], data: f32(4, 1) },
      { name: 'beta', shape: [2], data: f32(0.5, 0) },
      { name: 'moving_mean', shape: [2], data: f32(1, 0.5) },
      { name: 'moving_variance', shape: [2], data: f32(3, 0) },
    ],
  };

  it('scales each output channel by gamma / sqrt(variance + epsilon) and moves mean and beta into the bias', () => {
    const folded = foldBatchNorm(spec, weights);
    // Scales: 4 / sqrt(3 + 1) = 2 and 1 / sqrt(0 + 1) = 1; bias (0 − mean)·s + beta.
    expect(folded.weights.conv.map((w) => [w.name, w.shape, [...w.data]])).toEqual([
      ['kernel', [1, 1, 1, 2], [4, -1]],
      ['bias', [2], [-1.5, -0.5]],
    ]);
    expect(folded.weights.bn).toBeUndefined();
    expect(folded.spec.nodes.map((n) => [n.id, n.inputs])).toEqual([
      ['in', []],
      ['conv', ['in']],
      ['act', ['conv']],
    ]);
    expect(folded.spec.nodes[1].params).toMatchObject({ useBias: true });
  });

  it('leaves a BatchNorm after an activated conv, or after a conv another node also reads', () => {
    const activated = graph(spec.nodes.map((n) => (n.id === 'conv' ? ({ ...n, params: { ...n.params, activation: 'relu' } } as LayerNode) : n)));
    expect(foldBatchNorm(activated, weights).spec).toBe(activated);
    const shared = graph([...spec.nodes, node('add', 'Add', ['act', 'conv'])]);
    expect(foldBatchNorm(shared, weights).spec).toBe(shared);
  });
});

describe.each(['mobilenet', 'resnet'] as const)('%s exported with BatchNorm folded', (id) => {
  it('has no BatchNormalization node and the outputs of the unfolded model', async () => {
    const spec = PRESETS[id](4);
    const model = buildModel(tf, spec, 7);
    const weights = randomiseStats(await readWeights(model, spec), 11);
    model.dispose();
    const [folded, unfolded] = [exportOnnx(spec, weights), exportOnnx(spec, weights, { foldBatchNorm: false })];
    const opTypes = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType);
    expect(opTypes(unfolded)).toContain('BatchNormalization');
    expect(opTypes(folded)).not.toContain('BatchNormalization');

    const next = seededRandom(3);
    const x = Float32Array.from({ length: 8 * 28 * 28 }, () => next());
    const run = async (bytes: Uint8Array) => {
      const session = await ort.InferenceSession.create(bytes);
      const { output } = await session.run({ input: new ort.Tensor('float32', x, [8, 1, 28, 28]) });
      await session.release();
      return output.data as Float32Array;
    };
    expect(maxAbsDiff(await run(folded), await run(unfolded))).toBeLessThan(1e-5);
  });
});
