import { Rng, shuffledIndices } from '$lib/util/random';
import type { ImageDataset } from './dataset';
import { RGB_COLOURS, RGB_SHAPES, RGB_SHAPE_CLASSES, SHAPE_CLASSES } from './catalog';

export { SHAPE_CLASSES };

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

/** A class to draw: which shape, and how bright it is in each channel. */
interface Style {
  inside: Inside;
  tint: readonly number[];
}

/**
 * Procedural grayscale shapes with position, size and noise jitter: a dataset that works
 * offline, needs no download, and is the same for a given seed.
 */
export function generateShapes(options: ShapesOptions): ImageDataset {
  const styles = SHAPE_CLASSES.map((shape) => ({ inside: SHAPES[shape], tint: [1] }));
  return generate('Shapes', [...SHAPE_CLASSES], styles, options);
}

const TINTS: Record<(typeof RGB_COLOURS)[number], readonly number[]> = { red: [1, 0, 0], green: [0, 1, 0], blue: [0, 0, 1] };

/** The 3-channel variant: each class is a colour and a shape ("red circle"), so both must be learned. */
export function generateRgbShapes(options: ShapesOptions): ImageDataset {
  const styles = RGB_SHAPES.flatMap((shape) => RGB_COLOURS.map((colour) => ({ inside: SHAPES[shape], tint: TINTS[colour] })));
  return generate('Shapes RGB', [...RGB_SHAPE_CLASSES], styles, options);
}

function generate(name: string, classes: string[], styles: Style[], { count, seed, size = 28, noise = 0.15 }: ShapesOptions): ImageDataset {
  const channels = styles[0].tint.length;
  const rng = new Rng(seed);
  const rand = () => rng.next();
  const px = size * size * channels;
  const images = new Float32Array(count * px);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % styles.length;
    labels[i] = label;
    const { inside, tint } = styles[label];
    // Jitter stays moderate so a few hundred samples are enough to learn from in a classroom minute.
    const r = size * (0.22 + rand() * 0.1);
    const cx = size / 2 + (rand() - 0.5) * 2 * JITTER * size;
    const cy = size / 2 + (rand() - 0.5) * 2 * JITTER * size;
    const ink = 0.6 + rand() * 0.4;
    let at = i * px;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const on = inside(x + 0.5 - cx, y + 0.5 - cy, r);
        for (let c = 0; c < channels; c++) {
          const value = on ? ink * tint[c] : 0;
          images[at++] = Math.min(1, Math.max(0, value + (rand() - 0.5) * 2 * noise));
        }
      }
    }
  }
  const order = shuffledIndices(count, rng);
  const shuffled = new Float32Array(images.length);
  order.forEach((from, to) => shuffled.set(images.subarray(from * px, (from + 1) * px), to * px));
  return {
    name,
    height: size,
    width: size,
    channels,
    classes,
    images: shuffled,
    labels: labels.map((_, to) => labels[order[to]]),
    ids: Uint32Array.from(order),
  };
}
