import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { OPTIMIZER_NAMES, defaultOptimizer, type OptimizerConfig } from '$lib/training/shared/config';
import { AdamW } from '$workers/training/adamw';
import { Lion } from '$workers/training/lion';
import { createOptimizer, setLearningRate } from '$workers/training/optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function values(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

function expectClose(actual: number[], expected: number[], digits = 6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a, `element ${i}`).toBeCloseTo(expected[i], digits));
}

function step(opt: tf.Optimizer, w: tf.Variable, grad: number[]): void {
  const g = tf.tensor1d(grad);
  opt.applyGradients({ [w.name]: g });
  g.dispose();
}

/** The optimizer state tensors (without the iteration count) as plain numbers. */
async function stateValues(opt: tf.Optimizer): Promise<number[][]> {
  const [, ...state] = await opt.getWeights();
  return Promise.all(state.map((s) => values(s.tensor)));
}

describe('AdamW', () => {
  // lr 0.1, β1 0.9, β2 0.999, ε 1e-8, λ 0.01; w0 = [1, −2]; gradients g1 = [0.5, 1], g2 = [−0.5, 2].
  const cfg: OptimizerConfig = { name: 'adamw', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01 };

  test('one and two steps match the hand computation', async () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const opt = createOptimizer(tf, cfg);

    step(opt, w, [0.5, 1]);
    // t = 1: m = 0.1·g, v = 0.001·g², m̂ = m/0.1 = g, v̂ = v/0.001 = g², so m̂/(√v̂+ε) ≈ sign(g) = 1.
    // w[0] = 1 − 0.1·(1 + 0.01·1) = 0.899
    // w[1] = −2 − 0.1·(1 + 0.01·(−2)) = −2 − 0.098 = −2.098
    expectClose(await values(w), [0.899, -2.098]);
    expectClose((await stateValues(opt)).flat(), [0.05, 0.1, 0.00025, 0.001]);

    step(opt, w, [-0.5, 2]);
    // t = 2: bias corrections 1 − 0.9² = 0.19 and 1 − 0.999² = 0.001999.
    // [0]: m = 0.9·0.05 + 0.1·(−0.5) = −0.005, v = 0.999·0.00025 + 0.001·0.25 = 0.00049975
    //      m̂ = −0.005/0.19 = −0.0263158, v̂ = 0.00049975/0.001999 = 0.25, m̂/√v̂ = −0.0526316
    //      w = 0.899 − 0.1·(−0.0526316 + 0.01·0.899) = 0.9033642
    // [1]: m = 0.9·0.1 + 0.1·2 = 0.29, v = 0.999·0.001 + 0.001·4 = 0.004999
    //      m̂ = 0.29/0.19 = 1.5263158, v̂ = 0.004999/0.001999 = 2.5007504, m̂/√v̂ = 0.9651820
    //      w = −2.098 − 0.1·(0.9651820 + 0.01·(−2.098)) = −2.1924202
    expectClose(await values(w), [0.9033642, -2.1924202]);
    expectClose((await stateValues(opt)).flat(), [-0.005, 0.29, 0.00049975, 0.004999]);
    opt.dispose();
    w.dispose();
  });

  test('weight decay is decoupled: a zero gradient still shrinks weights by lr·λ·w', async () => {
    const w = tf.variable(tf.tensor1d([2, -4]));
    const opt = createOptimizer(tf, { ...cfg, weightDecay: 0.5 });
    step(opt, w, [0, 0]);
    // m = v = 0, so the Adam term is 0/(0 + ε) = 0: w ← w − 0.1·0.5·w = 0.95·w.
    expectClose(await values(w), [1.9, -3.8]);
    step(opt, w, [0, 0]);
    expectClose(await values(w), [1.805, -3.61]);
    opt.dispose();
    w.dispose();
  });
});

describe('Lion', () => {
  // lr 0.1, β1 0.9, β2 0.99, λ 0.1; w0 = [1, −2, 0.5]; g1 = [0.5, −1, 0], g2 = [−0.02, 0.5, −0.3].
  test('one and two steps match the hand computation', async () => {
    const w = tf.variable(tf.tensor1d([1, -2, 0.5]));
    const opt = createOptimizer(tf, { name: 'lion', learningRate: 0.1, beta1: 0.9, beta2: 0.99, weightDecay: 0.1 });

    step(opt, w, [0.5, -1, 0]);
    // c = 0.9·0 + 0.1·g1 = [0.05, −0.1, 0], sign(c) = [1, −1, 0]
    // w = [1 − 0.1·(1 + 0.1·1), −2 − 0.1·(−1 + 0.1·(−2)), 0.5 − 0.1·(0 + 0.1·0.5)] = [0.89, −1.88, 0.495]
    // m = 0.99·0 + 0.01·g1 = [0.005, −0.01, 0]
    expectClose(await values(w), [0.89, -1.88, 0.495]);
    expectClose((await stateValues(opt))[0], [0.005, -0.01, 0]);

    step(opt, w, [-0.02, 0.5, -0.3]);
    // c = 0.9·m + 0.1·g2 = [0.0045 − 0.002, −0.009 + 0.05, 0 − 0.03] = [0.0025, 0.041, −0.03]
    // sign(c) = [1, 1, −1]: for [0] the momentum outvotes the (negative) gradient.
    // w = [0.89 − 0.1·(1 + 0.089), −1.88 − 0.1·(1 − 0.188), 0.495 − 0.1·(−1 + 0.0495)] = [0.7811, −1.9612, 0.59005]
    // m = 0.99·m + 0.01·g2 = [0.00495 − 0.0002, −0.0099 + 0.005, 0 − 0.003] = [0.00475, −0.0049, −0.003]
    expectClose(await values(w), [0.7811, -1.9612, 0.59005]);
    expectClose((await stateValues(opt))[0], [0.00475, -0.0049, -0.003]);
    opt.dispose();
    w.dispose();
  });
});

