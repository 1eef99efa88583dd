/**
 * The one module that touches IndexedDB: the latest run's checkpoint, the cached backend speed
 * measurements, users' datasets and the projects kept in the browser. Used by both the worker (checkpoints, reading samples) and
 * the UI (offers to resume, imports and edits datasets, kept training runs). No tfjs here: weights travel as Float32Arrays. Records are written tagged with their
 * format and version, and every read goes through that format's parser, so an old or damaged
 * record is upgraded or refused, never handed on as it is.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { parseCheckpoint, storedCheckpoint, type Checkpoint } from '$lib/training/shared/checkpoint';
import type { BackendSpeed } from '$lib/training/shared/protocol';
import type { Parsed } from '$lib/util/versioned';
import { m } from '$lib/i18n/messages';
import { parseSpeeds, storedSpeeds } from './speed-cache';
import { parseUserDataset, storedUserDataset } from '$lib/datasets/shared/user-dataset-record';
import { sampleBytes, type NewSample, type SampleInfo, type UserDataset } from '$lib/datasets/shared/user-dataset';
import { parseProjectEntry, storedProjectEntry, type ProjectEntry } from '$lib/project/shared/project-entry';
import { parseRunRecord, storedRunRecord, type RunRecord } from '$lib/training/shared/run-record';

interface Schema extends DBSchema {
  // What is stored may come from any NetLoom version: the parsers find out.
  checkpoints: { key: string; value: unknown };
  speeds: { key: string; value: unknown };
}

const LATEST = 'latest';
let db: Promise<IDBPDatabase<Schema>> | undefined;

function open(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>('netloom-training', 1, {
    upgrade(database) {
      database.createObjectStore('checkpoints');
      database.createObjectStore('speeds');
    },
  });
  return db;
}

export async function saveCheckpoint(checkpoint: Checkpoint): Promise<void> {
  await (await open()).put('checkpoints', storedCheckpoint(checkpoint), LATEST);
}

/** The saved run, upgraded to the current version, or why it cannot be resumed; undefined when none is saved. */
export async function loadCheckpoint(): Promise<Parsed<Checkpoint> | undefined> {
  const stored = await (await open()).get('checkpoints', LATEST);
  return stored === undefined ? undefined : parseCheckpoint(stored);
}

/** Marks the saved run as over, so a reload no longer offers to resume it; its data stays readable. */
export async function finishCheckpoint(): Promise<void> {
  const loaded = await loadCheckpoint();
  if (loaded?.ok && !loaded.value.finished) await saveCheckpoint({ ...loaded.value, finished: true });
}

export async function clearCheckpoint(): Promise<void> {
  await (await open()).delete('checkpoints', LATEST);
}

/** Speeds measured earlier for `key`; undefined when there are none or they cannot be read (then they are measured again). */
export async function loadSpeeds(key: string): Promise<BackendSpeed[] | undefined> {
  const parsed = parseSpeeds(await (await open()).get('speeds', key));
  return parsed.ok ? parsed.value : undefined;
}

export async function saveSpeeds(key: string, speeds: BackendSpeed[]): Promise<void> {
  await (await open()).put('speeds', storedSpeeds(speeds), key);
}

/*
 * Users' datasets: a small description per dataset, a small record per sample (class, origin,
 * name) and the sample's uint8 pixels in a store of their own, so listing 10,000 samples never
 * reads their pixels. Samples are keyed [datasetId, sampleId].
 */
type SampleKey = [string, number];

interface DataSchema extends DBSchema {
  datasets: { key: string; value: unknown };
  samples: { key: SampleKey; value: SampleInfo };
  pixels: { key: SampleKey; value: Uint8Array };
}

let dataDb: Promise<IDBPDatabase<DataSchema>> | undefined;

function openData(): Promise<IDBPDatabase<DataSchema>> {
  dataDb ??= openDB<DataSchema>('netloom-datasets', 1, {
    upgrade(database) {
      database.createObjectStore('datasets');
      database.createObjectStore('samples');
      database.createObjectStore('pixels');
    },
  });
  return dataDb;
}

/** All keys of one dataset's samples, in id order. */
const samplesOf = (datasetId: string): IDBKeyRange => IDBKeyRange.bound([datasetId, 0], [datasetId, Infinity]);

