/**
 * One import of image files into a user's dataset, from the files found to the samples stored:
 * the plan (which files, which classes), decoding in a worker a batch at a time, and storing each
 * batch in one transaction, so a cancel or a full disk keeps every batch stored before it.
 * Progress, ETA and the files skipped (with why) are state the component shows.
 */
import { m } from '$lib/i18n/messages';
import { baseName, inChunks, planClassImport, planFolderImport, secondsLeft, type FoundFile, type Skipped } from '$lib/datasets/shared/image-files';
import type { NewSample, SampleInfo, UserDataset } from '$lib/datasets/shared/user-dataset';
import { storageFailure } from './data-workspace.svelte';
import { DecoderError, startImageDecoder, type ImageDecoder } from './image-decoder';

/** What an import writes into: the open dataset's editor. */
export interface ImportTarget {
  readonly dataset: UserDataset;
  addClass(name: string): Promise<number>;
  addSamples(samples: readonly NewSample[]): Promise<SampleInfo[]>;
}

export type ImportPhase = 'idle' | 'reading' | 'importing' | 'done' | 'cancelled' | 'stopped';

/** A file to decode and the class it goes into: known by id (dropped onto a class) or by its folder's name. */
interface Planned<F> {
  file: F;
  path: string;
  classId?: number;
  className?: string;
}

type Plan = (found: FoundFile<Blob>[]) => { items: Planned<Blob>[]; skipped: Skipped[] };

/** Samples stored per transaction: small enough that a cancel or a full disk loses little, big enough to be quick. */
export const IMPORT_BATCH = 50;

/** Why an import stopped, already in words for the person: the files, the decoder, or storage. */
class ImportProblem extends Error {}

const detail = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Storage's failures in words (a full disk named as such). */
async function storing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw new ImportProblem(storageFailure(error));
  }
}

function cancelled(): DOMException {
  return new DOMException('The import was cancelled.', 'AbortError');
}

/** `promise`, unless `signal` aborts first. */
function until<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    signal.addEventListener('abort', () => reject(cancelled()), { once: true });
    promise.then(resolve, reject);
  });
}

export class ImageImport {
  phase = $state<ImportPhase>('idle');
  /** The dataset being imported into: the person may open another one meanwhile. */
  datasetName = $state('');
  /** Images to decode (files skipped before decoding are not counted). */
  total = $state(0);
  processed = $state(0);
  stored = $state(0);
  /** Classes that received images. */
  classes = $state(0);
  skipped = $state.raw<Skipped[]>([]);
  /** Why the import stopped early, with how much was kept. */
  problem = $state<string | null>(null);
  etaSeconds = $state<number | null>(null);
  private abort: AbortController | null = null;

  constructor(
    private readonly startDecoder: () => ImageDecoder = startImageDecoder,
    private readonly now: () => number = () => performance.now(),
    private readonly batchSize = IMPORT_BATCH,
  ) {}

  get running(): boolean {
    return this.phase === 'reading' || this.phase === 'importing';
  }

  /** A folder with one sub-folder per class; classes are matched by name or added. */
  importFolder(target: ImportTarget, read: () => Promise<FoundFile<Blob>[]>): Promise<void> {
    return this.run(target, read, planFolderImport);
  }

  /** Files (or folders) dropped or picked onto one class. */
  importIntoClass(target: ImportTarget, classId: number, read: () => Promise<FoundFile<Blob>[]>): Promise<void> {
    return this.run(target, read, (found) => {
      const { items, skipped } = planClassImport(found);
      return { items: items.map((i) => ({ ...i, classId })), skipped };
    });
  }

  /** Stops after the batch being stored; what was stored stays. */
  cancel(): void {
    this.abort?.abort();
  }

  private async run(target: ImportTarget, read: () => Promise<FoundFile<Blob>[]>, plan: Plan): Promise<void> {
    if (this.running) return;
    const abort = new AbortController();
    this.abort = abort;
    this.reset(target.dataset.name);
    let decoder: ImageDecoder | undefined;
    try {
      const found = read().catch((error: unknown) => {
        throw new ImportProblem(m.filesUnreadable({ why: detail(error) }));
      });
      const { items, skipped } = plan(await until(found, abort.signal));
      this.skipped = skipped;
      this.total = items.length;
      this.phase = 'importing';
      decoder = this.startDecoder();
      await this.store(target, items, decoder, abort.signal);
      this.phase = 'done';
    } catch (error) {
      if (abort.signal.aborted) this.phase = 'cancelled';
      else {
        this.problem = m.importStopped({ why: detail(error), stored: this.stored });
        this.phase = 'stopped';
      }
    } finally {
      decoder?.close();
      this.abort = null;
      this.etaSeconds = null;
    }
  }

  private reset(datasetName: string): void {
    this.phase = 'reading';
    this.datasetName = datasetName;
    this.total = this.processed = this.stored = this.classes = 0;
    this.skipped = [];
    this.problem = null;
    this.etaSeconds = null;
  }

  /** Decodes batch i+1 while batch i is stored. */
  private async store(target: ImportTarget, items: Planned<Blob>[], decoder: ImageDecoder, signal: AbortSignal): Promise<void> {
    // Only the format crosses to the worker: the dataset itself is reactive state, which cannot be cloned.
    const { height, width, channels, fit } = target.dataset;
    const format = { height, width, channels, fit };
    const started = this.now();
    const classIds = new Map<string, number>();
    const filled = new Set<number>();
    const chunks = inChunks(items, this.batchSize);
    const decode = (chunk: Planned<Blob>[] | undefined) => {
      const pending = chunk?.length
        ? decoder.decode(chunk.map((i) => i.file), format).catch((error: unknown) => {
            throw error instanceof DecoderError ? error : new DecoderError(m.decoderFailed({ detail: detail(error) }));
          })
        : undefined;
      pending?.catch(() => {});
      return pending;
    };
    let next = decode(chunks[0]);
    for (const [i, chunk] of chunks.entries()) {
      const outcomes = await until(next!, signal);
      next = decode(chunks[i + 1]);
      const samples: NewSample[] = [];
      const bad: Skipped[] = [];
      for (const [j, item] of chunk.entries()) {
        const outcome = outcomes[j];
        if (!('pixels' in outcome)) bad.push({ name: item.path, reason: m.undecodable() });
        else samples.push({ classId: await this.classIdOf(target, item, classIds), origin: 'file', name: baseName(item.path), pixels: outcome.pixels });
      }
      if (samples.length > 0) await storing(() => target.addSamples(samples));
      for (const s of samples) filled.add(s.classId);
      this.stored += samples.length;
      this.classes = filled.size;
      this.processed += chunk.length;
      if (bad.length > 0) this.skipped = [...this.skipped, ...bad];
      this.etaSeconds = secondsLeft(this.processed, this.total, this.now() - started);
      if (signal.aborted) throw cancelled();
    }
  }

  /** The class a folder's images go into: one already named so, or a new one, added with the first batch that holds its images. */
  private async classIdOf(target: ImportTarget, item: Planned<Blob>, known: Map<string, number>): Promise<number> {
    if (item.classId !== undefined) return item.classId;
    const name = item.className ?? '';
    let id = known.get(name) ?? target.dataset.classes.find((c) => c.name.trim() === name)?.id;
    id ??= await storing(() => target.addClass(name));
    known.set(name, id);
    return id;
  }
}
