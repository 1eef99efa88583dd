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
