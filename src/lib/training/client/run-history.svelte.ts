/**
 * The kept training runs as the page sees them: every run that ends here is recorded (completed,
 * stopped, stopped early or diverged; not one that failed, and not one without a finished epoch),
 * listed, renamed, deleted, ticked for the overlay chart, and restored into the editor and panel.
 */
import { analyzeGraph } from '$lib/spec/analyze';
import type { GraphSpec } from '$lib/spec/types';
import { isDatasetKey, type DatasetKey } from '$lib/datasets/shared/catalog';
import type { Parsed } from '$lib/util/versioned';
import { m } from '$lib/i18n/messages';
import { deleteRun, listRuns, saveRun } from '$lib/storage/database';
import { KEPT_OUTCOMES, trainingSeconds, type KeptOutcome, type RunRecord } from '$lib/training/shared/run-record';
import { nextSort, runRow, sortRows, type RunColumn, type RunRow, type RunSort } from '$lib/training/shared/run-table';
import type { TrainingSession } from './session.svelte';

export interface RunStore {
  list(): Promise<{ id: string; parsed: Parsed<RunRecord> }[]>;
  save(run: RunRecord): Promise<void>;
  remove(id: string): Promise<void>;
}

export const browserRunStore = (): RunStore => ({ list: listRuns, save: saveRun, remove: deleteRun });

/** What a run's end is read from. */
export type RunSource = Pick<
  TrainingSession,
  'status' | 'busy' | 'outcome' | 'trainedSpec' | 'trainedConfig' | 'trainedDataset' | 'settings' | 'batches' | 'epochs' | 'bestEpoch' | 'backend' | 'samplesPerSec' | 'progress'
>;

/** Where a restored run goes: the editor (an undoable load) and the training panel. */
export interface RestoreTarget {
  editor: { readOnly: boolean; load(spec: GraphSpec): void };
  session: Pick<TrainingSession, 'busy' | 'settings'>;
}

export interface RunHistoryOptions {
  /** The dataset's name for a key (built-in or a user's); the key itself when it is unknown. */
  datasetName?: (key: DatasetKey) => string;
  now?: () => number;
  newId?: () => string;
}

export class RunHistory {
  /** Oldest first, as they ended. */
  runs = $state.raw<RunRecord[]>([]);
  /** Runs ticked for the overlay chart. */
  selected = $state.raw<string[]>([]);
  /** null keeps the order the runs ended in. */
  sort = $state.raw<RunSort | null>(null);
  /** Stored runs that could not be read (damaged, or from a newer NetLoom). */
  unreadable = $state(0);
  error = $state<string | null>(null);

  /** The project open on the page: its runs are the ones listed, unless `everyProject` is ticked. */
  projectId = $state.raw<string | null>(null);
  everyProject = $state(false);

  readonly #own = $derived(this.ofProject(this.projectId));
  /** The runs in the table, the overlay and the copied table. */
  listed = $derived(this.everyProject ? this.runs : this.#own);
  /** Kept runs of projects other than the open one. */
  elsewhere = $derived(this.runs.length - this.#own.length);
  rows = $derived.by((): RunRow[] => {
    const rows = this.listed.map((run) => runRow(run, this.#datasetName));
    return this.sort ? sortRows(rows, this.sort) : rows;
  });
  overlay = $derived(this.listed.filter((run) => this.selected.includes(run.id)));

  readonly #store: RunStore;
  readonly #datasetName: (key: DatasetKey) => string;
  readonly #now: () => number;
  readonly #newId: () => string;
  /** A run started on this page is under way: its end is recorded (a project's saved run shown as ended is not). */
  #watching = false;

  constructor(store: RunStore = browserRunStore(), options: RunHistoryOptions = {}) {
    this.#store = store;
    this.#datasetName = options.datasetName ?? ((key) => key);
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
  }

  async load(): Promise<void> {
    await this.#attempt(async () => {
      const stored = await this.#store.list();
      this.runs = stored.flatMap(({ parsed }) => (parsed.ok ? [parsed.value] : [])).sort((a, b) => a.endedAt - b.endedAt);
      this.unreadable = stored.filter(({ parsed }) => !parsed.ok).length;
    });
  }

  /**
   * Call whenever the session's status may have changed (from an effect): records the run that
   * was seen under way once it is done, as a run of the project open at its end.
   */
  observe(session: RunSource): Promise<void> {
    if (session.busy) this.#watching = true;
    else if (this.#watching && session.status === 'done') {
      this.#watching = false;
      return this.#record(session);
    }
    return Promise.resolve();
  }

  /** The runs of one project kept in the browser: what its project file carries. */
  ofProject(projectId: string | null): RunRecord[] {
    return this.runs.filter((run) => run.projectId === projectId);
  }

  /** Keeps the runs a project file brought, as the runs of `projectId` (a run already kept is replaced). */
  async adopt(runs: readonly RunRecord[], projectId: string | null): Promise<void> {
    if (runs.length === 0) return;
    const adopted = runs.map((run) => ({ ...run, projectId }));
    await this.#attempt(async () => {
      for (const run of adopted) await this.#store.save(run);
      const ids = new Set(adopted.map((run) => run.id));
      this.runs = [...this.runs.filter((run) => !ids.has(run.id)), ...adopted].sort((a, b) => a.endedAt - b.endedAt);
    });
  }

