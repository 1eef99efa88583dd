import { mnistAssetUrl } from 'virtual:netloom/mnist-asset';
import { m } from '$lib/i18n/messages';
import { decodeMnist, mnistSubset, type MnistSet } from '$lib/datasets/shared/mnist';
import type { DatasetSplit } from '$lib/datasets/shared/dataset';

let cached: Promise<MnistSet> | undefined;

async function download(): Promise<MnistSet> {
  // The path is absolute on the app's origin; resolving against the worker's own URL keeps it there.
  const response = await fetch(new URL(mnistAssetUrl, self.location.href));
  if (!response.ok) throw new Error(m.mnistDownloadFailed({ status: response.status }));
  return decodeMnist(new Uint8Array(await response.arrayBuffer()));
}

/** The decoded asset, fetched once per worker; a failed fetch is not cached, so the next run retries. */
export function loadMnist(): Promise<MnistSet> {
  cached ??= download().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** `count` samples of MNIST, training from the asset's train side and validating on its test side. */
export async function loadMnistSplit(count: number, seed: number): Promise<DatasetSplit> {
  const { train, val } = mnistSubset(await loadMnist(), count, seed);
  return { train, val };
}
