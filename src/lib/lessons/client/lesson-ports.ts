import { describeBuiltIn, type DatasetDescription, type DatasetKey } from '$lib/datasets/shared/catalog';
import { withLayout } from '$lib/editor/layout';
import type { LessonSnapshot } from '$lib/lessons/shared/lesson';
import { sameArchitecture } from '$lib/spec/same-graph';
import type { GraphSpec } from '$lib/spec/types';
import { chooseDataset, type TrainSettings } from '$lib/training/client/settings';
import type { EpochPoint } from '$lib/training/shared/protocol';
import { loadLessonProgress, saveLessonProgress } from '$lib/storage/lesson-progress';
import type { LessonPorts } from './lesson-guide.svelte';

/** The parts of the page a lesson watches and sets up; read on every check, so they are getters. */
export interface LessonApp {
  editor: { readonly spec: GraphSpec; load(spec: GraphSpec): void };
  session: {
    readonly settings: TrainSettings;
    readonly status: string;
    readonly epochs: readonly EpochPoint[];
    readonly trainedSpec: GraphSpec | null;
    readonly trainedDataset: string | null;
    readonly busy: boolean;
  };
  datasets(): readonly DatasetDescription[];
  describe(key: DatasetKey): DatasetDescription | undefined;
  workspace(): LessonSnapshot['workspace'];
  /** The graph has no node errors and fits the chosen dataset. */
  valid(): boolean;
  liveReady(): boolean;
}

export function lessonPorts(app: LessonApp): LessonPorts {
  const { editor, session } = app;
  return {
    snapshot: () => ({
      spec: editor.spec,
      valid: app.valid(),
      workspace: app.workspace(),
      dataset: session.settings.dataset,
      earlyStopping: session.settings.config.earlyStopping.enabled,
      status: session.status,
      epochs: session.epochs,
      trainedSpec: session.trainedSpec,
      trainedDataset: session.trainedDataset,
      userDatasets: app.datasets().map((d) => ({ key: d.key, classes: d.classes.length, samples: d.samples.max })),
      liveReady: app.liveReady(),
    }),
    open: (start) => {
      // A running training keeps its dataset; the lesson's graph can still go on the canvas.
      if (start.dataset && !session.busy) chooseDataset(session.settings, describeBuiltIn(start.dataset));
      if (!start.spec) return false;
      const classes = app.describe(session.settings.dataset)?.classes.length ?? describeBuiltIn('shapes').classes.length;
      const spec = withLayout(start.spec(classes));
      if (sameArchitecture(spec, editor.spec)) return false;
      editor.load(spec);
      return true;
    },
    load: () => loadLessonProgress(),
    save: (progress) => saveLessonProgress(progress),
  };
}
