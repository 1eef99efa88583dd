/**
 * The one module that touches IndexedDB for training: the latest run's checkpoint and the
 * cached backend speed measurements. Used by both the worker (writes) and the UI (offers to
 * resume). No tfjs here: weights travel as Float32Arrays.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ModelWeights } from '$lib/spec/types';
import type { BackendSpeed, TrainHistory, TrainRequest } from '$lib/training/shared/protocol';
import type { EarlyStoppingState } from '$lib/training/shared/early-stopping';

export interface NamedArray {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Everything needed to continue a run exactly where an uninterrupted one would be. */
export interface Checkpoint {
  request: TrainRequest;
  /** Completed epochs. */
  epoch: number;
  /** Optimisation steps taken; seeds each step's dropout masks. */
  step: number;
  /** Rng state after the last completed epoch. */
  rngState: number;
  weights: ModelWeights;
  /** tfjs optimizer state in its own order: iterations first, then the slot tensors. */
  optimizerState: NamedArray[];
  /** Weights of the best epoch so far, when early stopping keeps them. */
  bestWeights: NamedArray[] | null;
  earlyStopping: EarlyStoppingState;
  history: TrainHistory;
  /** The run ended (completed, stopped early or diverged): nothing left to resume. */
  finished: boolean;
  savedAt: number;
}

interface Schema extends DBSchema {
  checkpoints: { key: string; value: Checkpoint };
  speeds: { key: string; value: BackendSpeed[] };
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
  await (await open()).put('checkpoints', checkpoint, LATEST);
}

export async function loadCheckpoint(): Promise<Checkpoint | undefined> {
  return (await open()).get('checkpoints', LATEST);
}

/** Marks the saved run as over, so a reload no longer offers to resume it; its data stays readable. */
export async function finishCheckpoint(): Promise<void> {
  const checkpoint = await loadCheckpoint();
  if (checkpoint && !checkpoint.finished) await saveCheckpoint({ ...checkpoint, finished: true });
}

export async function clearCheckpoint(): Promise<void> {
  await (await open()).delete('checkpoints', LATEST);
}

export async function loadSpeeds(key: string): Promise<BackendSpeed[] | undefined> {
  return (await open()).get('speeds', key);
}

export async function saveSpeeds(key: string, speeds: BackendSpeed[]): Promise<void> {
  await (await open()).put('speeds', speeds, key);
}
