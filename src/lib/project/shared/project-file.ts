/**
 * A whole project as one `.netloom` file: a zip holding a versioned `manifest.json` that lists the
 * parts, the graph (read through parseSpec), the training settings (the training-settings record),
 * the last run (its graph, curves, outcome and classes), its trained weights, and optionally the
 * user's dataset it trained on (the dataset zip's files under `dataset/`). Reading checks every
 * part before returning anything, so a file that cannot be opened whole changes nothing.
 */
import { classroomRulesRecord, hasRules, parseClassroomRules, type ClassroomRules } from '$lib/classroom/shared/rules';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { m } from '$lib/i18n/messages';
import { accept, isFields, readVersioned, refuse, stamp, type Fields, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import { parseSpec } from '$lib/spec/parse';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { DoneReason, TrainHistory } from '$lib/training/shared/protocol';
import { parseTrainingPrefs, trainingPrefsRecord, type TrainingPrefs } from '$lib/storage/training-prefs-record';
import { openDatasetZip, someReasons } from '$lib/datasets/shared/dataset-zip';
import { parseRunRecord, storedRunRecord, type RunRecord } from '$lib/training/shared/run-record';
import { readWeights, writeWeights } from './weights-part';

export const PROJECT_EXTENSION = '.netloom';
const MANIFEST = 'manifest.json';
const DATASET_FOLDER = 'dataset/';
const PARTS = { graph: 'graph.json', settings: 'settings.json', run: 'run.json', weights: 'weights/index.json', dataset: `${DATASET_FOLDER}manifest.json`, classroom: 'classroom.json', runs: 'runs.json' } as const;

/** The classes the last run trained on, as the training panel shows them. */
export interface RunClasses {
  classes: string[];
  counts: number[];
  weights: number[] | null;
}

/** The last training run: the graph it trained (the canvas may have changed since), its curves and how it ended. */
export interface ProjectRun {
  spec: GraphSpec;
  history: TrainHistory;
  outcome: DoneReason;
  classes: RunClasses | null;
}

export interface Project {
  /** The graph on the canvas. */
  spec: GraphSpec;
  settings: TrainingPrefs;
  run: ProjectRun | null;
  /** The run's trained weights (tfjs layout); only with a run. */
  weights: ModelWeights | null;
  /** The user's dataset the settings name, as a dataset zip, when the user chose to include it. */
  dataset: Uint8Array | null;
  /** A teacher's rules for the class; absent or null when there are none. */
  rules?: ClassroomRules | null;
  /** The runs kept for comparison (issue 12); absent or empty when there are none. */
  runs?: RunRecord[];
}

type PartName = keyof typeof PARTS;

interface ProjectManifest {
  name: string;
  parts: Partial<Record<PartName, string>>;
}

const PROJECT_RECORD: VersionedFormat<ProjectManifest> = {
  tag: 'netloom-project',
  get noun() {
    return m.recordNounProject();
  },
  // Version 1 is the first; a manifest without a format tag is not ours.
  upgrades: [(v0) => v0],
  validate: validateManifest,
};

function validateManifest(r: Fields): Parsed<ProjectManifest> {
  if (typeof r.name !== 'string' || !isFields(r.parts)) return refuse(m.recordNotOne({ noun: m.recordNounProject() }));
  const parts = r.parts;
  const names = Object.keys(PARTS) as PartName[];
  if (typeof parts.graph !== 'string' || typeof parts.settings !== 'string' || names.some((k) => parts[k] !== undefined && typeof parts[k] !== 'string')) {
    return refuse(m.projectBadParts());
  }
  if (parts.weights !== undefined && parts.run === undefined) return refuse(m.projectWeightsWithoutRun());
  return accept({ name: r.name, parts: Object.fromEntries(names.filter((k) => parts[k] !== undefined).map((k) => [k, parts[k] as string])) });
}

// JSON has no NaN or Infinity, which a diverged run's losses can be: they are written as strings.
const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };
const writeNumber = (v: number): number | string => (Number.isFinite(v) ? v : String(v));
const readNumber = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v in NON_FINITE ? NON_FINITE[v] : null);

/** The point's `keys` only (the session's epoch points carry the event's other fields too). */
const writePoint = (point: object, keys: readonly string[]): Record<string, number | string> =>
  Object.fromEntries(keys.map((k) => [k, writeNumber((point as Record<string, number>)[k])]));

const BATCH_KEYS = ['x', 'loss', 'lr'] as const;
const EPOCH_KEYS = ['epoch', 'trainLoss', 'trainAcc', 'valLoss', 'valAcc', 'seconds', 'numTensors', 'lr'] as const;
const OUTCOMES: readonly DoneReason[] = ['completed', 'stopped', 'early-stopped', 'diverged', 'failed'];

