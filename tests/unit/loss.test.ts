import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { balancedClassWeights } from '$lib/training/shared/class-weights';
import { categoricalCrossentropy, clipByGlobalNorm } from '$workers/training/loss';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function scalarOf(t: tf.Tensor): Promise<number> {
  const [x] = await t.data();
  t.dispose();
  return x;
}

describe('categoricalCrossentropy', () => {
  // Sample 0 is class 1, sample 1 is class 0; K = 3.
  const yTrue = () => tf.tensor2d([
    [0, 1, 0],
    [1, 0, 0],
  ]);
  const yPred = () => tf.tensor2d([
    [0.2, 0.7, 0.1],
    [0.5, 0.25, 0.25],
  ]);
  const loss = (opts: Parameters<typeof categoricalCrossentropy>[3], pred = yPred()) =>
    scalarOf(categoricalCrossentropy(tf, yTrue(), pred, opts));

  test('from logits: the same loss as on their softmax, with label smoothing and class weights', async () => {
    const logits = tf.tensor2d([
      [0.3, 2.1, -1],
      [1.5, 0.2, -0.4],
    ]);
    const opts = { labelSmoothing: 0.1, classWeights: [2, 0.5, 1] };
    const fromLogits = await scalarOf(categoricalCrossentropy(tf, yTrue(), logits, { ...opts, fromLogits: true }));
    expect(fromLogits).toBeCloseTo(await loss(opts, tf.softmax(logits) as tf.Tensor2D), 6);
    logits.dispose();
  });

  test('from logits: no clipping, so a confidently wrong sample keeps a large loss and gradient', async () => {
    const logits = tf.variable(tf.tensor2d([
      [40, -40, 0],
      [0, 0, 0],
    ]));
    const { value, grads } = tf.variableGrads(() => categoricalCrossentropy(tf, yTrue(), logits, { labelSmoothing: 0, fromLogits: true }));
    // Sample 0: −log softmax(−40 | 40, −40, 0) = 80 (+ tiny); sample 1: ln 3.
    expect(await scalarOf(value)).toBeCloseTo((80 + Math.log(3)) / 2, 4);
    expect(Math.abs((await grads[logits.name].data())[1])).toBeCloseTo(0.5, 4);
    tf.dispose([logits, ...Object.values(grads)]);
  });

  test('plain: mean of −log p(true class)', async () => {
    // (−ln 0.7 − ln 0.5) / 2 = (0.3566749 + 0.6931472) / 2
    expect(await loss({ labelSmoothing: 0 })).toBeCloseTo(0.5249111, 6);
  });

  test('label smoothing uses y·(1 − ε) + ε/K', async () => {
    // ε = 0.3, K = 3: true class 1 − 0.3 + 0.1 = 0.8, others 0.1.
    // sample 0: −(0.1·ln 0.2 + 0.8·ln 0.7 + 0.1·ln 0.1) = 0.1609438 + 0.2853399 + 0.2302585 = 0.6765422
    // sample 1: −(0.8·ln 0.5 + 0.1·ln 0.25 + 0.1·ln 0.25) = 0.5545177 + 0.1386294 + 0.1386294 = 0.8317766
    expect(await loss({ labelSmoothing: 0.3 })).toBeCloseTo((0.6765422 + 0.8317766) / 2, 6);
  });

  test('class weights scale each sample by its true class weight, averaged over the batch size', async () => {
    // weights [1, 2, 0.5]: sample 0 (class 1) × 2, sample 1 (class 0) × 1; divided by 2 samples, not by 2 + 1.
    // (2·0.3566749 + 1·0.6931472) / 2 = 0.7032485
    expect(await loss({ labelSmoothing: 0, classWeights: [1, 2, 0.5] })).toBeCloseTo(0.7032485, 6);
  });

  test('class weights come from the unsmoothed label when both are on', async () => {
    // (2·0.6765422 + 1·0.8317766) / 2
    expect(await loss({ labelSmoothing: 0.3, classWeights: [1, 2, 0.5] })).toBeCloseTo((2 * 0.6765422 + 0.8317766) / 2, 6);
  });

  test('predictions are clipped to [1e-7, 1 − 1e-7], so a certain wrong answer stays finite', async () => {
    const pred = tf.tensor2d([
      [1, 0, 0],
      [1, 0, 0],
    ]);
    // sample 0: −ln(1e-7) = 16.1180957; sample 1: −ln(1 − 1e-7) ≈ 1e-7 (float32: 1.19e-7)
    expect(await loss({ labelSmoothing: 0 }, pred)).toBeCloseTo(16.1180957 / 2, 4);
  });

  test('rejects a class weight list of the wrong length', () => {
    expect(() => categoricalCrossentropy(tf, yTrue(), yPred(), { labelSmoothing: 0, classWeights: [1, 2] })).toThrow(/2 class weights for 3 classes/);
  });
});

describe('clipByGlobalNorm', () => {
  // ‖[3, 4]‖² + ‖[[12]]‖² = 25 + 144 = 169, global norm 13.
  const grads = () => ({ a: tf.tensor1d([3, 4]), b: tf.tensor2d([[12]]) });

  test('scales all gradients together down to the max norm', async () => {
    const input = grads();
    const { grads: out, norm } = clipByGlobalNorm(tf, input, 6.5);
    // scale 6.5 / 13 = 0.5
    expect(Array.from(await out.a.data())).toEqual([1.5, 2]);
    expect(Array.from(await out.b.data())).toEqual([6]);
    expect(await scalarOf(norm)).toBeCloseTo(13, 5);
    tf.dispose([input, out]);
  });

  test('leaves gradients within the limit exactly as they are', async () => {
    const input = grads();
    const { grads: out, norm } = clipByGlobalNorm(tf, input, 20);
    expect(Array.from(await out.a.data())).toEqual([3, 4]);
    expect(Array.from(await out.b.data())).toEqual([12]);
    expect(await scalarOf(norm)).toBeCloseTo(13, 5);
    tf.dispose([input, out]);
  });

  test('leaves nothing behind but its results', () => {
    const input = grads();
    const before = tf.memory().numTensors;
    const { grads: out, norm } = clipByGlobalNorm(tf, input, 1);
    expect(tf.memory().numTensors).toBe(before + 3);
    tf.dispose([input, out, norm]);
  });
});

describe('balancedClassWeights', () => {
  test('n_samples / (n_classes · count), as scikit-learn', () => {
    // 100 samples, 3 classes: 100/30, 100/90, 100/180
    const w = balancedClassWeights([10, 30, 60]);
    [10 / 3, 10 / 9, 5 / 9].forEach((x, i) => expect(w[i]).toBeCloseTo(x, 12));
    // every class then carries the same total weight and the mean sample weight is 1
    expect(10 * w[0] + 30 * w[1] + 60 * w[2]).toBeCloseTo(100, 10);
  });

  test('equal counts give weight 1', () => {
    expect(balancedClassWeights([7, 7, 7, 7])).toEqual([1, 1, 1, 1]);
  });

  test('an empty class gets 0 and does not count as a class', () => {
    // 40 samples over the 2 present classes: 40/(2·10) = 2, 40/(2·30) = 2/3
    const w = balancedClassWeights([10, 0, 30]);
    expect(w[0]).toBeCloseTo(2, 12);
    expect(w[1]).toBe(0);
    expect(w[2]).toBeCloseTo(2 / 3, 12);
  });
});
