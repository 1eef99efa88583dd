/**
 * Saving the whole project as a `.netloom` file and opening one: the graph, the training panel's
 * settings, the last run (curves and trained model, handed to the training worker so exports and
 * the Use tab work without training again) and, when asked, the user's dataset. Opening never
 * replaces the user's work silently: it asks first, naming what goes, and a file that cannot be
 * read whole is refused with its reasons and changes nothing.
 */
import type { GraphHolder } from '$lib/app/shared-graph.svelte';
import { NO_RULES, type ClassroomRules } from '$lib/classroom/shared/rules';
import { sameArchitecture } from '$lib/spec/same-graph';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { DatasetRequest } from '$lib/training/shared/protocol';
import type { RunRecord } from '$lib/training/shared/run-record';
import type { TrainingSession } from '$lib/training/client/session.svelte';
import { datasetRequest, defaultSettings } from '$lib/training/client/settings';
import { isDatasetId, userDatasetId, type DatasetKey } from '$lib/datasets/shared/catalog';
import { m } from '$lib/i18n/messages';
import { PROJECT_EXTENSION, projectFileName, readProject, writeProject, type Project } from '$lib/project/shared/project-file';

/** A dataset stored from a project file, or why it was not. */
export type ImportedDataset = { ok: true; key: DatasetKey; name: string } | { ok: false; title: string; reasons: string[] };

/** The world outside the page state: the training worker, storage, the browser's download. */
export interface ProjectPorts {
  weights(): Promise<ModelWeights>;
  loadModel(spec: GraphSpec, weights: ModelWeights, dataset: DatasetRequest): Promise<void>;
  /** A stored user dataset as dataset-zip bytes. */
  datasetZip(datasetId: string): Promise<Uint8Array>;
  importDataset(fileName: string, zip: Uint8Array): Promise<ImportedDataset>;
  /** The name of a dataset this browser has, or null. */
  datasetName(key: DatasetKey): string | null;
  download(bytes: Uint8Array, filename: string): void;
  /** The runs kept for comparison that belong with the project (none where the page keeps none). */
  runs?(): RunRecord[];
  /** Keeps the runs an opened project brought. */
  adoptRuns?(runs: readonly RunRecord[]): Promise<void>;
}

export interface ProjectProblem {
  title: string;
  reasons: string[];
}

/** A file read whole and waiting for the user's answer. */
export interface ProjectOffer {
  file: string;
  project: Project;
}

export const isProjectFile = (file: Pick<File, 'name'>): boolean => file.name.toLowerCase().endsWith(PROJECT_EXTENSION);

export class ProjectFiles {
  working = $state<'saving' | 'opening' | null>(null);
  /** Put the user's dataset the settings name into the file. */
  includeDataset = $state(false);
  offer = $state.raw<ProjectOffer | null>(null);
  problem = $state.raw<ProjectProblem | null>(null);
  notice = $state<string | null>(null);
  /** Projects opened so far: the canvas fits each new graph into view. */
  opened = $state(0);

  constructor(
    private readonly editor: GraphHolder,
    private readonly session: TrainingSession,
    /** The model a fresh page starts with: replacing it loses nothing. */
    private readonly untouched: GraphSpec,
    private readonly ports: ProjectPorts,
    /** The teacher's rules travel with the project. */
    readonly classroom: { rules: ClassroomRules } = { rules: NO_RULES },
  ) {}

  /** The user's dataset the training settings name (the one "include dataset" would add), or null for a built-in one. */
  get ownDataset(): string | null {
    const key = this.session.settings.dataset;
    return isDatasetId(key) ? null : this.ports.datasetName(key);
  }

  /** What opening a project would replace, in words; empty when nothing of the user's would be lost. */
  get replaces(): string[] {
    const { spec } = this.editor;
    const s = this.session;
    const model = s.trainedSpec && (s.hasModel || s.epochs.length > 0);
    if (sameArchitecture(spec, this.untouched) && !model) return [];
    return [
      m.projectReplacesGraph({ name: spec.name, layers: spec.nodes.length }),
      m.projectReplacesSettings(),
      ...(model && s.trainedSpec ? [m.projectReplacesModel({ name: s.trainedSpec.name })] : []),
    ];
  }

  async save(): Promise<void> {
    if (this.working) return;
    this.working = 'saving';
    this.problem = null;
    this.notice = null;
    try {
      this.ports.download(writeProject(await this.current()), projectFileName(this.editor.spec.name));
    } catch (error) {
      this.problem = { title: m.projectSaveFailed({ why: (error as Error).message }), reasons: [] };
    } finally {
      this.working = null;
    }
  }