  /** Gives project `to` copies of the runs of project `from` (a duplicated project), as new runs. */
  async copyProject(from: string, to: string): Promise<void> {
    const copies = this.ofProject(from).map((run) => ({ ...structuredClone(run), id: this.#newId(), projectId: to }));
    if (copies.length === 0) return;
    await this.#attempt(async () => {
      for (const run of copies) await this.#store.save(run);
      this.runs = [...this.runs, ...copies].sort((a, b) => a.endedAt - b.endedAt);
    });
  }

  /** Deletes the runs of a deleted project. */
  async forgetProject(projectId: string): Promise<void> {
    const gone = this.ofProject(projectId).map((run) => run.id);
    if (gone.length === 0) return;
    await this.#attempt(async () => {
      for (const id of gone) await this.#store.remove(id);
      this.runs = this.runs.filter((run) => !gone.includes(run.id));
      this.selected = this.selected.filter((id) => !gone.includes(id));
    });
  }

  /** Keeps the run the session just ended, when it is worth comparing, as a run of the open project. */
  async #record(session: RunSource): Promise<void> {
    const projectId = this.projectId;
    const outcome = session.outcome;
    const spec = session.trainedSpec;
    const config = session.trainedConfig;
    if (!outcome || !KEPT_OUTCOMES.includes(outcome as KeptOutcome) || !spec || !config || session.epochs.length === 0) return;
    const history = { batches: session.batches, epochs: session.epochs, bestEpoch: session.bestEpoch };
    const { params, flops } = analyzeGraph(spec).totals;
    const seconds = trainingSeconds(history);
    const trainSamples = session.progress.trainSamples;
    const settings = $state.snapshot(session.settings);
    const continued = this.#continued(session);
    const run: RunRecord = {
      id: continued?.id ?? this.#newId(),
      name: continued?.name ?? m.runDefaultName({ graph: spec.name, n: this.runs.length + 1 }),
      projectId,
      endedAt: this.#now(),
      spec,
      settings: { ...settings, dataset: isDatasetKey(session.trainedDataset) ? session.trainedDataset : settings.dataset, config: structuredClone(config) },
      history,
      outcome: outcome as KeptOutcome,
      backend: session.backend?.active ?? null,
      samplesPerSec: trainSamples > 0 && seconds > 0 ? (trainSamples * session.epochs.length) / seconds : session.samplesPerSec,
      params,
      macs: flops,
    };
    await this.#attempt(async () => {
      await this.#store.save(run);
      this.runs = [...this.runs.filter((r) => r.id !== run.id), run];
    });
  }

  /**
   * The kept record a resumed run continues (stopped or diverged after the epochs it resumed from,
   * with the same settings): the run replaces it rather than being listed twice.
   */
  #continued(session: RunSource): RunRecord | undefined {
    const done = session.progress.firstEpoch - 1;
    if (done < 1) return undefined;
    const config = JSON.stringify(session.trainedConfig);
    return [...this.runs].reverse().find((r) => r.outcome !== 'completed' && r.history.epochs.length === done && JSON.stringify(r.settings.config) === config);
  }

  /** A blank name keeps the old one. */
  async rename(id: string, name: string): Promise<void> {
    const run = this.runs.find((r) => r.id === id);
    const trimmed = name.trim();
    if (!run || trimmed === '' || trimmed === run.name) return;
    const renamed = { ...run, name: trimmed };
    await this.#attempt(async () => {
      await this.#store.save(renamed);
      this.runs = this.runs.map((r) => (r.id === id ? renamed : r));
    });
  }

  async remove(id: string): Promise<void> {
    await this.#attempt(async () => {
      await this.#store.remove(id);
      this.runs = this.runs.filter((r) => r.id !== id);
      this.selected = this.selected.filter((s) => s !== id);
    });
  }

  toggle(id: string): void {
    this.selected = this.selected.includes(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id];
  }

  sortBy(column: RunColumn): void {
    this.sort = nextSort(this.sort, column);
  }

  /** Puts the run's graph (undoable) and settings in place; not while training, nor into a locked graph. Says whether it did. */
  restore(id: string, target: RestoreTarget): boolean {
    const run = this.runs.find((r) => r.id === id);
    if (!run || target.session.busy || target.editor.readOnly) return false;
    target.editor.load(structuredClone(run.spec));
    target.session.settings = structuredClone(run.settings);
    return true;
  }

  async #attempt(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.error = null;
    } catch (error) {
      this.error = m.runsStorageFailed({ why: (error as Error).message });
    }
  }
}
