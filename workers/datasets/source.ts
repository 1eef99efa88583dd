import type { ImageDataset } from '$lib/datasets/shared/dataset';

/**
 * One side (training or validation) of any dataset, as the training loop sees it: labels and ids
 * up front, pixels on request. Built-in sets answer from memory; a user's dataset reads its
 * uint8 samples from the browser's storage, so only the pixels asked for are ever in memory.
 */
export interface SampleSource {
  height: number;
  width: number;
  channels: number;
  classes: readonly string[];
  count: number;
  /** The label of the sample at each position. */
  labels: Uint8Array;
  /** The id of the sample at each position in the dataset it came from: the same sample keeps its id. */
  ids: Uint32Array;
  /** The images at `positions`, one after another, NHWC with values in [0, 1]. */
  read(positions: ArrayLike<number>): Promise<Float32Array>;
}

export interface SourceSplit {
  train: SampleSource;
  val: SampleSource;
}

export function memorySource(d: ImageDataset): SampleSource {
  const { height, width, channels, classes, labels, ids } = d;
  const size = height * width * channels;
  return {
    height,
    width,
    channels,
    classes,
    count: labels.length,
    labels,
    ids,
    read: async (positions) => {
      const out = new Float32Array(positions.length * size);
      for (let k = 0; k < positions.length; k++) out.set(d.images.subarray(positions[k] * size, (positions[k] + 1) * size), k * size);
      return out;
    },
  };
}

/** Every position of a source, in storage order. */
export function allPositions(source: Pick<SampleSource, 'count'>): Int32Array {
  return Int32Array.from({ length: source.count }, (_, i) => i);
}
