import { startApp } from './startup';
import type { SharedGraphInbox } from './shared-graph.svelte';
import type { EditorState } from '$lib/editor/editor.svelte';
import { TrainingSession } from '$lib/training/client/session.svelte';
import { RunHistory } from '$lib/training/client/run-history.svelte';
import type { RunRecord } from '$lib/training/shared/run-record';
import { chooseDataset } from '$lib/training/client/settings';
import { defaultSpec } from '$lib/spec/presets';
import { validateForDataset } from '$lib/spec/analyze';
import { LiveSession } from '$lib/live/client/live-session.svelte';
import { SHAPE_CLASSES } from '$lib/datasets/shared/shapes';
import { DEFAULT_DATASET, datasetShape, describeBuiltIn } from '$lib/datasets/shared/catalog';
import { DatasetLibrary } from '$lib/datasets/client/library.svelte';
import { DataWorkspace } from '$lib/datasets/client/data-workspace.svelte';
import { autosaveSpec, loadAutosavedSpec } from '$lib/storage/autosave';
import { loadTrainingPanelOpen, loadWorkspace, saveTrainingPanelOpen, saveWorkspace, type Workspace } from '$lib/storage/ui-prefs';
import { ProjectFiles } from '$lib/project/client/project-files.svelte';
import { browserProjectPorts } from '$lib/project/client/browser-ports';
import { ProjectLibrary, type ProjectHost } from '$lib/project/client/project-library.svelte';
import { browserProjectStore } from '$lib/project/client/project-store';
import { Classroom } from '$lib/classroom/client/classroom.svelte';
import { LessonGuide } from '$lib/lessons/client/lesson-guide.svelte';
import { lessonPorts } from '$lib/lessons/client/lesson-ports';

/**
 * The page's parts and how they are wired to each other: which dataset the graph is checked
 * against, what is saved when, what a teacher's rules hide. Built while the root component
 * starts, because its effects live as long as the page.
 */
export class AppPage {
  readonly session = new TrainingSession();
  readonly #started = startApp({
    hash: location.hash,
    autosaved: loadAutosavedSpec(),
    untouched: defaultSpec(SHAPE_CLASSES.length),
    clearAddress: () => history.replaceState(history.state, '', `${location.pathname}${location.search}`),
    restoreTraining: () => this.session.restore(),
  });
  readonly editor: EditorState = this.#started.editor;
  readonly sharedGraphs: SharedGraphInbox = this.#started.sharedGraphs;
  readonly library = new DatasetLibrary();
  readonly dataWorkspace = new DataWorkspace(this.library);
  readonly live = new LiveSession();
  readonly classroom = new Classroom();
  readonly runHistory = new RunHistory(undefined, { datasetName: (key) => this.library.describe(key)?.name ?? key });
  readonly projects: ProjectFiles = new ProjectFiles(
    this.editor,
    this.session,
    defaultSpec(SHAPE_CLASSES.length),
    {
      ...browserProjectPorts(this.dataWorkspace),
      runs: (): RunRecord[] => this.runHistory.ofProject(this.projectLibrary.activeId),
      adoptRuns: (runs): Promise<void> => this.runHistory.adopt(runs, this.projectLibrary.activeId),
    },
    this.classroom,
  );
  readonly projectLibrary: ProjectLibrary = new ProjectLibrary(this.#libraryParts(), browserProjectStore());

  teacherOpen = $state(false);
  trainingOpen = $state(loadTrainingPanelOpen());
  workspace = $state<Workspace>(loadWorkspace());

  /** Until storage answers, a user's dataset is described as the default: nothing trains before that. */
  readonly dataset = $derived(this.library.describe(this.session.settings.dataset) ?? describeBuiltIn(DEFAULT_DATASET));
  readonly datasetIssues = $derived(
    this.editor.analysis.valid ? validateForDataset(this.editor.analysis, datasetShape(this.dataset)) : [],
  );
  readonly issues = $derived([...Object.values(this.editor.heldEdits), ...this.editor.analysis.issues, ...this.datasetIssues]);

  readonly lessons = new LessonGuide(
    lessonPorts({
      editor: this.editor,
      session: this.session,
      datasets: () => this.library.descriptions,
      describe: (key) => this.library.describe(key),
      workspace: () => this.workspace,
      valid: () => this.editor.analysis.valid && this.datasetIssues.length === 0,
      liveReady: () => this.live.status === 'ready',
    }),
  );

  constructor() {
    void this.library.refresh();
    void this.runHistory.load();
    // Rules that came with a shared link apply over the restored project's.
    void this.#started.restored.then(() => this.projectLibrary.start()).then(() => this.sharedGraphs.attach(this.classroom));
    this.#keepConsistent();
    this.#save();
  }

  #libraryParts(): ProjectHost {
    const { editor, projects, session, runHistory } = this;
    return {
      editor,
      files: projects,
      runs: { copy: (from, to) => runHistory.copyProject(from, to), forget: (id) => runHistory.forgetProject(id) },
      get busy() {
        return session.busy;
      },
      get resumable() {
        return session.resumable;
      },
    };
  }

  /** The page never shows what no longer exists, another project's runs, or what a teacher hid or locked. */
  #keepConsistent(): void {
    // The picked dataset was deleted (in the data view, another tab, or with the site's data): fall back to the default.
    $effect(() => {
      if (this.library.loaded && !this.library.describe(this.session.settings.dataset)) {
        chooseDataset(this.session.settings, describeBuiltIn(DEFAULT_DATASET));
      }
    });
    $effect(() => {
      this.editor.readOnly = this.classroom.locked('graph');
    });
    // The runs table lists the open project's runs: a new or switched project starts its own list.
    $effect(() => {
      this.runHistory.projectId = this.projectLibrary.activeId;
    });
    $effect(() => {
      const hidden = (this.workspace === 'data' && this.classroom.hidden('dataTab')) || (this.workspace === 'live' && this.classroom.hidden('useTab'));
      if (hidden) this.workspace = 'model';
    });
  }

  #save(): void {
    // Edits (the graph with its positions, the settings) are saved once they settle; the graph and
    // settings also have their own synchronous autosave, so a reload in between loses nothing.
    $effect(() => {
      void [$state.snapshot(this.editor.spec), $state.snapshot(this.session.settings), this.session.backendChoice];
      this.projectLibrary.changed();
    });
    // A teacher's rules are saved at once too: nothing else keeps them across a reload.
    $effect(() => {
      void this.classroom.rules;
      void this.projectLibrary.saveNow();
    });
    // A run's end (its curves and trained model) is saved at once: nothing else keeps the weights.
    $effect(() => {
      if (this.session.status === 'done' && this.session.hasModel) void this.projectLibrary.saveNow();
    });
    $effect(() => autosaveSpec(this.editor.spec));
    $effect(() => saveTrainingPanelOpen(this.trainingOpen));
    $effect(() => saveWorkspace(this.workspace));
  }
}
