/**
 * A lesson is data: steps whose checks watch what the learner has done in the app and pass when
 * it is done. Texts live in the message catalogue under the lesson's and the step's ids, so a
 * translation covers the lessons too.
 */
import type { DatasetId } from '$lib/datasets/shared/catalog';
import type { GraphSpec } from '$lib/spec/types';
import type { EpochPoint } from '$lib/training/shared/protocol';

export type LessonId = 'firstCnn' | 'mnistLenet' | 'separable' | 'ownClasses';

/** What the checks may look at: a plain copy of the app's state, so they run in Node tests. */
export interface LessonSnapshot {
  spec: GraphSpec;
  /** The graph is valid for the chosen dataset (no node errors). */
  valid: boolean;
  workspace: 'model' | 'data' | 'live';
  dataset: string;
  earlyStopping: boolean;
  /** The training session's status ('idle', 'training', 'done', …). */
  status: string;
  epochs: readonly EpochPoint[];
  /** The graph the finished (or running) run trained; null before any run. */
  trainedSpec: GraphSpec | null;
  /** The dataset the last run trained on. */
  trainedDataset: string | null;
  userDatasets: readonly { key: string; classes: number; samples: number }[];
  /** The Use tab has a model loaded and classifying. */
  liveReady: boolean;
}

export interface LessonStep {
  id: string;
  /** Passes when the learner has done the step; a step without one is read and then confirmed. */
  check?: (state: LessonSnapshot) => boolean;
  /**
   * The check sees only training runs started after the step began: "train it" is not passed by a
   * run from before the lesson.
   */
  newRun?: boolean;
}

/** What a lesson opens with: a graph (sized for the dataset's classes) and the dataset to train on. */
export interface LessonStart {
  spec?: (classes: number) => GraphSpec;
  dataset?: DatasetId;
}

export interface Lesson {
  id: LessonId;
  start: LessonStart;
  steps: readonly LessonStep[];
}
