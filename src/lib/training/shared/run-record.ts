/**
 * A training run kept for comparison (issue 12, "Runs"): what was trained (graph and settings),
 * on which data and backend, how it went (curves, outcome) and how fast. Stored in IndexedDB by
 * storage/database.ts, tagged with its format and version; every read goes through `parseRunRecord`.
 */
import { parseSpec } from '$lib/spec/parse';
import type { GraphSpec } from '$lib/spec/types';
import { isDatasetKey, type DatasetKey } from '$lib/datasets/shared/catalog';
import { m } from '$lib/i18n/messages';
import { accept, isFields, readVersioned, refuse, stamp, type Fields, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import { OPTIMIZER_NAMES, type TrainingConfig } from './config';
import type { AugmentConfig } from './augment';
import type { BackendName, DoneReason, EpochPoint, TrainHistory } from './protocol';

/** The outcomes kept: a run that failed (no start, a lost worker) has nothing trustworthy to compare. */
export type KeptOutcome = Exclude<DoneReason, 'failed'>;
export const KEPT_OUTCOMES: readonly KeptOutcome[] = ['completed', 'stopped', 'early-stopped', 'diverged'];

/** The training panel's settings as the run used them (the shape of client/settings.ts's TrainSettings). */
export interface RunSettings {
  dataset: DatasetKey;
  samples: number;
  seed: number;
  config: TrainingConfig;
  augment: AugmentConfig;
}

export interface RunRecord {
  id: string;
  /** User text, shown as text only. */
  name: string;
  /** The project kept in the browser that was open when the run ended; null when none was. */
  projectId: string | null;
  /** When the run ended (ms since the epoch). */
  endedAt: number;
  spec: GraphSpec;
  settings: RunSettings;
  history: TrainHistory;
  outcome: KeptOutcome;
  backend: BackendName | null;
  /** Mean training speed over the run's epochs; null when it was not measured. */
  samplesPerSec: number | null;
  /** The graph's totals when it ran: parameters and multiply-accumulates per sample. */
  params: number;
  macs: number;
}

const RUN_RECORD: VersionedFormat<RunRecord> = {
  tag: 'netloom.run',
  get noun() {
    return m.runRecordNoun();
  },
  upgrades: [(v0) => v0],
  validate: validateRun,
};

export const storedRunRecord = (run: RunRecord) => stamp(RUN_RECORD, run);

/** A stored run of any known version, with its graph read through parseSpec; or why it cannot be shown. */
export const parseRunRecord = (value: unknown): Parsed<RunRecord> => readVersioned(RUN_RECORD, value);

const count = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const finite = (v: unknown): v is number => Number.isFinite(v);
const text = (v: unknown): v is string => typeof v === 'string';

function settings(v: unknown): boolean {
  if (!isFields(v) || !isDatasetKey(v.dataset) || !count(v.samples) || !finite(v.seed) || !isFields(v.augment)) return false;
  const { config } = v;
  if (!isFields(config) || !count(config.epochs) || !count(config.batchSize) || !isFields(config.schedule)) return false;
  const { optimizer } = config;
  return isFields(optimizer) && OPTIMIZER_NAMES.includes(optimizer.name as never) && finite(optimizer.learningRate);
}

function history(v: unknown): boolean {
  if (!isFields(v) || !Array.isArray(v.batches) || !Array.isArray(v.epochs) || !(v.bestEpoch === null || count(v.bestEpoch))) return false;
  // Losses may be NaN in a diverged run, so only the axes are required to be numbers.
  return v.batches.every((b) => isFields(b) && finite(b.x)) && v.epochs.every((e) => isFields(e) && count(e.epoch));
}

function validateRun(record: Fields): Parsed<RunRecord> {
  const spec = parseSpec(record.spec);
  const problems: [string, boolean][] = [
    ['id', text(record.id)],
    ['name', text(record.name)],
    ['projectId', record.projectId === null || text(record.projectId)],
    ['endedAt', finite(record.endedAt)],
    ['settings', settings(record.settings)],
    ['history', history(record.history)],
    ['outcome', KEPT_OUTCOMES.includes(record.outcome as KeptOutcome)],
    ['backend', record.backend === null || text(record.backend)],
    ['samplesPerSec', record.samplesPerSec === null || finite(record.samplesPerSec)],
    ['params', count(record.params)],
    ['macs', count(record.macs)],
  ];
  const errors = [...(spec.ok ? [] : spec.errors), ...problems.filter(([, ok]) => !ok).map(([name]) => m.runRecordDamaged({ field: name }))];
  if (!spec.ok || errors.length > 0) return refuse(...errors);
  const { format: _format, version: _version, ...data } = record;
  return accept({ ...data, spec: spec.value } as unknown as RunRecord);
}

/** The epoch with the highest validation accuracy (the earliest of equals); null before any epoch. */
export function bestValAcc(history: TrainHistory): EpochPoint | null {
  let best: EpochPoint | null = null;
  for (const e of history.epochs) if (Number.isFinite(e.valAcc) && (best === null || e.valAcc > best.valAcc)) best = e;
  return best;
}

/** Seconds spent in the run's epochs (a resumed run counts its epochs from before the reload too). */
export const trainingSeconds = (history: TrainHistory): number => history.epochs.reduce((sum, e) => sum + e.seconds, 0);
