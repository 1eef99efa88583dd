import { DEFAULT_TRAINING, defaultOptimizer, type TrainingConfig } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT, type AugmentConfig } from '$lib/training/shared/augment';
import type { GraphSpec } from '$lib/spec/types';
import type { TrainRequest } from '$lib/training/shared/protocol';
import { RUN_FIELDS, VAL_FRACTION, configProblems, type SettingsProblems } from '$lib/training/shared/validate';
import { valueProblem } from '$lib/util/number-field';
import { messages } from '$lib/i18n/messages';

/** Everything the training panel edits. Plain data: snapshot it before it crosses to the worker. */
export interface TrainSettings {
  samples: number;
  seed: number;
  config: TrainingConfig;
  augment: AugmentConfig;
}

/** Adam at 0.01 learns the Shapes dataset in a couple of epochs on the default model. */
export function defaultSettings(): TrainSettings {
  return {
    samples: 800,
    seed: 1,
    config: { ...structuredClone(DEFAULT_TRAINING), epochs: 5, optimizer: { ...defaultOptimizer('adam'), learningRate: 0.01 } },
    augment: { ...DEFAULT_AUGMENT },
  };
}

/** Everything wrong or doubtful in the panel, by field path; any error keeps Train disabled. Pure. */
export function settingsProblems(s: TrainSettings): SettingsProblems {
  const problems = configProblems(s.config, s.augment, s.samples);
  const seed = valueProblem(messages.trainingFields.seed, RUN_FIELDS.seed, s.seed);
  return seed ? { ...problems, seed } : problems;
}

export function trainRequest(spec: GraphSpec, s: TrainSettings): TrainRequest {
  return {
    spec,
    dataset: { kind: 'shapes', count: s.samples, seed: s.seed, valFraction: VAL_FRACTION },
    config: s.config,
    augment: s.augment,
    seed: s.seed,
    checkpoints: true,
  };
}

/** The settings a saved run was started with, so the panel shows what a resume will use. */
export function settingsOf(request: TrainRequest): TrainSettings {
  return { samples: request.dataset.count, seed: request.seed, config: structuredClone(request.config), augment: { ...request.augment } };
}