/** A point with exactly `keys`, each a number (or a non-finite one spelled as a string). */
function readPoint<K extends string>(v: unknown, keys: readonly K[]): Record<K, number> | null {
  if (!isFields(v)) return null;
  const point = {} as Record<K, number>;
  for (const key of keys) {
    const n = readNumber(v[key]);
    if (n === null) return null;
    point[key] = n;
  }
  return point;
}

const numberList = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isFinite(n));

function readRun(value: unknown): Parsed<ProjectRun> {
  if (!isFields(value)) return refuse(m.projectBadRun({ field: 'run' }));
  const spec = parseSpec(value.spec);
  if (!spec.ok) return refuse(m.projectBadTrainedGraph({ reasons: spec.errors.join(' ') }));
  const h = value.history;
  if (!isFields(h) || !Array.isArray(h.batches) || !Array.isArray(h.epochs) || !(h.bestEpoch === null || (Number.isInteger(h.bestEpoch) && (h.bestEpoch as number) >= 0))) {
    return refuse(m.projectBadRun({ field: 'history' }));
  }
  const batches = h.batches.map((b) => readPoint(b, BATCH_KEYS));
  const epochs = h.epochs.map((e) => readPoint(e, EPOCH_KEYS));
  if (batches.includes(null) || epochs.includes(null)) return refuse(m.projectBadRun({ field: 'history' }));
  if (!OUTCOMES.includes(value.outcome as DoneReason)) return refuse(m.projectBadRun({ field: 'outcome' }));
  const c = value.classes;
  const classes = c === null ? null : isFields(c) && Array.isArray(c.classes) && c.classes.every((n) => typeof n === 'string') && numberList(c.counts) && (c.weights === null || numberList(c.weights)) ? (c as unknown as RunClasses) : undefined;
  if (classes === undefined) return refuse(m.projectBadRun({ field: 'classes' }));
  return accept({
    spec: spec.value,
    history: { batches: batches as TrainHistory['batches'], epochs: epochs as TrainHistory['epochs'], bestEpoch: h.bestEpoch as number | null },
    outcome: value.outcome as DoneReason,
    classes: classes && { classes: [...classes.classes], counts: [...classes.counts], weights: classes.weights && [...classes.weights] },
  });
}

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value, null, 1));

/** The `.netloom` bytes of a project. */
export function writeProject(project: Project): Uint8Array {
  const files: Zippable = {};
  const parts: Partial<Record<PartName, string>> = { graph: PARTS.graph, settings: PARTS.settings };
  files[PARTS.graph] = json(project.spec);
  files[PARTS.settings] = json(trainingPrefsRecord(project.settings));
  if (project.run) {
    const { spec, history, outcome, classes } = project.run;
    const encoded = { batches: history.batches.map((b) => writePoint(b, BATCH_KEYS)), epochs: history.epochs.map((e) => writePoint(e, EPOCH_KEYS)), bestEpoch: history.bestEpoch };
    files[PARTS.run] = json({ spec, history: encoded, outcome, classes });
    parts.run = PARTS.run;
    if (project.weights) {
      const { index, files: bins } = writeWeights(project.weights, 'weights');
      files[PARTS.weights] = json(index);
      // Float noise does not compress; storing keeps saving fast.
      for (const [path, bytes] of Object.entries(bins)) files[path] = [bytes, { level: 0 }];
      parts.weights = PARTS.weights;
    }
  }
  if (project.dataset) {
    // The dataset zip's own files, nested: its PNGs are compressed already.
    for (const [path, bytes] of Object.entries(unzipSync(project.dataset))) files[`${DATASET_FOLDER}${path}`] = [bytes, { level: path.endsWith('.png') ? 0 : 6 }];
    parts.dataset = PARTS.dataset;
  }
  if (project.runs && project.runs.length > 0) {
    files[PARTS.runs] = json(project.runs.map(storedRunRecord));
    parts.runs = PARTS.runs;
  }
  if (project.rules && hasRules(project.rules)) {
    files[PARTS.classroom] = json(classroomRulesRecord(project.rules));
    parts.classroom = PARTS.classroom;
  }
  files[MANIFEST] = json(stamp(PROJECT_RECORD, { name: project.spec.name, parts }));
  return zipSync(files);
}

