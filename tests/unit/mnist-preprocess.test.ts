import { describe, expect, it } from 'vitest';
import { drawingInput, inkBounds, mnistFrame, plainFit, resizeArea, type GrayImage } from '$lib/live/shared/mnist-preprocess';

function image(width: number, height: number, ink: (x: number, y: number) => number): GrayImage {
  return { width, height, pixels: Uint8Array.from({ length: width * height }, (_, i) => ink(i % width, Math.floor(i / width))) };
}

/** The 28×28 result as rows of numbers, for readable comparisons of a few pixels. */
const at = (pixels: Uint8Array, x: number, y: number, width = 28) => pixels[y * width + x];

/** The columns of one row that are not black. */
const inkedColumns = (pixels: Uint8Array, y: number, width = 28) => Array.from({ length: width }, (_, x) => x).filter((x) => at(pixels, x, y, width) > 0);

describe('MNIST framing of a drawing', () => {
  it('finds the ink’s bounding box, or none on an empty pad', () => {
    expect(inkBounds(image(10, 8, (x, y) => (x >= 3 && x <= 5 && y >= 2 && y <= 6 ? 255 : 0)))).toEqual({ x: 3, y: 2, width: 3, height: 5 });
    expect(inkBounds(image(10, 8, () => 0))).toBeNull();
    expect(mnistFrame(image(10, 8, () => 0))).toBeNull();
  });

  it('averages the area each target pixel covers: [30, 60, 90] → [40, 80]', () => {
    // Cell 0 covers source [0, 1.5): (30·1 + 60·0.5) / 1.5 = 40; cell 1 covers [1.5, 3): (60·0.5 + 90·1) / 1.5 = 80.
    expect(Array.from(resizeArea(image(3, 1, (x) => [30, 60, 90][x]), { x: 0, y: 0, width: 3, height: 1 }, 2, 1))).toEqual([40, 80]);
  });

  it('scales a tall bar to 20 high keeping its aspect and centres it: 10×40 → 5×20 at column 12, row 4', () => {
    // Scale 20/40 = 0.5. Mass centre of the 5×20 block is (2.5, 10): shift round(14 − 2.5) = 12 (11.5 rounds up), 14 − 10 = 4.
    const out = mnistFrame(image(40, 40, (x) => (x >= 15 && x <= 24 ? 255 : 0)))!;
    expect(out).toHaveLength(28 * 28);
    for (const y of [4, 13, 23]) expect(inkedColumns(out, y)).toEqual([12, 13, 14, 15, 16]);
    expect(inkedColumns(out, 3)).toEqual([]);
    expect(inkedColumns(out, 24)).toEqual([]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(100 * 255);
  });

  it('centres by mass, not by box: a heavier left half shifts the digit right', () => {
    // [255, 85] scaled ×10 → 20×10: columns 0–9 at 255, 10–19 at 85. Mass x = (255·50 + 85·150) / 3400 = 7.5,
    // so the shift is round(14 − 7.5) = 7 (centring the box would give 4); mass y = 5 → row 9.
    const out = mnistFrame(image(2, 1, (x) => [255, 85][x]))!;
    expect(inkedColumns(out, 9)).toEqual(Array.from({ length: 20 }, (_, i) => 7 + i));
    expect([at(out, 7, 9), at(out, 16, 9), at(out, 17, 9), at(out, 26, 9)]).toEqual([255, 255, 85, 85]);
    expect(inkedColumns(out, 8)).toEqual([]);
    expect(inkedColumns(out, 18)).toHaveLength(20);
    expect(inkedColumns(out, 19)).toEqual([]);
  });

  it('clamps the shift so no ink falls off the field', () => {
    // [255, 0, 0, 0, 1] scaled ×4 → 20×4; mass x = (255·8 + 1·72) / 1024 ≈ 2.06 would shift by 12, but 28 − 20 = 8 is the most.
    const out = mnistFrame(image(5, 1, (x) => [255, 0, 0, 0, 1][x]))!;
    expect(inkedColumns(out, 12)).toEqual([8, 9, 10, 11, 24, 25, 26, 27]);
    expect(at(out, 27, 12)).toBe(1);
  });

  it('keeps a stroke thinner than the scale step as grey (area averaging, not point sampling)', () => {
    // An L of 2-px strokes on a 100×100 box → 20×20, each target pixel the mean of 5×5 source pixels:
    // the 2-px column gives 10/25·255 = 102, the 1-px top row 5/25·255 = 51, their corner 13/25·255 ≈ 133.
    const out = mnistFrame(image(100, 100, (x, y) => (x < 2 || y === 0 ? 255 : 0)))!;
    const values = Array.from(out).filter((v) => v > 0);
    expect(values.filter((v) => v === 102)).toHaveLength(19);
    expect(values.filter((v) => v === 51)).toHaveLength(19);
    expect(values.filter((v) => v === 133)).toHaveLength(1);
    expect(values).toHaveLength(39);
  });
});

describe('plain resize for other models', () => {
  it('averages 2×2 blocks when halving', () => {
    expect(Array.from(plainFit(image(4, 4, (x) => (x < 2 ? 255 : 0)), { width: 2, height: 2 })!)).toEqual([255, 0, 255, 0]);
  });

  it('keeps the aspect and centres on black: a square pad into a 4×2 input', () => {
    // Scale min(4/4, 2/4) = 0.5 → 2×2, placed at column (4 − 2) / 2 = 1.
    expect(Array.from(plainFit(image(4, 4, (x) => (x < 2 ? 255 : 0)), { width: 4, height: 2 })!)).toEqual([0, 255, 0, 0, 0, 255, 0, 0]);
  });
});

describe('which preprocessing a model gets', () => {
  const bar = image(40, 40, (x) => (x >= 15 && x <= 24 ? 255 : 0));

  it('MNIST framing for 28×28 grayscale models', () => {
    const input = drawingInput(bar, { height: 28, width: 28, channels: 1 })!;
    expect(input.method).toBe('mnist');
    expect(input.pixels).toEqual(mnistFrame(bar));
  });

  it('a plain resize for others, the gray repeated into each channel of an RGB model', () => {
    const input = drawingInput(bar, { height: 4, width: 4, channels: 3 })!;
    expect(input.method).toBe('resize');
    // 40 → 4: each pixel averages 10 columns; columns 10–19 hold 5 inked (128 after rounding 127.5), 20–29 likewise.
    expect(Array.from(input.pixels.slice(0, 12))).toEqual([0, 0, 0, 128, 128, 128, 128, 128, 128, 0, 0, 0]);
  });

  it('nothing for an empty drawing', () => {
    expect(drawingInput(image(40, 40, () => 0), { height: 28, width: 28, channels: 1 })).toBeNull();
  });
});