describe('createOptimizer', () => {
  test('fills fields the config leaves out from the defaults table', () => {
    const opt = createOptimizer(tf, { name: 'adamw', learningRate: 0.002 });
    expect(opt.getConfig()).toEqual({ learningRate: 0.002, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 });
    opt.dispose();
  });

  test('AdamW and Lion are registered for tfjs serialization', () => {
    for (const name of ['adamw', 'lion'] as const) {
      const original = createOptimizer(tf, defaultOptimizer(name));
      // The lookup tfjs does when it deserializes an optimizer by class name.
      const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap[original.getClassName()];
      expect(cls).toBe(name === 'adamw' ? AdamW : Lion);
      const copy = fromConfig(cls, original.getConfig()) as tf.Optimizer;
      // Not toBeInstanceOf: tf.Optimizer's Symbol.hasInstance accepts any optimizer for any subclass.
      expect(copy.constructor).toBe(cls);
      expect(copy.getConfig()).toEqual(original.getConfig());
      original.dispose();
      copy.dispose();
    }
  });
});

test.each(['adamw', 'lion'] as const)('%s: setWeights replaces the old state without leaking it', async (name) => {
  const w = tf.variable(tf.tensor1d([1, -2]));
  const opt = createOptimizer(tf, defaultOptimizer(name));
  step(opt, w, [0.3, -0.7]);
  const saved = (await opt.getWeights()).map((s) => ({ name: s.name, tensor: s.tensor.clone() }));
  const before = tf.memory().numTensors;
  await opt.setWeights(saved);
  await opt.setWeights(saved);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose(saved.map((s) => s.tensor));
  opt.dispose();
  w.dispose();
});

describe.each(OPTIMIZER_NAMES)('%s', (name) => {
  const cfg: OptimizerConfig = { ...defaultOptimizer(name), learningRate: 0.01 };
  const grad = [0.3, -0.7];

  test('setLearningRate changes the very next step', async () => {
    // Twins take the same first step; then B's rate triples. Every optimizer here moves the
    // weights by lr × (something fixed by the state), so B's second move must be 3× A's.
    const [wA, wB] = [tf.variable(tf.tensor1d([1, -2])), tf.variable(tf.tensor1d([1, -2]))];
    const [a, b] = [createOptimizer(tf, cfg), createOptimizer(tf, cfg)];
    step(a, wA, grad);
    step(b, wB, grad);
    const before = await values(wA);
    setLearningRate(b, 0.03);
    step(a, wA, grad);
    step(b, wB, grad);
    const moveA = (await values(wA)).map((x, i) => x - before[i]);
    const moveB = (await values(wB)).map((x, i) => x - before[i]);
    expect(Math.abs(moveA[0])).toBeGreaterThan(1e-4);
    expectClose(moveB, moveA.map((d) => 3 * d), 5);
    a.dispose();
    b.dispose();
    tf.dispose([wA, wB]);
  });

  test('no tensors leak per step', () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const opt = createOptimizer(tf, cfg);
    const counts: number[] = [];
    for (let i = 1; i <= 5; i++) {
      // As a schedule would: a new rate before every step.
      setLearningRate(opt, 0.01 / i);
      step(opt, w, grad);
      counts.push(tf.memory().numTensors);
    }
    expect(counts[4]).toBe(counts[1]);
    opt.dispose();
    w.dispose();
  });

  test('getWeights/setWeights round-trips the state: a restored optimizer continues identically', async () => {
    const wA = tf.variable(tf.tensor1d([1, -2]));
    const a = createOptimizer(tf, cfg);
    step(a, wA, [0.3, -0.7]);
    step(a, wA, [-0.1, 0.4]);

    const wB = tf.variable(wA.clone());
    const b = createOptimizer(tf, cfg);
    const saved = await a.getWeights();
    await b.setWeights(saved);
    saved[0].tensor.dispose(); // the iteration count is a fresh tensor; the rest are a's live state
    expect(b.iterations).toBe(2);

    for (const g of [
      [0.2, 0.5],
      [-0.6, 0.1],
    ]) {
      step(a, wA, g);
      step(b, wB, g);
    }
    expectClose(await values(wB), await values(wA));
    expectClose((await stateValues(b)).flat(), (await stateValues(a)).flat());
    a.dispose();
    b.dispose();
    tf.dispose([wA, wB]);
  });
});

test('tfjs SGD ignores a plain learningRate assignment, which is why setLearningRate exists', async () => {
  const w = tf.variable(tf.tensor1d([1]));
  const opt = createOptimizer(tf, { name: 'sgd', learningRate: 0.1 });
  (opt as unknown as { learningRate: number }).learningRate = 0;
  step(opt, w, [1]);
  // The cached −lr tensor still holds −0.1: w = 1 − 0.1·1.
  expectClose(await values(w), [0.9]);
  opt.dispose();
  w.dispose();
});