  /** The project as it is now: what a file or the browser's project store keeps. */
  async current(): Promise<Project> {
    const s = this.session;
    const settings = { settings: $state.snapshot(s.settings), backendChoice: s.backendChoice };
    const ended = s.status === 'done' && s.trainedSpec !== null && s.outcome !== null;
    const run = ended
      ? { spec: $state.snapshot(s.trainedSpec) as GraphSpec, history: { batches: s.batches, epochs: s.epochs, bestEpoch: s.bestEpoch }, outcome: s.outcome!, classes: s.classInfo }
      : null;
    const weights = run && s.hasModel ? await this.ports.weights() : null;
    const key = settings.settings.dataset;
    const dataset = this.includeDataset && !isDatasetId(key) ? await this.ports.datasetZip(userDatasetId(key)) : null;
    return { spec: $state.snapshot(this.editor.spec) as GraphSpec, settings, run, weights, dataset, rules: this.classroom.rules, runs: this.ports.runs?.() ?? [] };
  }

  /** Reads a chosen or dropped file; opens it at once when nothing would be lost, else asks. */
  async openFile(file: Pick<File, 'name' | 'arrayBuffer'>): Promise<void> {
    if (this.working) return;
    this.problem = null;
    this.notice = null;
    this.offer = null;
    if (this.session.busy) {
      this.problem = { title: m.projectRefused({ file: file.name }), reasons: [m.projectBusy()] };
      return;
    }
    this.working = 'opening';
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      this.problem = { title: m.projectRefused({ file: file.name }), reasons: [m.projectFileUnreadable({ why: (error as Error).message })] };
      this.working = null;
      return;
    }
    const read = readProject(bytes);
    this.working = null;
    if (!read.ok) {
      this.problem = { title: m.projectRefused({ file: file.name }), reasons: read.errors };
      return;
    }
    const offer = { file: file.name, project: read.value };
    if (this.replaces.length > 0) this.offer = offer;
    else await this.apply(offer);
  }

  /** Opens a project from the browser's store without asking: the one on screen was stored first. */
  openStored(project: Project, announce: boolean): Promise<boolean> {
    return this.apply({ file: project.spec.name, project }, announce);
  }

  /**
   * After a reload: the stored project's last run, its trained model and the teacher's rules come
   * back. The graph and settings on screen stay: their own autosave keeps them, and the user may
   * have changed them while the model was loading.
   */
  async restoreRun(project: Project): Promise<void> {
    this.classroom.rules = project.rules ?? NO_RULES;
    const run = project.run;
    if (!run || this.session.busy) return;
    let loaded = false;
    if (project.weights) {
      try {
        await this.ports.loadModel(run.spec, project.weights, datasetRequest(project.settings.settings));
        loaded = true;
      } catch (error) {
        this.problem = { title: m.projectModelNotLoaded({ why: (error as Error).message }), reasons: [] };
      }
    }
    // A run started meanwhile is the one to show.
    if (this.session.status === 'idle') this.session.showSavedRun(run, loaded);
  }

  /** Starts afresh: the starting graph, default settings, no run. */
  reset(): void {
    if (this.session.busy) return;
    this.editor.load(this.untouched);
    this.session.settings = defaultSettings();
    this.session.showSavedRun(null, false);
    this.classroom.rules = NO_RULES;
  }

  /** Opens the offered project; true when it was opened. */
  async open(): Promise<boolean> {
    const offer = this.offer;
    if (!offer || this.working) return false;
    this.offer = null;
    return this.apply(offer);
  }

  keep(): void {
    this.offer = null;
  }

  dismiss(): void {
    this.problem = null;
    this.notice = null;
  }

  /**
   * The steps that can fail come first (storing the dataset, loading the model in the worker), so
   * a failure leaves the graph, the settings and the run as they were.
   */
  private async apply({ file, project }: ProjectOffer, announce = true): Promise<boolean> {
    if (this.session.busy) {
      this.problem = { title: m.projectRefused({ file }), reasons: [m.projectBusy()] };
      return false;
    }
    this.working = 'opening';
    try {
      const settings = structuredClone(project.settings.settings);
      if (project.dataset) {
        const stored = await this.ports.importDataset(file, project.dataset);
        if (!stored.ok) {
          this.problem = { title: stored.title, reasons: stored.reasons };
          return false;
        }
        settings.dataset = stored.key;
      }
      let loaded = false;
      if (project.run && project.weights) {
        try {
          await this.ports.loadModel(project.run.spec, project.weights, datasetRequest(settings));
          loaded = true;
        } catch (error) {
          this.problem = { title: m.projectRefused({ file }), reasons: [m.projectModelNotLoaded({ why: (error as Error).message })] };
          return false;
        }
      }
      // Restoring the project already on screen (after a reload) adds no undo step.
      if (JSON.stringify(project.spec) !== JSON.stringify($state.snapshot(this.editor.spec))) this.editor.load(project.spec);
      this.session.settings = settings;
      this.session.backendChoice = project.settings.backendChoice;
      this.session.showSavedRun(project.run, loaded);
      this.classroom.rules = project.rules ?? NO_RULES;
      await this.ports.adoptRuns?.(project.runs ?? []);
      if (announce) this.notice = m.projectOpened({ name: project.spec.name });
      this.opened++;
      return true;
    } finally {
      this.working = null;
    }
  }
}
