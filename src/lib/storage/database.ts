/**
 * The one module that touches IndexedDB for training: the latest run's checkpoint and the
 * cached backend speed measurements. Used by both the worker (writes) and the UI (offers to
 * resume). No tfjs here: weights travel as Float32Arrays. Records are written tagged with their
 * format and version, and every read goes through that format's parser, so an old or damaged
 * record is upgraded or refused, never handed on as it is.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { parseCheckpoint, storedCheckpoint, type Checkpoint } from '$lib/training/shared/checkpoint';
import type { BackendSpeed } from '$lib/training/shared/protocol';
import type { Parsed } from '$lib/util/versioned';
import { parseSpeeds, storedSpeeds } from './speed-cache';

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
