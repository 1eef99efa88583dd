import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_AUGMENT, drawAugmentation, type AugmentConfig } from '$lib/training/shared/augment';
import { Rng, seededRandom, shuffledIndices } from '$lib/util/random';
import { augmentBatch } from '$workers/training/augment-gpu';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const NONE: AugmentConfig = { enabled: true, flip: false, minCropScale: 1, translate: 0, brightness: 0, contrast: 0 };

describe('Rng', () => {
  test('draws the same sequence as seededRandom, and resumes from a saved state', () => {
    const reference = seededRandom(42);
    const rng = new Rng(42);
    const first = Array.from({ length: 5 }, () => rng.next());
    expect(first).toEqual(Array.from({ length: 5 }, () => reference()));
    const saved = rng.state;
    const next = rng.next();
    expect(new Rng(saved).next()).toBe(next);
  });

  test('shuffledIndices is a permutation', () => {
    const order = Array.from(shuffledIndices(50, new Rng(1)));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
  });
});

describe('augmentation', () => {
  test('with every effect off, the draw is the full image and the batch is unchanged', async () => {
    const draw = drawAugmentation(NONE, 2, new Rng(1));
    expect(Array.from(draw.boxes)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    const xs = tf.randomUniform([2, 6, 6, 1]) as tf.Tensor4D;
    const out = augmentBatch(tf, xs, draw);
    const [a, b] = await Promise.all([xs.data(), out.data()]);
    Array.from(a).forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
    tf.dispose([xs, out]);
  });

  test('a flip mirrors the image left to right', async () => {
    const draw = drawAugmentation({ ...NONE, flip: true }, 16, new Rng(3));
    const flipped = Array.from({ length: 16 }, (_, i) => draw.boxes[i * 4 + 1] > draw.boxes[i * 4 + 3]);
    expect(flipped).toContain(true);
    const i = flipped.indexOf(true);
    const x = tf.tensor4d([0, 0.5, 1, 0, 0.5, 1], [1, 2, 3, 1]);
    const out = augmentBatch(tf, x, { boxes: draw.boxes.slice(i * 4, i * 4 + 4), brightness: new Float32Array(1), contrast: new Float32Array([1]) });
    Array.from(await out.data()).forEach((v, k) => expect(v).toBeCloseTo([1, 0.5, 0, 1, 0.5, 0][k], 5));
    tf.dispose([x, out]);
  });

  test('on RGB images a flip moves whole pixels: each keeps its colour', async () => {
    const draw = drawAugmentation({ ...NONE, flip: true }, 16, new Rng(3));
    const i = Array.from({ length: 16 }, (_, k) => draw.boxes[k * 4 + 1] > draw.boxes[k * 4 + 3]).indexOf(true);
    // A red pixel, then a blue one.
    const x = tf.tensor4d([1, 0, 0, 0, 0, 1], [1, 1, 2, 3]);
    const out = augmentBatch(tf, x, { boxes: draw.boxes.slice(i * 4, i * 4 + 4), brightness: new Float32Array(1), contrast: new Float32Array([1]) });
    expect(out.shape).toEqual([1, 1, 2, 3]);
    Array.from(await out.data()).forEach((v, k) => expect(v).toBeCloseTo([0, 0, 1, 1, 0, 0][k], 5));
    tf.dispose([x, out]);
  });

  test('draws stay within the configured ranges and the output within [0, 1]', async () => {
    const cfg = { ...DEFAULT_AUGMENT, enabled: true };
    const draw = drawAugmentation(cfg, 64, new Rng(9));
    for (let i = 0; i < 64; i++) {
      const [y1, x1, y2, x2] = draw.boxes.slice(i * 4, i * 4 + 4);
      expect(y2 - y1).toBeGreaterThanOrEqual(cfg.minCropScale - 1e-6);
      expect(Math.abs(x2 - x1)).toBeCloseTo(y2 - y1, 6);
      expect(Math.abs(draw.brightness[i])).toBeLessThanOrEqual(cfg.brightness);
      expect(Math.abs(draw.contrast[i] - 1)).toBeLessThanOrEqual(cfg.contrast);
    }
    const xs = tf.randomUniform([64, 8, 8, 1]) as tf.Tensor4D;
    const out = augmentBatch(tf, xs, draw);
    const values = await out.data();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    tf.dispose([xs, out]);
  });
});
