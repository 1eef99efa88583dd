/**
 * The training settings record (what the panel keeps across reloads, and what a project file
 * carries): its format, upgrades and parser. Pure, so the project codec reads it in Node and workers.
 */
import { accept, isFields, readVersioned, stamp, type Fields, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import { m } from '$lib/i18n/messages';
import { OPTIMIZER_NAMES, SCHEDULES, SCHEDULE_KINDS, defaultOptimizer, type ClassWeighting, type ScheduleConfig } from '$lib/training/shared/config';
import type { BackendChoice } from '$lib/training/shared/protocol';
import { TFJS_BACKENDS } from '$lib/devices/shared/table';
import { defaultSettings, type TrainSettings } from '$lib/training/client/settings';
import { isDatasetKey } from '$lib/datasets/shared/catalog';

/** What the training panel keeps across reloads, like the graph: its settings and the backend picked. */
export interface TrainingPrefs {
  settings: TrainSettings;
  backendChoice: BackendChoice;
}

const CLASS_WEIGHTINGS: readonly ClassWeighting[] = ['none', 'balanced', 'custom'];
const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', ...TFJS_BACKENDS];

const PREFS_RECORD: VersionedFormat<TrainingPrefs> = {
  tag: 'netloom.training-settings',
  get noun() {
    return m.recordNouns_trainingSettings();
  },
  // Version 1 is the first one written; a version-0 record would be the same fields untagged.
  // Version 2 adds the dataset; every earlier record trained on Shapes.
  upgrades: [(v0) => v0, (v1) => ({ ...(v1 as Fields), settings: { ...((v1 as Fields).settings as Fields), dataset: 'shapes' } })],
  validate: (record) => accept(readPrefs(record)),
};

/**
 * Takes from `stored` what has the type `fallback` has, field by field, and keeps the fallback
 * elsewhere: a record from an older build, or one edited by hand, still gives usable settings.
 * Whether a number is in range is the settings form's business; it marks the field.
 */
function overlay<T>(fallback: T, stored: unknown): T {
  if (typeof fallback === 'number') return (Number.isFinite(stored) ? stored : fallback) as T;
  if (typeof fallback === 'boolean' || typeof fallback === 'string') return (typeof stored === typeof fallback ? stored : fallback) as T;
  if (Array.isArray(fallback)) return (Array.isArray(stored) && stored.every((v) => Number.isFinite(v)) ? [...stored] : fallback) as T;
  if (!isFields(fallback) || !isFields(stored)) return fallback;
  return Object.fromEntries(Object.entries(fallback).map(([key, value]) => [key, overlay(value, stored[key])])) as T;
}

const oneOf = <T extends string>(choices: readonly T[], value: unknown, fallback: T): T => (choices.includes(value as T) ? (value as T) : fallback);

function readPrefs(record: Fields): TrainingPrefs {
  const base = defaultSettings();
  const settings = overlay(base, record.settings);
  const stored = isFields(record.settings) && isFields(record.settings.config) ? record.settings.config : {};
  // Fields that choose between shapes: each choice brings its own defaults before the overlay.
  const optimizer = isFields(stored.optimizer) ? stored.optimizer : {};
  const name = oneOf(OPTIMIZER_NAMES, optimizer.name, base.config.optimizer.name);
  const start = name === base.config.optimizer.name ? base.config.optimizer : defaultOptimizer(name);
  settings.config.optimizer = overlay(start, { ...optimizer, name });
  const schedule = isFields(stored.schedule) && isFields(stored.schedule.base) ? stored.schedule.base : {};
  const kind = oneOf(SCHEDULE_KINDS, schedule.kind, base.config.schedule.base.kind);
  settings.config.schedule.base = overlay<ScheduleConfig>({ ...SCHEDULES[kind].defaults }, { ...schedule, kind });
  const dataset = isFields(record.settings) ? record.settings.dataset : undefined;
  settings.dataset = isDatasetKey(dataset) ? dataset : base.dataset;
  settings.config.classWeighting = oneOf(CLASS_WEIGHTINGS, stored.classWeighting, base.config.classWeighting);
  return { settings, backendChoice: oneOf(BACKEND_CHOICES, record.backendChoice, 'auto') };
}

export function parseTrainingPrefs(value: unknown): Parsed<TrainingPrefs> {
  return readVersioned(PREFS_RECORD, value);
}

/** The record as it is written (also inside project files). */
export const trainingPrefsRecord = (prefs: TrainingPrefs): TrainingPrefs & { format: string; version: number } => stamp(PREFS_RECORD, prefs);
