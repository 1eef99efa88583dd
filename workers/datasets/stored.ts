import { listSamples, loadUserDataset, readPixels } from '$lib/storage/database';
import { stratifiedSplit } from '$lib/datasets/shared/dataset';
import { classIndex } from '$lib/datasets/shared/user-dataset';
import { m } from '$lib/i18n/messages';
import { Rng, shuffledIndices } from '$lib/util/random';
import type { SampleSource, SourceSplit } from './source';

/**
 * A user's dataset from the browser's storage, shuffled by the run's seed and split per class:
 * only the sample list is read here; pixels are read shard by shard while training.
 */
export async function loadStoredSplit(datasetId: string, seed: number, valFraction: number): Promise<SourceSplit> {
  const loaded = await loadUserDataset(datasetId);
  if (!loaded) throw new Error(m.userDatasetGone());
  if (!loaded.ok) throw new Error(loaded.errors.join(' '));
  const dataset = loaded.value;
  const usable = (await listSamples(datasetId)).filter((s) => classIndex(dataset, s.classId) >= 0);
  // Shuffled before splitting: samples are stored in the order they were captured, and the last
  // frames of a burst would otherwise all land in validation.
  const order = shuffledIndices(usable.length, new Rng(seed));
  const ids = Uint32Array.from(order, (i) => usable[i].id);
  const labels = Uint8Array.from(order, (i) => classIndex(dataset, usable[i].classId));
  const classes = dataset.classes.map((c) => c.name);
  const { train, val } = stratifiedSplit(labels, classes.length, valFraction);
  const side = (positions: number[]): SampleSource => {
    const sideIds = Uint32Array.from(positions, (p) => ids[p]);
    return {
      height: dataset.height,
      width: dataset.width,
      channels: dataset.channels,
      classes,
      count: positions.length,
      labels: Uint8Array.from(positions, (p) => labels[p]),
      ids: sideIds,
      read: async (at) => {
        const pixels = await readPixels(datasetId, Array.from(at, (p) => sideIds[p]));
        const size = dataset.height * dataset.width * dataset.channels;
        const out = new Float32Array(pixels.length * size);
        pixels.forEach((p, k) => {
          for (let i = 0; i < size; i++) out[k * size + i] = p[i] / 255;
        });
        return out;
      },
    };
  };
  return { train: side(train), val: side(val) };
}
