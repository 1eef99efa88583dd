import { describe, expect, it } from 'vitest';
import { generateRgbShapes } from '$lib/datasets/shared/shapes';
import { DATASETS, RGB_COLOURS, RGB_SHAPE_CLASSES, datasetShape } from '$lib/datasets/shared/catalog';

const PX = 28 * 28;

/** Mean value of each channel over the pixels that carry ink (any channel above 0.5), for sample `i`. */
function inkColour(d: ReturnType<typeof generateRgbShapes>, i: number): number[] {
  const sums = [0, 0, 0];
  let n = 0;
  for (let p = 0; p < PX; p++) {
    const at = (i * PX + p) * 3;
    const rgb = [d.images[at], d.images[at + 1], d.images[at + 2]];
    if (Math.max(...rgb) <= 0.5) continue;
    n++;
    rgb.forEach((v, c) => (sums[c] += v));
  }
  return sums.map((s) => s / n);
}

describe('RGB shapes dataset', () => {
  it('is the same for a seed and differs across seeds', () => {
    const a = generateRgbShapes({ count: 36, seed: 4 });
    const b = generateRgbShapes({ count: 36, seed: 4 });
    const c = generateRgbShapes({ count: 36, seed: 5 });
    expect(a.images).toEqual(b.images);
    expect(a.labels).toEqual(b.labels);
    expect(a.images).not.toEqual(c.images);
  });

  it('matches its catalogue entry: 28×28×3, one class per colour and shape, balanced', () => {
    const d = generateRgbShapes({ count: 90, seed: 1 });
    expect(datasetShape(DATASETS['shapes-rgb'])).toEqual({ height: d.height, width: d.width, channels: d.channels, classes: d.classes.length });
    expect([d.height, d.width, d.channels]).toEqual([28, 28, 3]);
    expect(d.classes).toEqual([...RGB_SHAPE_CLASSES]);
    expect(d.images.length).toBe(90 * PX * 3);
    const counts = d.classes.map((_, k) => d.labels.filter((l) => l === k).length);
    expect(counts).toEqual(new Array(9).fill(10));
  });

  it('draws each shape in its class colour, with values in [0, 1]', () => {
    const d = generateRgbShapes({ count: 90, seed: 2 });
    expect(d.images.every((v) => v >= 0 && v <= 1)).toBe(true);
    d.labels.forEach((label, i) => {
      const colour = RGB_COLOURS.findIndex((name) => d.classes[label].startsWith(name));
      const mean = inkColour(d, i);
      // The class's channel carries the shape; the other two hold only noise (at most 0.15).
      expect(mean[colour]).toBeGreaterThan(0.5);
      mean.forEach((v, c) => c !== colour && expect(v).toBeLessThan(0.2));
    });
  });
});
