import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '$workers/model/build-model';
import { memorySource } from '$workers/datasets/source';
import { evaluateSplit, predictProbabilities, samplePixels } from '$workers/training/evaluate-split';
import { generateShapes } from '$lib/datasets/shared/shapes';
import { defaultSpec } from '$lib/spec/presets';
import type { GraphSpec } from '$lib/spec/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** More samples than one prediction batch (256), so the batching and its last short batch are covered. */
const data = generateShapes({ count: 300, seed: 7 });
const source = memorySource(data);

/** The default model without its softmax: its outputs are logits. */
function logitSpec(): GraphSpec {
  const spec = defaultSpec(4);
  const dense = spec.nodes.find((n) => n.id === 'dense')!;
  Object.assign(dense.params, { activation: 'linear' });
  return spec;
}

async function argmaxOfWholeSet(model: tf.LayersModel): Promise<number[]> {
  const out = tf.tidy(() => (model.predict(tf.tensor4d(data.images, [300, 28, 28, 1])) as tf.Tensor2D).argMax(1));
  const values = Array.from(await out.data());
  out.dispose();
  return values;
}

describe('evaluating a model on a split in the worker', () => {
  it('predicts every sample, batch by batch, as one whole-set prediction would, and leaves no tensor behind', async () => {
    const model = buildModel(tf, defaultSpec(4), 3);
    const before = tf.memory().numTensors;
    const result = await evaluateSplit(tf, model, source, 'validation', false);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.labels.length).toBe(300);
    expect([...result.predictions]).toEqual(await argmaxOfWholeSet(model));
    expect(result.matrix.flat().reduce((a, b) => a + b, 0)).toBe(300);
    expect(result.classes).toEqual([...data.classes]);
    expect(result.topK.map((t) => t.k)).toEqual([1, 2, 3]);
    const correct = result.predictions.filter((p, i) => p === result.labels[i]).length;
    expect(result.topK[0].accuracy).toBeCloseTo(correct / 300, 12);
    // Confidence never rises along the gallery, and every entry is really wrong.
    for (const [i, w] of result.wrong.entries()) {
      expect(w.predicted).not.toBe(w.label);
      expect(w.label).toBe(data.labels[w.position]);
      if (i > 0) expect(w.confidence).toBeLessThanOrEqual(result.wrong[i - 1].confidence);
    }
    model.dispose();
  });

  it('turns a logits model’s outputs into probabilities', async () => {
    const model = buildModel(tf, logitSpec(), 3);
    const before = tf.memory().numTensors;
    const probabilities = await predictProbabilities(tf, model, source, true);
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 300; i += 37) {
      const row = probabilities.subarray(i * 4, i * 4 + 4);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
    }
    model.dispose();
  });

  it('hands back the asked samples as bytes, and refuses positions outside the split', async () => {
    const pixels = await samplePixels(source, [5, 0]);
    const size = 28 * 28;
    expect(pixels.length).toBe(2 * size);
    expect([...pixels.subarray(0, size)]).toEqual(Array.from(data.images.subarray(5 * size, 6 * size), (v) => Math.round(v * 255)));
    await expect(samplePixels(source, [300])).rejects.toThrow(/does not have/);
  });
});
