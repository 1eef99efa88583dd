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
  /** Each sample's id in the set it came from (its index before shuffling or splitting): the same sample keeps its id. */
  ids: Uint32Array;
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

/** Takes the samples at `indices`, in that order, as a dataset that shares no memory with the original. */
export function pickSamples(d: ImageDataset, indices: ArrayLike<number>): ImageDataset {
  const size = sampleSize(d);
  const images = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  const ids = new Uint32Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    images.set(d.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = d.labels[i];
    ids[k] = d.ids[i];
  }
  return { ...d, images, labels, ids };
}

/** How many of `count` samples `splitDataset` holds out for validation: at least one. */
export function validationCount(count: number, valFraction: number): number {
  return Math.max(1, Math.round(count * valFraction));
}

/**
 * How many samples of each class to hold out so the total is `validationCount`: each class gets
 * its share rounded down, and the samples left over go to the classes with the largest remainders.
 */
export function validationQuotas(classCounts: readonly number[], valFraction: number): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  const shares = classCounts.map((n) => n * valFraction);
  const quotas = shares.map(Math.floor);
  let left = validationCount(total, valFraction) - quotas.reduce((a, b) => a + b, 0);
  const byRemainder = classCounts.map((_, c) => c).sort((a, b) => shares[b] - quotas[b] - (shares[a] - quotas[a]) || a - b);
  for (let k = 0; left > 0 && k < byRemainder.length * 2; k++) {
    const c = byRemainder[k % byRemainder.length];
    if (quotas[c] < classCounts[c]) {
      quotas[c]++;
      left--;
    }
  }
  return quotas;
}

/**
 * Holds out the last samples of each class for validation (stratified), so every class is
 * validated in proportion; generators already shuffle, so each class's tail is a fair sample.
 * Training and validation never share a sample.
 */
export function splitDataset(d: ImageDataset, valFraction: number): DatasetSplit {
  const { train, val } = stratifiedSplit(d.labels, d.classes.length, valFraction);
  return { train: pickSamples(d, train), val: pickSamples(d, val) };
}

/**
 * The positions of `labels` (taken in that order) split into training and validation: each
 * class's last positions, by validationQuotas, are held out. Every position lands on exactly one side.
 */
export function stratifiedSplit(labels: ArrayLike<number>, classCount: number, valFraction: number): { train: number[]; val: number[] } {
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  Array.from(labels).forEach((label, i) => byClass[label].push(i));
  const quotas = validationQuotas(byClass.map((c) => c.length), valFraction);
  const held = new Set(byClass.flatMap((indices, c) => indices.slice(indices.length - quotas[c])));
  const all = Array.from(labels, (_, i) => i);
  return { train: all.filter((i) => !held.has(i)), val: all.filter((i) => held.has(i)) };
}
