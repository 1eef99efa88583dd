/** An in-memory image classification dataset, channels-last, values in [0, 1]. */
export interface ImageDataset {
  name: string;
  height: number;
  width: number;
  channels: number;
  classes: string[];
  /** count × height × width × channels values. */
  images: Float32Array;
  labels: Uint8Array;
}

export interface DatasetSplit {
  train: ImageDataset;
  val: ImageDataset;
}

export function sampleSize(d: Pick<ImageDataset, 'height' | 'width' | 'channels'>): number {
  return d.height * d.width * d.channels;
}

export function sampleCount(d: ImageDataset): number {
  return d.labels.length;
}

/** Takes samples [start, end) as a dataset that shares no memory with the original. */
export function sliceDataset(d: ImageDataset, start: number, end: number): ImageDataset {
  const size = sampleSize(d);
  return { ...d, images: d.images.slice(start * size, end * size), labels: d.labels.slice(start, end) };
}

/** How many of `count` samples `splitDataset` holds out for validation: at least one. */
export function validationCount(count: number, valFraction: number): number {
  return Math.max(1, Math.round(count * valFraction));
}

/** Holds out the last `valFraction` of samples; generators already shuffle, so the tail is a fair sample. */
export function splitDataset(d: ImageDataset, valFraction: number): DatasetSplit {
  const n = sampleCount(d);
  const nVal = validationCount(n, valFraction);
  return { train: sliceDataset(d, 0, n - nVal), val: sliceDataset(d, n - nVal, n) };
}
