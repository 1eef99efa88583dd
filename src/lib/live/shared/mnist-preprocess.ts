/**
 * A drawing (white ink on black, one channel) as a model's input. For MNIST-style models it is
 * prepared the way the MNIST digits were: the ink's bounding box scaled to fit 20×20 keeping its
 * aspect, then placed in a 28×28 field with its centre of mass at the centre. A model trained on
 * those digits misreads a plainly shrunk drawing (a small digit in a corner, or a tall one
 * squashed). Other models get a plain resize of the whole pad. Pure.
 */

/** One channel, row-major, 0 (black) to 255 (white ink). */
export interface GrayImage {
  width: number;
  height: number;
  pixels: ArrayLike<number>;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface InputSize {
  height: number;
  width: number;
  channels: number;
}

/** How a drawing became the model's input, so the page can say why it looks as it does. */
export type DrawingMethod = 'mnist' | 'resize';

export interface DrawingInput {
  method: DrawingMethod;
  /** h × w × channels, uint8, at the model's input size. */
  pixels: Uint8Array;
}

export const MNIST_FIELD = 28;
export const MNIST_BOX = 20;

/** Models that take 28×28 grayscale are taken to have learned MNIST's framing. */
export function isMnistStyle(size: InputSize): boolean {
  return size.height === MNIST_FIELD && size.width === MNIST_FIELD && size.channels === 1;
}

/** The smallest box holding every non-black pixel, or null for an empty image. */
export function inkBounds(image: GrayImage): Box | null {
  let left = image.width;
  let right = -1;
  let top = image.height;
  let bottom = -1;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.pixels[y * image.width + x] === 0) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? null : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * For each of `cells` equal target cells spanning source positions [start, start + length): the
 * source indices it overlaps and the share of the cell each covers (the shares add up to 1).
 */
function coverage(start: number, length: number, cells: number): { index: number; weight: number }[][] {
  const step = length / cells;
  return Array.from({ length: cells }, (_, t) => {
    const lo = start + t * step;
    const hi = lo + step;
    const parts: { index: number; weight: number }[] = [];
    // The end is capped: float steps can overshoot the last source index by an ulp.
    const end = Math.min(Math.ceil(hi), start + length);
    for (let j = Math.floor(lo); j < end; j++) parts.push({ index: j, weight: (Math.min(hi, j + 1) - Math.max(lo, j)) / step });
    return parts;
  });
}

/**
 * The box of the image resized to width × height by area averaging: each target pixel is the mean
 * of the source area it covers, so a stroke thinner than the step still leaves a grey trace (a
 * point sample, like a plain canvas downscale, can miss it).
 */
export function resizeArea(image: GrayImage, box: Box, width: number, height: number): Float32Array {
  const across = coverage(box.x, box.width, width);
  const down = coverage(box.y, box.height, height);
  const rows = new Float32Array(box.height * width);
  for (let y = 0; y < box.height; y++) {
    const row = (box.y + y) * image.width;
    for (let t = 0; t < width; t++) {
      let sum = 0;
      for (const { index, weight } of across[t]) sum += image.pixels[row + index] * weight;
      rows[y * width + t] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let t = 0; t < height; t++) {
    for (const { index, weight } of down[t]) {
      const from = (index - box.y) * width;
      for (let x = 0; x < width; x++) out[t * width + x] += rows[from + x] * weight;
    }
  }
  return out;
}

/** Centre of mass in pixel units, where pixel i spans [i, i + 1). */
function centreOfMass(values: Float32Array, width: number, height: number): { x: number; y: number } {
  let mass = 0;
  let x = 0;
  let y = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const v = values[r * width + c];
      mass += v;
      x += (c + 0.5) * v;
      y += (r + 0.5) * v;
    }
  }
  return { x: x / mass, y: y / mass };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * MNIST's framing: the ink's bounding box scaled (area-averaged) to fit 20×20 with its aspect
 * kept, placed in 28×28 so its centre of mass lands on the field's centre (shift rounded to whole
 * pixels, and clamped so no ink falls off the edge). Null when there is no ink.
 */
export function mnistFrame(image: GrayImage): Uint8Array | null {
  const box = inkBounds(image);
  if (!box) return null;
  const scale = MNIST_BOX / Math.max(box.width, box.height);
  const width = Math.max(1, Math.round(box.width * scale));
  const height = Math.max(1, Math.round(box.height * scale));
  const digit = resizeArea(image, box, width, height);
  const mass = centreOfMass(digit, width, height);
  const dx = clamp(Math.round(MNIST_FIELD / 2 - mass.x), 0, MNIST_FIELD - width);
  const dy = clamp(Math.round(MNIST_FIELD / 2 - mass.y), 0, MNIST_FIELD - height);
  return place(digit, width, height, { width: MNIST_FIELD, height: MNIST_FIELD }, dx, dy);
}

/** The whole image resized to fit the target keeping its aspect (area-averaged), centred on black. Null when there is no ink. */
export function plainFit(image: GrayImage, target: { width: number; height: number }): Uint8Array | null {
  if (!inkBounds(image)) return null;
  const scale = Math.min(target.width / image.width, target.height / image.height);
  const width = clamp(Math.round(image.width * scale), 1, target.width);
  const height = clamp(Math.round(image.height * scale), 1, target.height);
  const resized = resizeArea(image, { x: 0, y: 0, width: image.width, height: image.height }, width, height);
  return place(resized, width, height, target, Math.floor((target.width - width) / 2), Math.floor((target.height - height) / 2));
}

function place(values: Float32Array, width: number, height: number, field: { width: number; height: number }, dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(field.width * field.height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[(dy + y) * field.width + dx + x] = Math.round(values[y * width + x]);
  }
  return out;
}

/** One gray channel repeated into `channels` (an RGB model sees a white-on-black drawing as gray). */
export function repeatChannels(gray: Uint8Array, channels: number): Uint8Array {
  if (channels === 1) return gray;
  const out = new Uint8Array(gray.length * channels);
  gray.forEach((v, i) => out.fill(v, i * channels, (i + 1) * channels));
  return out;
}

/** The drawing as the model's input (MNIST framing or a plain resize), or null for an empty drawing. */
export function drawingInput(image: GrayImage, size: InputSize): DrawingInput | null {
  const method: DrawingMethod = isMnistStyle(size) ? 'mnist' : 'resize';
  const gray = method === 'mnist' ? mnistFrame(image) : plainFit(image, size);
  return gray && { method, pixels: repeatChannels(gray, size.channels) };
}
