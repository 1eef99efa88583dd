import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { trainStep, type StepOptions } from '$workers/training/step';
import { categoricalCrossentropy } from '$workers/training/loss';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A one-layer softmax classifier with fixed weights, so two steps start from the same point. */
function model(): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })] });
  m.setWeights([tf.tensor2d([0.5, -1, 2, 0.25, -0.5, 1], [3, 2]), tf.tensor1d([0.1, -0.1])]);
  return m;
}

const xb = () => tf.tensor2d([1, 2, 3, -1, 0.5, 2], [2, 3]) as tf.Tensor2D;
const yb = () => tf.tensor2d([1, 0, 0, 1], [2, 2]) as tf.Tensor2D;
const loss = (y: tf.Tensor2D, p: tf.Tensor2D) => categoricalCrossentropy(tf, y, p, { labelSmoothing: 0 });

/** Kernel after one SGD step (lr 1) and the step's [loss, correct, norm]. */
async function step(opts: StepOptions): Promise<{ kernel: number[]; stats: number[] }> {
  const m = model();
  const opt = tf.train.sgd(1);
  const stats = tf.tidy(() => trainStep(tf, m, opt, loss, xb(), yb(), opts));
  const result = { kernel: Array.from(await m.getWeights()[0].data()), stats: Array.from(await stats.data()) };
  stats.dispose();
  m.dispose();
  opt.dispose();
  return result;
}

describe('trainStep', () => {
  test('L2 adds λ·Σw² of the kernels to the loss: the kernel moves by a further lr·2λ·w, the bias not at all', async () => {
    const plain = await step({ l2: 0, clipNorm: null });
    const decayed = await step({ l2: 0.1, clipNorm: null });
    const w0 = [0.5, -1, 2, 0.25, -0.5, 1];
    decayed.kernel.forEach((k, i) => expect(plain.kernel[i] - k).toBeCloseTo(2 * 0.1 * w0[i], 5));
    // The reported loss is the data loss: comparable with the validation loss.
    expect(decayed.stats[0]).toBeCloseTo(plain.stats[0], 6);
  });

  test('clipping by global norm limits the step and reports the norm before clipping', async () => {
    const plain = await step({ l2: 0, clipNorm: null });
    const norm = plain.stats[2];
    expect(norm).toBeGreaterThan(0.1);
    const clipped = await step({ l2: 0, clipNorm: 0.1 });
    expect(clipped.stats[2]).toBeCloseTo(norm, 6);
    const w0 = [0.5, -1, 2, 0.25, -0.5, 1];
    // Each kernel entry moves by its gradient scaled by 0.1 / norm.
    clipped.kernel.forEach((k, i) => expect(w0[i] - k).toBeCloseTo(((w0[i] - plain.kernel[i]) * 0.1) / norm, 5));
  });
});
