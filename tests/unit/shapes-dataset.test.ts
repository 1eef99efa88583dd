import { describe, expect, it } from 'vitest';
import { generateShapes, SHAPE_CLASSES } from '$lib/datasets/shared/shapes';
import { splitDataset } from '$lib/datasets/shared/dataset';

describe('shapes dataset', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = generateShapes({ count: 40, seed: 7 });
    const b = generateShapes({ count: 40, seed: 7 });
    const c = generateShapes({ count: 40, seed: 8 });
    expect(a.images).toEqual(b.images);
    expect(a.labels).toEqual(b.labels);
    expect(a.images).not.toEqual(c.images);
  });

  it('has balanced classes, values in [0,1] and real ink in every image', () => {
    const d = generateShapes({ count: 80, seed: 1 });
    const counts = SHAPE_CLASSES.map((_, k) => d.labels.filter((l) => l === k).length);
    expect(counts).toEqual([20, 20, 20, 20]);
    const px = 28 * 28;
    for (let i = 0; i < 80; i++) {
      const img = d.images.subarray(i * px, (i + 1) * px);
      expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...img)).toBeLessThanOrEqual(1);
      const bright = img.filter((v) => v > 0.5).length;
      expect(bright).toBeGreaterThan(15);
    }
  });

  it('keeps labels attached to their images through the shuffle', () => {
    // Without noise, a circle of radius r covers about πr² pixels and a cross far fewer: the mean ink per class must differ.
    const d = generateShapes({ count: 200, seed: 3, noise: 0 });
    const px = 28 * 28;
    const ink = (k: number) => {
      let sum = 0;
      let n = 0;
      d.labels.forEach((l, i) => {
        if (l !== k) return;
        n++;
        for (let p = 0; p < px; p++) sum += d.images[i * px + p] > 0 ? 1 : 0;
      });
      return sum / n;
    };
    expect(ink(SHAPE_CLASSES.indexOf('square'))).toBeGreaterThan(ink(SHAPE_CLASSES.indexOf('cross')) * 1.3);
  });

  it('holds out a validation split without overlap', () => {
    const { train, val } = splitDataset(generateShapes({ count: 100, seed: 2 }), 0.2);
    expect(train.labels.length).toBe(80);
    expect(val.labels.length).toBe(20);
    expect(val.images.length).toBe(20 * 28 * 28);
  });
});

describe('validation split', () => {
  it('holds out every class in proportion and never puts a sample in both halves (by sample id)', () => {
    const d = generateShapes({ count: 203, seed: 9 });
    const { train, val } = splitDataset(d, 0.2);
    const trainIds = new Set(train.ids);
    expect([...val.ids].filter((id) => trainIds.has(id))).toEqual([]);
    expect(new Set([...train.ids, ...val.ids])).toEqual(new Set(d.ids));
    expect(train.ids.length + val.ids.length).toBe(203);
    expect(val.ids.length).toBe(41);
    // Classes of 51, 51, 51 and 50 samples: each gives 10 or 11 to validation.
    const perClass = SHAPE_CLASSES.map((_, k) => val.labels.filter((l) => l === k).length);
    perClass.forEach((n) => expect(n === 10 || n === 11).toBe(true));
  });

  it('keeps each sample with its own image and label', () => {
    const d = generateShapes({ count: 60, seed: 4 });
    const { val } = splitDataset(d, 0.25);
    const px = 28 * 28;
    val.ids.forEach((id, k) => {
      const from = d.ids.indexOf(id);
      expect(val.labels[k]).toBe(d.labels[from]);
      expect(val.images.subarray(k * px, (k + 1) * px)).toEqual(d.images.subarray(from * px, (from + 1) * px));
    });
  });
});
