/**
 * Moving a dataset between browsers as one zip file: exporting the open dataset (pixels read from
 * storage in chunks) and importing a zip as a new dataset. An import reads and checks the whole
 * file before it stores anything, and removes its new dataset again if storage fails part-way,
 * so a broken file or a full disk leaves nothing half imported.
 */
import { addSamples, readPixels } from '$lib/storage/database';
import { downloadBytes } from '$lib/files/download';
import { m } from '$lib/i18n/messages';
import { DatasetZipWriter, decodeZipSamples, openDatasetZip, someReasons, zipFileName, type ZipSample } from '$lib/datasets/shared/dataset-zip';
import { classIndex, type NewSample, type SampleFormat } from '$lib/datasets/shared/user-dataset';
import { storageFailure, type DataWorkspace } from './data-workspace.svelte';

/** What the transfer needs from outside the page state; tests replace storage to make it fail. */
export interface TransferIo {
  readPixels: typeof readPixels;
  addSamples: typeof addSamples;
  download: (bytes: Uint8Array, filename: string) => void;
}

const browserIo: TransferIo = {
  readPixels,
  addSamples,
  download: (bytes, filename) => downloadBytes(bytes, filename, 'application/zip'),
};

/** Samples read, decoded or stored per step: one storage transaction each, and a progress update between steps. */
export const TRANSFER_CHUNK = 256;

export type TransferPhase = 'exporting' | 'reading' | 'storing';

/** Why the last export or import did not happen: a heading and the reasons. */
export interface TransferProblem {
  title: string;
  reasons: string[];
}

/** A zip read whole and checked, ready to store. */
interface ReadZip {
  name: string;
  format: SampleFormat;
  classNames: string[];
  samples: ZipSample[];
}

