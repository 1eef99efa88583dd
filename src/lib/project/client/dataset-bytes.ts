import { listSamples, loadUserDataset, readPixels } from '$lib/storage/database';
import { DatasetZipWriter } from '$lib/datasets/shared/dataset-zip';
import { classIndex } from '$lib/datasets/shared/user-dataset';
import { TRANSFER_CHUNK } from '$lib/datasets/client/dataset-transfer.svelte';
import { m } from '$lib/i18n/messages';

/** A stored dataset as dataset-zip bytes (what "Export dataset" downloads), read from storage in chunks. */
export async function datasetZipBytes(datasetId: string): Promise<Uint8Array> {
  const loaded = await loadUserDataset(datasetId);
  if (!loaded?.ok) throw new Error(loaded ? loaded.errors.join(' ') : m.projectDatasetGone());
  const dataset = loaded.value;
  const samples = (await listSamples(datasetId)).filter((s) => classIndex(dataset, s.classId) >= 0);
  const writer = new DatasetZipWriter(
    dataset.name,
    dataset,
    dataset.classes.map((c) => c.name),
  );
  for (let at = 0; at < samples.length; at += TRANSFER_CHUNK) {
    const chunk = samples.slice(at, at + TRANSFER_CHUNK);
    const pixels = await readPixels(
      datasetId,
      chunk.map((s) => s.id),
    );
    chunk.forEach((s, k) => writer.add({ classIndex: classIndex(dataset, s.classId), name: s.name, pixels: pixels[k] }));
  }
  return writer.finish();
}
