/**
 * Max |tfjs − onnxruntime-web| for a spec: built in tfjs (whatever backend is active), weights
 * and BatchNorm statistics randomised so nothing is trivially zero or one, exported to ONNX and
 * run on ORT-web's WASM backend. Same method as onnx-parity.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { buildModel, readWeights, writeWeights } from '$workers/model/build-model';
import { exportOnnx } from '$lib/onnx/export';
import { nhwcToNchw, transpose, TO_NHWC } from '$lib/onnx/layout';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { seededRandom } from '$lib/util/random';

/** Deterministic uniform numbers in [lo, hi), from the app's own seeded generator. */
function random(seed: number) {
  const next = seededRandom(seed);
  return (lo: number, hi: number): number => lo + (hi - lo) * next();
}

const RANGES: Record<string, [number, number]> = {
  bias: [-0.5, 0.5],
  beta: [-0.5, 0.5],
  moving_mean: [-0.5, 0.5],
  gamma: [0.5, 1.5],
  moving_variance: [0.2, 2],
};

/** Replaces everything glorot leaves trivial (zero biases, unit BN stats) with random values. */
export function randomiseStats(weights: ModelWeights, seed: number): ModelWeights {
  const next = random(seed);
  return Object.fromEntries(
    Object.entries(weights).map(([id, named]) => [id, named.map((w) => (RANGES[w.name] ? { ...w, data: w.data.map(() => next(...RANGES[w.name])) } : w))]),
  );
}

export interface ParityResult {
  maxDelta: number;
  tfjsShape: number[];
  onnxDims: number[];
}

export async function onnxParity(spec: GraphSpec, batch = 3): Promise<ParityResult> {
  const model = buildModel(tf, spec, 7);
  writeWeights(tf, model, randomiseStats(await readWeights(model, spec), 11));
  const [h, w, c] = model.inputs[0].shape.slice(1) as number[];
  const next = random(3);
  const x = Float32Array.from({ length: batch * h * w * c }, () => next(-2, 2));
  const result = await compareWithOnnx(model, spec, x, batch);
  model.dispose();
  return result;
}

/** Max |tfjs − ORT-web| for a model as it stands (e.g. just trained) on NHWC images `x`. */
export async function onnxMaxDelta(model: tf.LayersModel, spec: GraphSpec, x: Float32Array, batch: number): Promise<number> {
  return (await compareWithOnnx(model, spec, x, batch)).maxDelta;
}

async function compareWithOnnx(model: tf.LayersModel, spec: GraphSpec, x: Float32Array, batch: number): Promise<ParityResult> {
  const weights = await readWeights(model, spec);
  const [h, w, c] = model.inputs[0].shape.slice(1) as number[];
  const xTensor = tf.tensor4d(x, [batch, h, w, c]);
  const yTensor = model.predict(xTensor) as tf.Tensor;
  const expected = (await yTensor.data()) as Float32Array;
  const tfjsShape = yTensor.shape;
  tf.dispose([xTensor, yTensor]);

  const session = await ort.InferenceSession.create(exportOnnx(spec, weights));
  const feeds = { input: new ort.Tensor('float32', nhwcToNchw(x, batch, h, w, c), [batch, c, h, w]) };
  const result = (await session.run(feeds)).output;
  await session.release();
  const onnxDims = result.dims as number[];
  const actual = onnxDims.length === 4 ? transpose(result.data as Float32Array, onnxDims, TO_NHWC) : (result.data as Float32Array);
  const maxDelta = expected.reduce((max, e, i) => Math.max(max, Math.abs(e - actual[i])), 0);
  return { maxDelta, tfjsShape, onnxDims };
}
