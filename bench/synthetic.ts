import { Rng } from '$lib/util/random';

/** Base colours of the synthetic classes: a square of the class's colour on grey noise. */
const COLOURS: readonly [number, number, number][] = [
  [220, 40, 40],
  [40, 200, 60],
  [50, 70, 230],
  [230, 210, 40],
];

export const SYNTHETIC_CLASSES = COLOURS.length;

/**
 * Sample `index` of the scale benchmark's dataset: the same bytes for the same index on every
 * run, so a reopened profile can be checked against a regenerated copy. `size`×`size`×3 uint8.
 */
export function syntheticSample(index: number, size: number): { classIndex: number; pixels: Uint8Array } {
  const rng = new Rng(index + 1);
  const classIndex = index % COLOURS.length;
  const pixels = new Uint8Array(size * size * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = 64 + Math.floor(rng.next() * 64);
  const side = Math.floor(size / 4 + rng.next() * (size / 4));
  const top = Math.floor(rng.next() * (size - side));
  const left = Math.floor(rng.next() * (size - side));
  const colour = COLOURS[classIndex];
  for (let y = top; y < top + side; y++) {
    for (let x = left; x < left + side; x++) pixels.set(colour, (y * size + x) * 3);
  }
  return { classIndex, pixels };
}
