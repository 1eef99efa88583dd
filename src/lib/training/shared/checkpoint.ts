/**
 * The saved state of a training run, as stored in IndexedDB: its record format, the upgrades from
 * older versions and the parser every load goes through. Plain data (weights as Float32Arrays),
 * so the worker writes it and the UI reads it without tfjs.
 */
import { parseSpec } from '$lib/spec/parse';
import type { ModelWeights } from '$lib/spec/types';
import { m } from '$lib/i18n/messages';
import { accept, isFields, readVersioned, refuse, stamp, type Fields, type Parsed, type Upgrade, type VersionedFormat } from '$lib/util/versioned';
import { isDatasetKey } from '$lib/datasets/shared/catalog';
import type { EarlyStoppingState } from './early-stopping';
import type { TrainHistory, TrainRequest } from './protocol';

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

const UPGRADES: readonly Upgrade[] = [
  // Version 0 is the checkpoint before it was tagged: the fields of version 1 without `format` and
  // `version`. Version 1 only added those two, which readVersioned stamps.
  (v0) => v0,
];

const CHECKPOINT_RECORD: VersionedFormat<Checkpoint> = {
  tag: 'netloom-checkpoint',
  get noun() {
    return m.recordNouns_checkpoint();
  },
  upgrades: UPGRADES,
  validate: validateCheckpoint,
};

/** The record to store: the checkpoint tagged with its format and the current version. */
export function storedCheckpoint(checkpoint: Checkpoint): Checkpoint & { format: string; version: number } {
  return stamp(CHECKPOINT_RECORD, checkpoint);
}

/** A stored checkpoint of any known version, upgraded, with its graph read through parseSpec; or why it cannot be resumed. */
export function parseCheckpoint(value: unknown): Parsed<Checkpoint> {
  return readVersioned(CHECKPOINT_RECORD, value);
}

const count = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const finite = (v: unknown): v is number => Number.isFinite(v);
const bool = (v: unknown): boolean => typeof v === 'boolean';
const numbers = (v: unknown, keys: readonly string[]): boolean => isFields(v) && keys.every((k) => finite(v[k]));

/** A Float32Array holding exactly as many values as its shape says. */
function namedArray(v: unknown): boolean {
  if (!isFields(v) || typeof v.name !== 'string' || !Array.isArray(v.shape) || !v.shape.every(count) || !(v.data instanceof Float32Array)) return false;
  return v.data.length === (v.shape as number[]).reduce((a, b) => a * b, 1);
}

const namedArrays = (v: unknown): boolean => Array.isArray(v) && v.every(namedArray);

function earlyStopping(v: unknown): boolean {
  return isFields(v) && count(v.epochs) && Number.isInteger(v.bestEpoch) && (v.bestLoss === null || finite(v.bestLoss)) && count(v.wait) && bool(v.improved) && bool(v.stop);
}

function history(v: unknown): boolean {
  if (!isFields(v) || !Array.isArray(v.batches) || !Array.isArray(v.epochs) || !(v.bestEpoch === null || count(v.bestEpoch))) return false;
  // Losses may be NaN in a diverged run, so only the axes are required to be numbers.
  return v.batches.every((b) => numbers(b, ['x'])) && v.epochs.every((e) => numbers(e, ['epoch']));
}

/**
 * The training settings are checked for their shape here; their values are the settings' own
 * concern (the same ones a new run starts with).
 */
function requestFields(request: Fields): [string, boolean][] {
  const { dataset, config } = request;
  return [
    ['request.dataset', isFields(dataset) && isDatasetKey(dataset.kind) && numbers(dataset, ['count', 'seed', 'valFraction'])],
    ['request.config', isFields(config) && count(config.epochs) && count(config.batchSize) && isFields(config.optimizer) && isFields(config.schedule)],
    ['request.augment', isFields(request.augment)],
    ['request.seed', finite(request.seed)],
    ['request.checkpoints', bool(request.checkpoints)],
  ];
}

/** The graph goes through parseSpec, so a checkpoint saved with an older graph version is upgraded with it. */
function validateCheckpoint(record: Fields): Parsed<Checkpoint> {
  if (!isFields(record.request)) return refuse(m.checkpointDamaged({ field: 'request' }));
  const request = record.request;
  const spec = parseSpec(request.spec);
  const problems = [
    ...requestFields(request),
    ['epoch', count(record.epoch)],
    ['step', count(record.step)],
    ['rngState', finite(record.rngState)],
    ['weights', isFields(record.weights) && Object.values(record.weights).every(namedArrays)],
    ['optimizerState', namedArrays(record.optimizerState)],
    ['bestWeights', record.bestWeights === null || namedArrays(record.bestWeights)],
    ['earlyStopping', earlyStopping(record.earlyStopping)],
    ['history', history(record.history)],
    ['finished', bool(record.finished)],
    ['savedAt', finite(record.savedAt)],
  ] satisfies [string, boolean][];
  const errors = [...(spec.ok ? [] : [m.checkpointBadGraph({ reason: spec.errors.join(' ') })]), ...problems.filter(([, ok]) => !ok).map(([name]) => m.checkpointDamaged({ field: name }))];
  if (!spec.ok || errors.length > 0) return refuse(...errors);
  const { format: _format, version: _version, ...data } = record;
  return accept({ ...data, request: { ...request, spec: spec.value } } as unknown as Checkpoint);
}