/** A file name for the project, from the graph's name. */
export function projectFileName(graphName: string): string {
  return `${graphName.normalize('NFC').replace(/[^\p{L}\p{N} _-]+/gu, '_').trim().slice(0, 60).trim() || 'project'}${PROJECT_EXTENSION}`;
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> | null {
  try {
    return unzipSync(bytes);
  } catch {
    return null;
  }
}

function readJson(files: Record<string, Uint8Array>, path: string): Parsed<unknown> {
  const bytes = files[path];
  if (!bytes) return refuse(m.projectPartMissing({ path }));
  try {
    return accept(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
  } catch {
    return refuse(m.projectPartNotJson({ path }));
  }
}

/** The dataset's files as a dataset zip, checked as an import would open it (manifest, every listed image present). */
function readDataset(files: Record<string, Uint8Array>, manifestPath: string): Parsed<Uint8Array> {
  const folder = manifestPath.slice(0, manifestPath.length - 'manifest.json'.length);
  const inner: Zippable = {};
  for (const [path, bytes] of Object.entries(files)) if (path.startsWith(folder) && path.length > folder.length) inner[path.slice(folder.length)] = [bytes, { level: 0 }];
  const zip = zipSync(inner);
  const opened = openDatasetZip(zip);
  return opened.ok ? accept(zip) : refuse(m.projectBadDataset({ reasons: someReasons(opened.errors).join(' ') }));
}

/** The kept runs, each read through the run record's parser; a damaged one is named by its place. */
function readRuns(value: unknown): Parsed<RunRecord[]> {
  if (!Array.isArray(value)) return refuse(m.projectBadRuns({ reasons: m.projectRunsNotList() }));
  const runs: RunRecord[] = [];
  for (const [i, item] of value.entries()) {
    const run = parseRunRecord(item);
    if (!run.ok) return refuse(m.projectBadRuns({ reasons: m.projectRunsItem({ n: i + 1, reasons: run.errors.join(' ') }) }));
    runs.push(run.value);
  }
  return accept(runs);
}

/** The project in a `.netloom` file, every part checked; or every reason it cannot be opened. */
export function readProject(bytes: Uint8Array): Parsed<Project> {
  const files = unzip(bytes);
  if (!files) return refuse(m.projectNotZip());
  if (!files[MANIFEST]) return refuse(m.projectNoManifest());
  const head = readJson(files, MANIFEST);
  if (!head.ok) return head;
  if (!isFields(head.value) || !('format' in head.value)) return refuse(m.recordNotOne({ noun: m.recordNounProject() }));
  const manifest = readVersioned(PROJECT_RECORD, head.value);
  if (!manifest.ok) return manifest;
  const { parts } = manifest.value;

  const errors: string[] = [];
  const graph = readJson(files, parts.graph!);
  const spec = graph.ok ? parseSpec(graph.value) : graph;
  if (!spec.ok) errors.push(graph.ok ? m.projectBadGraph({ reasons: spec.errors.join(' ') }) : spec.errors[0]);
  const settingsJson = readJson(files, parts.settings!);
  const settings = settingsJson.ok ? parseTrainingPrefs(settingsJson.value) : settingsJson;
  if (!settings.ok) errors.push(settingsJson.ok ? m.projectBadSettings({ reasons: settings.errors.join(' ') }) : settings.errors[0]);
  const runJson = parts.run ? readJson(files, parts.run) : null;
  const run = runJson && (runJson.ok ? readRun(runJson.value) : runJson);
  if (run && !run.ok) errors.push(...run.errors);
  let weights: Parsed<ModelWeights> | null = null;
  if (parts.weights && run?.ok) {
    const index = readJson(files, parts.weights);
    weights = index.ok ? readWeights(index.value, files, run.value.spec) : index;
    if (!weights.ok) errors.push(...someReasons(weights.errors));
  }
  const dataset = parts.dataset ? readDataset(files, parts.dataset) : null;
  if (dataset && !dataset.ok) errors.push(...dataset.errors);
  const runsJson = parts.runs ? readJson(files, parts.runs) : null;
  const runs = runsJson && (runsJson.ok ? readRuns(runsJson.value) : runsJson);
  if (runs && !runs.ok) errors.push(...runs.errors);
  const rulesJson = parts.classroom ? readJson(files, parts.classroom) : null;
  const rules = rulesJson && (rulesJson.ok ? parseClassroomRules(rulesJson.value) : rulesJson);
  if (rules && !rules.ok) errors.push(m.projectBadRules({ reasons: rules.errors.join(' ') }));
  if (errors.length > 0 || !spec.ok || !settings.ok) return refuse(...errors);
  return accept({
    spec: spec.value,
    settings: settings.value,
    run: run?.ok ? run.value : null,
    weights: weights?.ok ? weights.value : null,
    dataset: dataset?.ok ? dataset.value : null,
    rules: rules?.ok ? rules.value : null,
    runs: runs?.ok ? runs.value : [],
  });
}
