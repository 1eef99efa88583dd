/**
 * The user's datasets as the page sees them: their descriptions and sizes, kept in step with the
 * browser's storage. Creating, renaming and deleting whole datasets happens here; editing one
 * dataset's classes and samples happens in DatasetEditor.
 */
import { countSamples, deleteUserDataset, listUserDatasets, saveUserDataset } from '$lib/storage/database';
import { describeBuiltIn, describeUserDataset, isDatasetId, userDatasetId, type DatasetDescription, type DatasetKey } from '$lib/datasets/shared/catalog';
import type { SampleFormat, UserDataset } from '$lib/datasets/shared/user-dataset';
import { m } from '$lib/i18n/messages';

export interface BrokenDataset {
  id: string;
  errors: string[];
}

export class DatasetLibrary {
  datasets = $state<UserDataset[]>([]);
  /** Samples stored per dataset id. */
  sizes = $state<Record<string, number>>({});
  /** Stored datasets that cannot be read, with the reasons; they are left in storage untouched. */
  broken = $state<BrokenDataset[]>([]);
  loaded = $state(false);
  /** Why the stored datasets could not be listed at all (no IndexedDB in this browser mode, say). */
  failure = $state<string | null>(null);

  async refresh(): Promise<void> {
    try {
      await this.read();
      this.failure = null;
    } catch (error) {
      this.failure = m.datasetsUnavailable({ why: error instanceof Error ? error.message : String(error) });
    }
    this.loaded = true;
  }

  private async read(): Promise<void> {
    const listed = await listUserDatasets();
    const datasets: UserDataset[] = [];
    const broken: BrokenDataset[] = [];
    for (const { id, parsed } of listed) {
      if (parsed.ok) datasets.push(parsed.value);
      else broken.push({ id, errors: parsed.errors });
    }
    const sizes = Object.fromEntries(await Promise.all(datasets.map(async (d) => [d.id, await countSamples(d.id)] as const)));
    this.datasets = datasets.sort((a, b) => a.createdAt - b.createdAt);
    this.sizes = sizes;
    this.broken = broken;
  }

  find(id: string): UserDataset | undefined {
    return this.datasets.find((d) => d.id === id);
  }

  /** How the training panel sees a dataset; undefined for a user's dataset that is not (or no longer) stored. */
  describe(key: DatasetKey): DatasetDescription | undefined {
    if (isDatasetId(key)) return describeBuiltIn(key);
    const d = this.find(userDatasetId(key));
    return d && describeUserDataset(d, this.sizes[d.id] ?? 0);
  }

  /** Every user dataset as the picker lists it. */
  get descriptions(): DatasetDescription[] {
    return this.datasets.map((d) => describeUserDataset(d, this.sizes[d.id] ?? 0));
  }

  async create(name: string, format: SampleFormat, classNames: readonly string[] = []): Promise<UserDataset> {
    const dataset: UserDataset = {
      id: crypto.randomUUID(),
      name,
      ...format,
      classes: classNames.map((n, id) => ({ id, name: n })),
      nextClassId: classNames.length,
      nextSampleId: 0,
      createdAt: Date.now(),
    };
    await saveUserDataset(dataset);
    this.datasets = [...this.datasets, dataset];
    this.sizes = { ...this.sizes, [dataset.id]: 0 };
    return dataset;
  }

  /** Replaces a dataset's description (after a rename or a class edit) in storage and here. */
  async update(dataset: UserDataset): Promise<void> {
    // Storage clones what it is given: a reactive proxy cannot be cloned, its snapshot can.
    await saveUserDataset($state.snapshot(dataset));
    this.remember(dataset);
  }

  /** Takes a description storage already holds (e.g. after samples were added). */
  remember(dataset: UserDataset): void {
    this.datasets = this.datasets.map((d) => (d.id === dataset.id ? dataset : d));
  }

  async remove(id: string): Promise<void> {
    await deleteUserDataset(id);
    this.datasets = this.datasets.filter((d) => d.id !== id);
    this.broken = this.broken.filter((b) => b.id !== id);
  }

  /** Called by whoever stores or deletes samples, so counts shown everywhere follow. */
  setSize(id: string, count: number): void {
    this.sizes = { ...this.sizes, [id]: count };
  }
}
