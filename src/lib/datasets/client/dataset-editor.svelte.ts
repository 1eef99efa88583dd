/**
 * One user dataset opened in the data view: its classes and the list of its samples (no pixels),
 * with the edits a person makes to them. Every edit is written to storage first and shown after,
 * so what the page shows is what a reload finds.
 */
import { addSamples, deleteSamples, listSamples, relabelSamples } from '$lib/storage/database';
import { classIndex, countByClass, type NewSample, type SampleInfo, type UserDataset } from '$lib/datasets/shared/user-dataset';
import type { DatasetLibrary } from './library.svelte';

export class DatasetEditor {
  dataset = $state() as UserDataset;
  samples = $state<SampleInfo[]>([]);
  loaded = $state(false);
  readonly counts = $derived(countByClass(this.dataset, this.samples));

  constructor(
    private readonly library: DatasetLibrary,
    dataset: UserDataset,
  ) {
    this.dataset = dataset;
  }

  async load(): Promise<void> {
    this.samples = await listSamples(this.dataset.id);
    this.loaded = true;
    this.library.setSize(this.dataset.id, this.samples.length);
  }

  private async save(dataset: UserDataset): Promise<void> {
    await this.library.update(dataset);
    this.dataset = dataset;
  }

  async rename(name: string): Promise<void> {
    await this.save({ ...this.dataset, name });
  }

  /** Adds a class and returns its id. */
  async addClass(name: string): Promise<number> {
    const id = this.dataset.nextClassId;
    await this.save({ ...this.dataset, classes: [...this.dataset.classes, { id, name }], nextClassId: id + 1 });
    return id;
  }

  async renameClass(classId: number, name: string): Promise<void> {
    await this.save({ ...this.dataset, classes: this.dataset.classes.map((c) => (c.id === classId ? { ...c, name } : c)) });
  }

  /** Deletes a class with all its samples. */
  async deleteClass(classId: number): Promise<void> {
    await this.removeSamples(this.samples.filter((s) => s.classId === classId).map((s) => s.id));
    await this.save({ ...this.dataset, classes: this.dataset.classes.filter((c) => c.id !== classId) });
  }

  /** Moves every sample of `from` into `into`, then removes `from`. */
  async mergeClass(from: number, into: number): Promise<void> {
    if (from === into || classIndex(this.dataset, into) < 0) return;
    await this.relabel(this.samples.filter((s) => s.classId === from).map((s) => s.id), into);
    await this.save({ ...this.dataset, classes: this.dataset.classes.filter((c) => c.id !== from) });
  }

  /** Stores samples all together or not at all (a full disk throws a QuotaExceededError and stores none of them). */
  async addSamples(samples: readonly NewSample[]): Promise<SampleInfo[]> {
    const stored = await addSamples(this.dataset.id, samples);
    this.samples = [...this.samples, ...stored];
    this.dataset = { ...this.dataset, nextSampleId: Math.max(this.dataset.nextSampleId, ...stored.map((s) => s.id + 1)) };
    this.library.remember(this.dataset);
    this.library.setSize(this.dataset.id, this.samples.length);
    return stored;
  }

  async removeSamples(ids: readonly number[]): Promise<void> {
    await deleteSamples(this.dataset.id, ids);
    const gone = new Set(ids);
    this.samples = this.samples.filter((s) => !gone.has(s.id));
    this.library.setSize(this.dataset.id, this.samples.length);
  }

  async relabel(ids: readonly number[], classId: number): Promise<void> {
    await relabelSamples(this.dataset.id, ids, classId);
    const moved = new Set(ids);
    this.samples = this.samples.map((s) => (moved.has(s.id) ? { ...s, classId } : s));
  }
}
