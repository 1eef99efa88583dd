import { Rng, shuffledIndices } from '$lib/util/random';
import type { ImageDataset } from './dataset';

export const SHAPE_CLASSES = ['circle', 'square', 'triangle', 'cross'] as const;

export interface ShapesOptions {
  count: number;
  seed: number;
  size?: number;
  /** Standard deviation-ish amplitude of uniform pixel noise. */
  noise?: number;
}

/** Largest offset of a shape's centre from the image centre, as a fraction of the image size. */
const JITTER = 0.12;

type Inside = (dx: number, dy: number, r: number) => boolean;

// Each shape is a predicate on the offset from its centre, so drawing needs no canvas (runs in Node and workers).
const SHAPES: Record<(typeof SHAPE_CLASSES)[number], Inside> = {
  circle: (dx, dy, r) => dx * dx + dy * dy <= r * r,
  square: (dx, dy, r) => Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85,
  triangle: (dx, dy, r) => dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= ((dy + r) / 1.8) * 1.05,
  cross: (dx, dy, r) => (Math.abs(dx) <= r * 0.28 || Math.abs(dy) <= r * 0.28) && Math.abs(dx) <= r && Math.abs(dy) <= r,
};

/**
 * Procedural grayscale shapes with position, size and noise jitter: a dataset that works
 * offline, needs no download, and is the same for a given seed.
 */
export function generateShapes({ count, seed, size = 28, noise = 0.15 }: ShapesOptions): ImageDataset {
  const rng = new Rng(seed);
  const rand = () => rng.next();
  const images = new Float32Array(count * size * size);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % SHAPE_CLASSES.length;
    labels[i] = label;
    const inside = SHAPES[SHAPE_CLASSES[label]];
    // Jitter stays moderate so a few hundred samples are enough to learn from in a classroom minute.
    const r = size * (0.22 + rand() * 0.1);
    const cx = size / 2 + (rand() - 0.5) * 2 * JITTER * size;
    const cy = size / 2 + (rand() - 0.5) * 2 * JITTER * size;
    const ink = 0.6 + rand() * 0.4;
    const offset = i * size * size;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const value = inside(x + 0.5 - cx, y + 0.5 - cy, r) ? ink : 0;
        images[offset + y * size + x] = Math.min(1, Math.max(0, value + (rand() - 0.5) * 2 * noise));
      }
    }
  }
  const px = size * size;
  const order = shuffledIndices(count, rng);
  const shuffled = new Float32Array(images.length);
  order.forEach((from, to) => shuffled.set(images.subarray(from * px, (from + 1) * px), to * px));
  return { name: 'Shapes', height: size, width: size, channels: 1, classes: [...SHAPE_CLASSES], images: shuffled, labels: labels.map((_, to) => labels[order[to]]) };
}
