import { trainer } from '$lib/training/client/bridge';
import { downloadBytes } from '$lib/files/download';
import { DatasetTransfer } from '$lib/datasets/client/dataset-transfer.svelte';
import type { DataWorkspace } from '$lib/datasets/client/data-workspace.svelte';
import { userDatasetKey } from '$lib/datasets/shared/catalog';
import { datasetZipBytes } from './dataset-bytes';
import type { ProjectPorts } from './project-files.svelte';

/** The page's training worker, storage and downloads; an included dataset goes through the dataset-zip import. */
export function browserProjectPorts(workspace: DataWorkspace): ProjectPorts {
  const transfer = new DatasetTransfer(workspace);
  return {
    weights: () => trainer().weights(),
    loadModel: (spec, weights, dataset) => trainer().loadModel(spec, weights, dataset),
    datasetZip: datasetZipBytes,
    importDataset: async (fileName, zip) => {
      const stored = await transfer.importBytes(fileName, zip);
      const opened = workspace.open?.dataset;
      if (stored && opened) return { ok: true, key: userDatasetKey(opened.id), name: opened.name };
      return { ok: false, title: transfer.problem?.title ?? '', reasons: transfer.problem?.reasons ?? [] };
    },
    datasetName: (key) => workspace.library.describe(key)?.name ?? null,
    download: (bytes, filename) => downloadBytes(bytes, filename, 'application/zip'),
  };
}
