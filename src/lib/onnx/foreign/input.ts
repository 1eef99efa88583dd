/**
 * How camera frames, drawings and pictures become a foreign model's input: the user's
 * preprocessing (layout, value range, mean/std, class labels) with defaults guessed from the
 * model, and the conversion itself. Pure.
 */
import type { ForeignModel, Shape } from './model';

export type Layout = 'NCHW' | 'NHWC';
export const LAYOUTS: readonly Layout[] = ['NCHW', 'NHWC'];

/** What pixel values 0…255 become before mean/std: [0, 1], [0, 255] or [-1, 1]. */
export type ValueRange = 'unit' | 'byte' | 'signed';
export const VALUE_RANGES: readonly ValueRange[] = ['unit', 'byte', 'signed'];
const RANGE_BOUNDS: Record<ValueRange, [number, number]> = { unit: [0, 1], byte: [0, 255], signed: [-1, 1] };

/** The user's preprocessing for one model; remembered per file. */
export interface ForeignPreprocess {
  layout: Layout;
  range: ValueRange;
  /** Per channel (or one value for all), subtracted after scaling to `range`. */
  mean: number[];
  /** Per channel (or one value for all), divided by after the mean. */
  std: number[];
  labels: string[];
}

/** The image the model takes under a layout, or null when the input is not N×C×H×W / N×H×W×C with 1 or 3 channels. */
export interface ImageGeometry {
  height: number;
  width: number;
  channels: 1 | 3;
}

export function geometry(shape: Shape, layout: Layout): ImageGeometry | null {
  if (shape.length !== 4) return null;
  const [c, h, w] = layout === 'NCHW' ? [shape[1], shape[2], shape[3]] : [shape[3], shape[1], shape[2]];
  if ((c !== 1 && c !== 3) || typeof h !== 'number' || typeof w !== 'number') return null;
  return { height: h, width: w, channels: c };
}

/** How many classes the first output holds (its size past the batch: [N, 10] and [N, 10, 1, 1] alike), when the file fixes it. */
export function classCount(model: ForeignModel): number | null {
  const shape = model.outputs[0]?.shape ?? [];
  const perSample = shape.length > 1 ? shape.slice(1) : shape;
  return perSample.every((d) => typeof d === 'number') ? (perSample as number[]).reduce((a, b) => a * b, 1) : null;
}

/** Whether the first output is already probabilities (the graph ends in Softmax) rather than logits. */
export function outputsProbabilities(model: ForeignModel): boolean {
  const output = model.outputs[0]?.name;
  return model.nodes.some((n) => n.op === 'Softmax' && n.outputs.includes(output));
}

/** Class names: the metadata's, else `class 0…n-1`, padded or cut to the output's size. */
export function defaultLabels(model: ForeignModel, unnamed: (index: number) => string): string[] {
  const n = classCount(model) ?? model.labels?.length ?? 0;
  return Array.from({ length: n }, (_, i) => model.labels?.[i] ?? unnamed(i));
}

/** A first guess from the input's shape (a channel count of 1 or 3 where it sits tells the layout), values in [0, 1]. */
export function defaultPreprocess(model: ForeignModel, unnamed: (index: number) => string): ForeignPreprocess {
  const shape = model.inputs[0]?.shape ?? [];
  const layout: Layout = geometry(shape, 'NCHW') || !geometry(shape, 'NHWC') ? 'NCHW' : 'NHWC';
  const channels = geometry(shape, layout)?.channels ?? 1;
  return { layout, range: 'unit', mean: Array<number>(channels).fill(0), std: Array<number>(channels).fill(1), labels: defaultLabels(model, unnamed) };
}

/** The dims ORT is fed for one image. */
export function inputDims(g: ImageGeometry, layout: Layout): number[] {
  return layout === 'NCHW' ? [1, g.channels, g.height, g.width] : [1, g.height, g.width, g.channels];
}

/** What the worker needs to turn an image into the model's input. */
export interface InputTransform {
  geometry: ImageGeometry;
  layout: Layout;
  range: ValueRange;
  mean: number[];
  std: number[];
}

/**
 * One image, height × width × channels with values in [0, 1], as the model's input: scaled to the
 * value range, normalised per channel, in the model's layout.
 */
export function toModelInput(image: Float32Array, t: InputTransform): Float32Array {
  const { height, width, channels } = t.geometry;
  const [lo, hi] = RANGE_BOUNDS[t.range];
  const plane = height * width;
  const out = new Float32Array(plane * channels);
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < channels; c++) {
      const mean = t.mean[c] ?? t.mean[0] ?? 0;
      const std = t.std[c] ?? t.std[0] ?? 1;
      const value = (lo + (hi - lo) * image[p * channels + c] - mean) / std;
      out[t.layout === 'NCHW' ? c * plane + p : p * channels + c] = value;
    }
  return out;
}

/** "0.485, 0.456, 0.406" as numbers: one for all channels or one per channel, or null when it is neither. */
export function parseChannelNumbers(text: string, channels: number, nonZero = false): number[] | null {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 1 && parts.length !== channels) return null;
  const values = parts.map((p) => (p === '' ? NaN : Number(p)));
  return values.every((v) => Number.isFinite(v) && !(nonZero && v === 0)) ? values : null;
}