/** Every stored dataset description, read through its parser: a damaged one comes back as its reasons. */
export async function listUserDatasets(): Promise<{ id: string; parsed: Parsed<UserDataset> }[]> {
  const database = await openData();
  const keys = await database.getAllKeys('datasets');
  const values = await database.getAll('datasets');
  return keys.map((id, i) => ({ id, parsed: parseUserDataset(values[i]) }));
}

export async function loadUserDataset(id: string): Promise<Parsed<UserDataset> | undefined> {
  const stored = await (await openData()).get('datasets', id);
  return stored === undefined ? undefined : parseUserDataset(stored);
}

/**
 * Writes a dataset's description (name, classes); its samples are untouched. The sample id
 * counter never goes back, even when the description written was read before samples were added.
 */
export async function saveUserDataset(d: UserDataset): Promise<void> {
  const tx = (await openData()).transaction('datasets', 'readwrite');
  const stored = parseUserDataset(await tx.store.get(d.id));
  const nextSampleId = stored.ok ? Math.max(stored.value.nextSampleId, d.nextSampleId) : d.nextSampleId;
  await Promise.all([tx.store.put(storedUserDataset({ ...d, nextSampleId }), d.id), tx.done]);
}

export async function deleteUserDataset(id: string): Promise<void> {
  const tx = (await openData()).transaction(['datasets', 'samples', 'pixels'], 'readwrite');
  await Promise.all([tx.objectStore('datasets').delete(id), tx.objectStore('samples').delete(samplesOf(id)), tx.objectStore('pixels').delete(samplesOf(id)), tx.done]);
}

/**
 * Stores samples in one transaction with the dataset's id counter, so either all of them are
 * stored or none (a full disk rejects with a QuotaExceededError and leaves earlier calls' samples).
 * Returns the stored samples' descriptions with their new ids.
 */
export async function addSamples(datasetId: string, samples: readonly NewSample[]): Promise<SampleInfo[]> {
  const tx = (await openData()).transaction(['datasets', 'samples', 'pixels'], 'readwrite');
  /** Undoes the writes made so far: a put that throws (a value storage cannot clone) does not abort the transaction by itself. */
  const abandon = (error: unknown): never => {
    // The aborted transaction's own promise rejects too; `error` is the one to report.
    tx.done.catch(() => undefined);
    tx.abort();
    throw error;
  };
  const parsed = parseUserDataset(await tx.objectStore('datasets').get(datasetId));
  if (!parsed.ok) return abandon(new Error(parsed.errors.join(' ')));
  const dataset = parsed.value;
  const size = sampleBytes(dataset);
  const wrong = samples.find((s) => s.pixels.length !== size);
  if (wrong) abandon(new Error(m.sampleWrongSize({ name: wrong.name, got: wrong.pixels.length, want: size })));
  const infos = samples.map(({ classId, origin, name }, k) => ({ id: dataset.nextSampleId + k, classId, origin, name }));
  const writes: Promise<unknown>[] = [];
  try {
    // One push per request: a put that throws must not leave the request before it out of `writes`, unhandled when the abort rejects it.
    samples.forEach((s, k) => {
      writes.push(tx.objectStore('samples').put(infos[k], [datasetId, infos[k].id]));
      writes.push(tx.objectStore('pixels').put(s.pixels, [datasetId, infos[k].id]));
    });
    writes.push(tx.objectStore('datasets').put(storedUserDataset({ ...dataset, nextSampleId: dataset.nextSampleId + samples.length }), datasetId));
  } catch (error) {
    writes.forEach((w) => w.catch(() => undefined));
    abandon(error);
  }
  // A write that fails later (a full disk) aborts the transaction, and with it every write of the batch.
  await Promise.all([...writes, tx.done]);
  return infos;
}

export async function countSamples(datasetId: string): Promise<number> {
  return (await openData()).count('samples', samplesOf(datasetId));
}

/** Every sample of a dataset without its pixels, in id (storage) order. */
export async function listSamples(datasetId: string): Promise<SampleInfo[]> {
  return (await openData()).getAll('samples', samplesOf(datasetId));
}

