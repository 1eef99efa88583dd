/**
 * The projects kept in this browser: the one on screen is saved whole (graph with positions,
 * settings, last run with its trained weights, dataset reference) a moment after each change, so
 * a reload or a crashed tab comes back to it exactly; others can be opened, duplicated, renamed
 * and deleted, their kept runs with them. A failed save (a full disk) keeps the last good copy and says so.
 */
import type { GraphHolder } from '$lib/app/shared-graph.svelte';
import type { ProjectEntry } from '$lib/project/shared/project-entry';
import { NO_RULES } from '$lib/classroom/shared/rules';
import { readProject, writeProject, type Project } from '$lib/project/shared/project-file';
import { m } from '$lib/i18n/messages';
import type { ProjectFiles } from './project-files.svelte';

export interface ProjectStore {
  list(): Promise<ProjectEntry[]>;
  read(id: string): Promise<Uint8Array | undefined>;
  write(entry: ProjectEntry, bytes: Uint8Array): Promise<void>;
  remove(id: string): Promise<void>;
  /** Which project was on screen last, across reloads. */
  loadActive(): string | null;
  saveActive(id: string): void;
}

/** The part of the page a project switch needs beyond the project files. */
export interface ProjectHost {
  readonly editor: GraphHolder;
  /** A training run is in progress. */
  readonly busy: boolean;
  /** A run a reload interrupted is offered for resuming. */
  readonly resumable: boolean;
  readonly files: ProjectFiles;
  /** The kept training runs, which belong to a project but are stored on their own. */
  readonly runs?: ProjectRuns;
}

export interface ProjectRuns {
  /** Gives project `to` copies of the runs of project `from`. */
  copy(from: string, to: string): Promise<void>;
  /** Deletes the runs of a deleted project. */
  forget(projectId: string): Promise<void>;
}

export interface LibraryOptions {
  now?: () => number;
  newId?: () => string;
  /** How long edits settle before the project is saved. */
  delayMs?: number;
}

/** Saves a moment after the last change: a drag or a typed number is many edits. */
const SAVE_DELAY_MS = 800;

const newestFirst = (a: ProjectEntry, b: ProjectEntry) => b.updated - a.updated;

const whyNotSaved = (error: unknown): string =>
  (error as { name?: string })?.name === 'QuotaExceededError' ? m.projectStorageFull() : m.projectNotStored({ why: (error as Error)?.message ?? String(error) });

export class ProjectLibrary {
  entries = $state.raw<ProjectEntry[]>([]);
  /** The project on screen; the next save stores it and remembers it for a reload. */
  activeId = $state<string | null>(null);
  /** Why the last save failed; cleared by the next one that succeeds. */
  error = $state<string | null>(null);
  /** A stored project that could not be opened, until dismissed. */
  problem = $state<string | null>(null);
  /** Start-up has restored (or created) the active project; saves before that would overwrite it. */
  ready = $state(false);
  readonly #store: ProjectStore;
  readonly #host: ProjectHost;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #delay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> = Promise.resolve();

  constructor(host: ProjectHost, store: ProjectStore, options: LibraryOptions = {}) {
    this.#host = host;
    this.#store = store;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#delay = options.delayMs ?? SAVE_DELAY_MS;
  }

  /**
   * After a reload: brings back the last run and its trained model of the project that was on
   * screen. The graph and settings on screen are newer than the stored copy (they are kept on
   * every edit, and a shared link may have just opened a graph), so they stay.
   */
  async start(): Promise<void> {
    await this.#refresh();
    const id = this.#store.loadActive();
    const stored = id ? await this.#readProject(id) : null;
    if (id && stored) {
      this.activeId = id;
      // A run to resume after the reload wins: the stored project holds the run before it.
      if (stored.run && !this.#host.busy && !this.#host.resumable) await this.#host.files.restoreRun(stored);
      else this.#host.files.classroom.rules = stored.rules ?? NO_RULES;
    } else {
      this.activeId = this.#newId();
    }
    this.ready = true;
    await this.saveNow();
  }

  /** Call on every change of the project on screen; the save follows once edits settle. */
  changed(): void {
    if (!this.ready) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.saveNow(), this.#delay);
  }

  /** Saves the project on screen now (one save at a time, in order). */
  saveNow(): Promise<void> {
    clearTimeout(this.#timer);
    this.#saving = this.#saving.then(() => this.#save());
    return this.#saving;
  }

  /** Stores the project on screen, then starts a new one from the starting graph. */
  async create(): Promise<void> {
    if (this.#host.busy) return;
    await this.saveNow();
    this.#host.files.reset();
    this.activeId = this.#newId();
    await this.saveNow();
  }

  /** Stores the project on screen, then opens `id` in its place. */
  async open(id: string): Promise<void> {
    if (this.#host.busy || id === this.activeId) return;
    await this.saveNow();
    const project = await this.#readProject(id);
    if (!project) return;
    if (await this.#host.files.openStored(project, true)) {
      this.activeId = id;
      await this.saveNow();
    }
  }

  async duplicate(id: string): Promise<void> {
    if (id === this.activeId) await this.saveNow();
    const project = await this.#readProject(id);
    if (!project) return;
    const name = m.projectCopyName({ name: project.spec.name });
    const copy = this.#newId();
    await this.#write({ id: copy, name, updated: this.#now() }, { ...project, spec: { ...project.spec, name } });
    await this.#host.runs?.copy(id, copy);
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    if (id === this.activeId) {
      const { editor } = this.#host;
      editor.load({ ...editor.spec, name: trimmed });
      await this.saveNow();
      return;
    }
    const project = await this.#readProject(id);
    if (project) await this.#write({ id, name: trimmed, updated: this.#now() }, { ...project, spec: { ...project.spec, name: trimmed } });
  }

  /** Deletes a stored project; deleting the one on screen opens the most recent other one, or a new one. */
  async remove(id: string): Promise<void> {
    if (id === this.activeId && this.#host.busy) return;
    await this.#store.remove(id);
    await this.#host.runs?.forget(id);
    await this.#refresh();
    if (id !== this.activeId) return;
    this.activeId = null;
    const next = this.entries[0];
    const project = next ? await this.#readProject(next.id) : null;
    if (next && project && (await this.#host.files.openStored(project, true))) this.activeId = next.id;
    else {
      this.#host.files.reset();
      this.activeId = this.#newId();
    }
    await this.saveNow();
  }

  dismissProblem(): void {
    this.problem = null;
  }

  async #save(): Promise<void> {
    const id = this.activeId;
    if (!this.ready || !id) return;
    try {
      const project = await this.#host.files.current();
      await this.#write({ id, name: project.spec.name, updated: this.#now() }, project);
    } catch (error) {
      this.error = whyNotSaved(error);
    }
  }

  async #write(entry: ProjectEntry, project: Project): Promise<void> {
    // The runs are kept in their own store already; the dataset in the data view's.
    await this.#store.write(entry, writeProject({ ...project, dataset: null, runs: [] }));
    // Remembered only once stored: a reload before the first save must not look for a project that never was.
    if (entry.id === this.activeId) this.#store.saveActive(entry.id);
    this.error = null;
    await this.#refresh();
  }

  async #readProject(id: string): Promise<Project | null> {
    const bytes = await this.#store.read(id);
    const read = bytes ? readProject(bytes) : null;
    if (read?.ok) return read.value;
    this.problem = m.projectNotRestored({ why: read ? read.errors.join(' ') : m.projectNotFound() });
    return null;
  }

  async #refresh(): Promise<void> {
    this.entries = (await this.#store.list()).sort(newestFirst);
  }
}
