import { DEFAULT_TRAINING, defaultOptimizer, type TrainingConfig } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT, type AugmentConfig } from '$lib/training/shared/augment';
import type { GraphSpec } from '$lib/spec/types';
import type { DatasetRequest, TrainRequest } from '$lib/training/shared/protocol';
import { RUN_FIELDS, VAL_FRACTION, configProblems, type SettingsProblems } from '$lib/training/shared/validate';
import { valueProblem } from '$lib/util/number-field';
import { m } from '$lib/i18n/messages';
import { DEFAULT_DATASET, type DatasetDescription, type DatasetKey } from '$lib/datasets/shared/catalog';

/** Everything the training panel edits. Plain data: snapshot it before it crosses to the worker. */
export interface TrainSettings {
  dataset: DatasetKey;
  samples: number;
  seed: number;
  config: TrainingConfig;
  augment: AugmentConfig;
}

/** Adam at 0.01 learns the Shapes dataset in a couple of epochs on the default model. */
export function defaultSettings(): TrainSettings {
  return {
    dataset: DEFAULT_DATASET,
    samples: 800,
    seed: 1,
    config: { ...structuredClone(DEFAULT_TRAINING), epochs: 5, optimizer: { ...defaultOptimizer('adam'), learningRate: 0.01 } },
    augment: { ...DEFAULT_AUGMENT },
  };
}

/** Everything wrong or doubtful in the panel, by field path; any error keeps Train disabled. Pure. */
export function settingsProblems(s: TrainSettings, dataset: DatasetDescription): SettingsProblems {
  const problems = configProblems(s.config, s.augment, s.samples);
  const seed = valueProblem(m.trainingFields_seed(), RUN_FIELDS.seed, s.seed);
  if (seed) problems.seed = seed;
  const { max, origin } = dataset.samples;
  // A user's dataset trains on all it holds: the count is not the user's to type, so say what to do about it.
  if (origin === 'stored' && problems.samples) problems.samples = { severity: 'error', message: m.tooFewStoredSamples({ count: max, min: RUN_FIELDS.samples.min }) };
  else if (!problems.samples && s.samples > max) problems.samples = { severity: 'error', message: m.samplesOverDataset({ max }) };
  return problems;
}

/** Switches the panel to another dataset, keeping the sample count when that dataset can give it. */
export function chooseDataset(s: TrainSettings, dataset: DatasetDescription): void {
  const { min, max } = dataset.samples;
  s.dataset = dataset.key;
  s.samples = Math.min(max, Math.max(min, s.samples));
}

/** The part of the settings that names the data, for the worker to load. */
export function datasetRequest(s: TrainSettings): DatasetRequest {
  return { kind: s.dataset, count: s.samples, seed: s.seed, valFraction: VAL_FRACTION };
}

export function trainRequest(spec: GraphSpec, s: TrainSettings): TrainRequest {
  return {
    spec,
    dataset: datasetRequest(s),
    config: s.config,
    augment: s.augment,
    seed: s.seed,
    checkpoints: true,
  };
}

/** The settings a saved run was started with, so the panel shows what a resume will use. */
export function settingsOf(request: TrainRequest): TrainSettings {
  return { dataset: request.dataset.kind, samples: request.dataset.count, seed: request.seed, config: structuredClone(request.config), augment: { ...request.augment } };
}