/** The pixels of the samples `ids`, in that order; one transaction, so a shard is read at once. */
export async function readPixels(datasetId: string, ids: ArrayLike<number>): Promise<Uint8Array[]> {
  const tx = (await openData()).transaction('pixels', 'readonly');
  const reads = Array.from(ids, (id) => tx.store.get([datasetId, id]));
  const [pixels] = await Promise.all([Promise.all(reads), tx.done]);
  return pixels.map((p, k) => {
    if (!p) throw new Error(m.sampleMissing({ id: ids[k] }));
    return p;
  });
}

export async function deleteSamples(datasetId: string, ids: readonly number[]): Promise<void> {
  const tx = (await openData()).transaction(['samples', 'pixels'], 'readwrite');
  await Promise.all([...ids.flatMap((id) => [tx.objectStore('samples').delete([datasetId, id]), tx.objectStore('pixels').delete([datasetId, id])]), tx.done]);
}

/** Moves samples to another class (relabel one, or merge a whole class into another). */
export async function relabelSamples(datasetId: string, ids: readonly number[], classId: number): Promise<void> {
  const tx = (await openData()).transaction('samples', 'readwrite');
  const moved = ids.map(async (id) => {
    const info = await tx.store.get([datasetId, id]);
    if (info) await tx.store.put({ ...info, classId }, [datasetId, id]);
  });
  await Promise.all([...moved, tx.done]);
}

/*
 * Projects kept in the browser: a small entry each for the list, and the project itself as the
 * bytes of a `.netloom` file (one format for files and storage, read through its own parser).
 */
interface ProjectSchema extends DBSchema {
  entries: { key: string; value: unknown };
  files: { key: string; value: Uint8Array };
}

let projectDb: Promise<IDBPDatabase<ProjectSchema>> | undefined;

function openProjects(): Promise<IDBPDatabase<ProjectSchema>> {
  projectDb ??= openDB<ProjectSchema>('netloom-projects', 1, {
    upgrade(database) {
      database.createObjectStore('entries');
      database.createObjectStore('files');
    },
  });
  return projectDb;
}

/** Every stored project's entry; an unreadable entry is skipped (its project file stays stored). */
export async function listProjects(): Promise<ProjectEntry[]> {
  const stored = await (await openProjects()).getAll('entries');
  return stored.map(parseProjectEntry).flatMap((parsed) => (parsed.ok ? [parsed.value] : []));
}

export async function readProjectBytes(id: string): Promise<Uint8Array | undefined> {
  return (await openProjects()).get('files', id);
}

/** Entry and file in one transaction: a full disk keeps the last good copy of both. */
export async function writeProjectRecord(entry: ProjectEntry, bytes: Uint8Array): Promise<void> {
  const tx = (await openProjects()).transaction(['entries', 'files'], 'readwrite');
  await Promise.all([tx.objectStore('entries').put(storedProjectEntry(entry), entry.id), tx.objectStore('files').put(bytes, entry.id), tx.done]);
}

export async function deleteProjectRecord(id: string): Promise<void> {
  const tx = (await openProjects()).transaction(['entries', 'files'], 'readwrite');
  await Promise.all([tx.objectStore('entries').delete(id), tx.objectStore('files').delete(id), tx.done]);
}

/*
 * Training runs kept for comparison: one record per run, read through its own parser, so a
 * damaged or newer record is reported instead of shown.
 */
interface RunSchema extends DBSchema {
  runs: { key: string; value: unknown };
}

let runDb: Promise<IDBPDatabase<RunSchema>> | undefined;

function openRuns(): Promise<IDBPDatabase<RunSchema>> {
  runDb ??= openDB<RunSchema>('netloom-runs', 1, {
    upgrade(database) {
      database.createObjectStore('runs');
    },
  });
  return runDb;
}

/** Every kept run, each read through its parser: a damaged one comes back as its reasons. */
export async function listRuns(): Promise<{ id: string; parsed: Parsed<RunRecord> }[]> {
  const database = await openRuns();
  const keys = await database.getAllKeys('runs');
  const values = await database.getAll('runs');
  return keys.map((id, i) => ({ id, parsed: parseRunRecord(values[i]) }));
}

export async function saveRun(run: RunRecord): Promise<void> {
  await (await openRuns()).put('runs', storedRunRecord(run), run.id);
}

export async function deleteRun(id: string): Promise<void> {
  await (await openRuns()).delete('runs', id);
}
