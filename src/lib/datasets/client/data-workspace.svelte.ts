/**
 * The data view's state: which of the user's datasets is open, creating and deleting datasets,
 * and the one message to show when storage refuses something. Components call these and render.
 */
import { m } from '$lib/i18n/messages';
import type { SampleFormat } from '$lib/datasets/shared/user-dataset';
import { loadOpenDataset, saveOpenDataset } from '$lib/storage/ui-prefs';
import { keepStorage } from '$lib/storage/quota';
import { DatasetEditor } from './dataset-editor.svelte';
import type { DatasetLibrary } from './library.svelte';

/** What a failed storage call means to a user: a full disk is named as such, anything else is quoted. */
export function storageFailure(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' ? m.storageFull() : m.storageFailed({ why: error instanceof Error ? error.message : String(error) });
}

export class DataWorkspace {
  open = $state<DatasetEditor | null>(null);
  error = $state<string | null>(null);

  constructor(
    readonly library: DatasetLibrary,
    private readonly storage: Storage = localStorage,
  ) {}

  /** Opens the dataset the user last had open, or the first one. */
  async start(): Promise<void> {
    if (!this.library.loaded) await this.library.refresh();
    const last = loadOpenDataset(this.storage);
    const id = this.library.find(last ?? '')?.id ?? this.library.datasets[0]?.id;
    if (id) await this.select(id);
  }

  async select(id: string): Promise<void> {
    const dataset = this.library.find(id);
    if (!dataset) return;
    const editor = new DatasetEditor(this.library, dataset);
    this.open = editor;
    saveOpenDataset(id, this.storage);
    await this.attempt(() => editor.load());
  }

  async create(name: string, format: SampleFormat, classNames: readonly string[]): Promise<void> {
    await this.attempt(async () => {
      const dataset = await this.library.create(name.trim() || m.untitledDataset(), format, classNames);
      // The first dataset is the first thing here worth keeping through a disk clean-up.
      void keepStorage();
      await this.select(dataset.id);
    });
  }

  async deleteOpen(): Promise<void> {
    const open = this.open;
    if (!open) return;
    await this.attempt(async () => {
      await this.library.remove(open.dataset.id);
      this.open = null;
      const next = this.library.datasets[0];
      if (next) await this.select(next.id);
    });
  }

  /** Runs a storage action, turning its failure into the message shown; true when it succeeded. */
  async attempt(action: () => Promise<unknown>): Promise<boolean> {
    this.error = null;
    try {
      await action();
      return true;
    } catch (error) {
      this.error = storageFailure(error);
      return false;
    }
  }
}