/** Lets the page draw the progress bar between steps of work that runs on the main thread. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class DatasetTransfer {
  phase = $state<TransferPhase | null>(null);
  done = $state(0);
  total = $state(0);
  problem = $state<TransferProblem | null>(null);
  /** What the last import made, once it is stored. */
  notice = $state<string | null>(null);

  constructor(
    private readonly workspace: DataWorkspace,
    private readonly io: TransferIo = browserIo,
  ) {}

  get busy(): boolean {
    return this.phase !== null;
  }

  get progressText(): string {
    if (this.phase === 'exporting') return m.exportingDataset({ done: this.done, total: this.total });
    // Total 0 while the file itself is being read, before the manifest says how many images it holds.
    if (this.phase === 'reading') return this.total === 0 ? m.openingDatasetZip() : m.readingDatasetZip({ done: this.done, total: this.total });
    return this.phase === 'storing' ? m.storingDatasetZip({ done: this.done, total: this.total }) : '';
  }

  private start(phase: TransferPhase, total: number): void {
    this.phase = phase;
    this.total = total;
    this.done = 0;
  }

  /** Downloads the open dataset as a zip. */
  async exportOpen(): Promise<void> {
    const editor = this.workspace.open;
    if (!editor || this.busy) return;
    this.problem = null;
    this.notice = null;
    const dataset = $state.snapshot(editor.dataset);
    const samples = editor.samples.filter((s) => classIndex(dataset, s.classId) >= 0);
    const writer = new DatasetZipWriter(
      dataset.name,
      dataset,
      dataset.classes.map((c) => c.name),
    );
    this.start('exporting', samples.length);
    try {
      for (let at = 0; at < samples.length; at += TRANSFER_CHUNK) {
        const chunk = samples.slice(at, at + TRANSFER_CHUNK);
        const pixels = await this.io.readPixels(
          dataset.id,
          chunk.map((s) => s.id),
        );
        chunk.forEach((s, k) => writer.add({ classIndex: classIndex(dataset, s.classId), name: s.name, pixels: pixels[k] }));
        this.done = at + chunk.length;
      }
      this.io.download(writer.finish(), zipFileName(dataset.name));
    } catch (error) {
      this.problem = { title: m.datasetExportFailed(), reasons: [storageFailure(error)] };
    } finally {
      this.phase = null;
    }
  }

  async importFile(file: Pick<File, 'name' | 'arrayBuffer'>): Promise<boolean> {
    return this.importing(file.name, async () => new Uint8Array(await file.arrayBuffer()));
  }

  /** Imports a zip as a new dataset and opens it; true when it was stored. */
  async importBytes(fileName: string, bytes: Uint8Array): Promise<boolean> {
    return this.importing(fileName, async () => bytes);
  }

  /** Busy from the moment a file is chosen, so the last import's message goes at once and no second import starts. */
  private async importing(fileName: string, read: () => Promise<Uint8Array>): Promise<boolean> {
    if (this.busy) return false;
    this.problem = null;
    this.notice = null;
    this.start('reading', 0);
    try {
      let bytes: Uint8Array;
      try {
        bytes = await read();
      } catch (error) {
        this.refuse(fileName, [m.zipFileUnreadable({ why: error instanceof Error ? error.message : String(error) })]);
        return false;
      }
      const zip = await this.readAll(fileName, bytes);
      return zip ? await this.store(zip) : false;
    } finally {
      this.phase = null;
    }
  }

  private refuse(fileName: string, reasons: string[]): null {
    this.problem = { title: m.importRefused({ file: fileName }), reasons: someReasons(reasons) };
    return null;
  }

  /** Every sample of the zip, decoded and checked; null (with the reasons shown) when any is wrong. */
  private async readAll(fileName: string, bytes: Uint8Array): Promise<ReadZip | null> {
    const opened = openDatasetZip(bytes);
    if (!opened.ok) return this.refuse(fileName, opened.errors);
    const { manifest } = opened.value;
    this.start('reading', manifest.samples.length);
    const samples: ZipSample[] = [];
    const errors: string[] = [];
    for (let at = 0; at < manifest.samples.length; at += TRANSFER_CHUNK) {
      await nextTask();
      const decoded = decodeZipSamples(opened.value, at, at + TRANSFER_CHUNK);
      if (decoded.ok) samples.push(...decoded.value);
      else errors.push(...decoded.errors);
      this.done = Math.min(at + TRANSFER_CHUNK, manifest.samples.length);
    }
    if (errors.length > 0) return this.refuse(fileName, errors);
    const { height, width, channels, fit } = manifest;
    return { name: manifest.name.trim() || m.untitledDataset(), format: { height, width, channels, fit }, classNames: manifest.classes.map((c) => c.name), samples };
  }

  /** A name no dataset in this browser has: the zip's own, or "… (imported)", "… (imported 2)". */
  private freeName(name: string): string {
    const taken = new Set(this.workspace.library.datasets.map((d) => d.name));
    if (!taken.has(name)) return name;
    let n = 1;
    while (taken.has(m.importedName({ name, n }))) n++;
    return m.importedName({ name, n });
  }

  private async store({ name: zipName, format, classNames, samples }: ReadZip): Promise<boolean> {
    const { library } = this.workspace;
    const name = this.freeName(zipName);
    let datasetId: string | undefined;
    this.start('storing', samples.length);
    try {
      const dataset = await library.create(name, format, classNames);
      datasetId = dataset.id;
      for (let at = 0; at < samples.length; at += TRANSFER_CHUNK) {
        const batch: NewSample[] = samples.slice(at, at + TRANSFER_CHUNK).map((s) => ({ classId: dataset.classes[s.classIndex].id, origin: 'zip', name: s.name, pixels: s.pixels }));
        await this.io.addSamples(dataset.id, batch);
        this.done = at + batch.length;
      }
    } catch (error) {
      const why = storageFailure(error);
      // Best effort: if removing fails too, the library lists the remains and the user can delete them.
      if (datasetId !== undefined) await library.remove(datasetId).catch(() => undefined);
      this.problem = { title: m.importStorageFailed(), reasons: [why] };
      return false;
    }
    await this.workspace.select(datasetId);
    this.notice = m.importedDatasetZip({ name, samples: samples.length });
    return true;
  }
}
