import { m } from '$lib/i18n/messages';
import { validationCount } from '$lib/datasets/shared/dataset';
import { valueProblem, type ValueProblem } from '$lib/util/number-field';
import { AUGMENT_FIELDS, type AugmentConfig } from './augment';
import { OPTIMIZERS, OPTIMIZER_PARAMS, SCHEDULES, TRAINING_FIELDS, type NumberField, type TrainingConfig } from './config';
import type { TrainRequest } from './protocol';
import { memoryRefusal } from './memory';
import { analyzeGraph } from '$lib/spec/analyze';

/**
 * Problems of training settings, keyed by the setting's path ("batchSize", "optimizer.learningRate",
 * "schedule.base.gamma", "augment.translate", "customClassWeights.2"), so each is shown at its field.
 */
export type SettingsProblems = Record<string, ValueProblem>;

/** The generated dataset's size and seed: at least 20 samples, so training and validation both get some. */
export const RUN_FIELDS = {
  samples: { label: 'samples', min: 20, max: 20000, step: 20, integer: true },
  seed: { label: 'seed', min: 0, max: 2 ** 32 - 1, step: 1, integer: true },
} as const satisfies Record<string, NumberField>;

/** The share of samples held out for validation. */
export const VAL_FRACTION = 0.2;

export function trainingSampleCount(samples: number): number {
  return samples - validationCount(samples, VAL_FRACTION);
}

function check(problems: SettingsProblems, path: string, field: NumberField, value: unknown): void {
  const problem = valueProblem(m[`trainingFields_${field.label}`](), field, value);
  if (problem) problems[path] = problem;
}

/** Every setting a run reads; settings switched off (clipping, early stopping, augmentation) are not checked. */
export function configProblems(config: TrainingConfig, augment: AugmentConfig, samples: number): SettingsProblems {
  const problems: SettingsProblems = {};
  check(problems, 'samples', RUN_FIELDS.samples, samples);
  check(problems, 'epochs', TRAINING_FIELDS.epochs, config.epochs);
  check(problems, 'batchSize', TRAINING_FIELDS.batchSize, config.batchSize);
  const train = trainingSampleCount(samples);
  if (!problems.batchSize && !problems.samples && config.batchSize > train) {
    problems.batchSize = { severity: 'warning', message: m.batchOverTrainingSet({ batch: config.batchSize, train }) };
  }
  for (const param of OPTIMIZERS[config.optimizer.name]?.params ?? []) {
    check(problems, `optimizer.${param}`, OPTIMIZER_PARAMS[param], config.optimizer[param]);
  }
  check(problems, 'schedule.warmupEpochs', TRAINING_FIELDS.warmupEpochs, config.schedule.warmupEpochs);
  const base = config.schedule.base as unknown as Record<string, unknown>;
  for (const [key, field] of Object.entries(SCHEDULES[config.schedule.base.kind]?.fields ?? {}) as [string, NumberField][]) {
    check(problems, `schedule.base.${key}`, field, base[key]);
  }
  check(problems, 'labelSmoothing', TRAINING_FIELDS.labelSmoothing, config.labelSmoothing);
  check(problems, 'l2', TRAINING_FIELDS.l2, config.l2);
  if (config.classWeighting === 'custom') {
    config.customClassWeights.forEach((w, i) => check(problems, `customClassWeights.${i}`, TRAINING_FIELDS.classWeight, w));
  }
  if (config.gradientClip.enabled) check(problems, 'gradientClip.maxNorm', TRAINING_FIELDS.maxNorm, config.gradientClip.maxNorm);
  if (config.earlyStopping.enabled) {
    check(problems, 'earlyStopping.patience', TRAINING_FIELDS.patience, config.earlyStopping.patience);
    check(problems, 'earlyStopping.minDelta', TRAINING_FIELDS.minDelta, config.earlyStopping.minDelta);
  }
  if (augment.enabled) {
    for (const [key, field] of Object.entries(AUGMENT_FIELDS)) check(problems, `augment.${key}`, field, augment[key as keyof typeof AUGMENT_FIELDS]);
  }
  return problems;
}

export function hasErrors(problems: SettingsProblems): boolean {
  return Object.values(problems).some((p) => p.severity === 'error');
}

/**
 * What the worker refuses to start with (warnings do not stop a run). The UI checks first; this is
 * the second line, so a bad checkpoint or a caller that skipped the UI cannot hang the loop
 * (a batch size of 0 would make every epoch endless).
 */
export function requestErrors(request: TrainRequest): string[] {
  const problems = configProblems(request.config, request.augment, request.dataset.count);
  check(problems, 'seed', RUN_FIELDS.seed, request.seed);
  const errors = Object.values(problems)
    .filter((p) => p.severity === 'error')
    .map((p) => p.message);
  const memory = errors.length === 0 ? memoryRefusal(analyzeGraph(request.spec), request.config) : null;
  return memory ? [...errors, memory] : errors;
}
