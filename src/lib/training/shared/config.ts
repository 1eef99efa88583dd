/**
 * Training configuration: plain serializable data (it crosses postMessage and is saved with
 * projects), plus the metadata a settings panel needs to render a control for every field
 * without knowing the optimizers itself. No tfjs here: the worker turns this into tensors.
 */
import type { MessageSuffix } from '$lib/i18n/messages';
import type { NumberRange } from '$lib/util/number-field';

export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'adamw' | 'rmsprop' | 'lion';

export interface OptimizerConfig {
  name: OptimizerName;
  learningRate: number;
  /** momentum, nesterov, rmsprop. */
  momentum?: number;
  /** adam, adamw, lion: decay of the first moment (for lion: the interpolation used for the update). */
  beta1?: number;
  /** adam, adamw, lion: decay of the second moment (for lion: of the momentum that is kept). */
  beta2?: number;
  /** adam, adamw, rmsprop. */
  epsilon?: number;
  /** adamw, lion: decoupled decay; each step removes lr·weightDecay·w from every weight. */
  weightDecay?: number;
  /** rmsprop: decay of the mean squared gradient. */
  rho?: number;
}

/** The optional hyperparameters, i.e. every field a control may exist for besides the name. */
export type OptimizerParam = Exclude<keyof OptimizerConfig, 'name'>;

export type ScheduleConfig =
  | { kind: 'constant' }
  | { kind: 'step'; stepEpochs: number; gamma: number }
  | { kind: 'exponential'; gamma: number }
  | { kind: 'cosine'; minFactor: number };

export type ScheduleKind = ScheduleConfig['kind'];

export interface LrScheduleConfig {
  base: ScheduleConfig;
  /** Epochs of linear ramp from 0 to the base learning rate before `base` starts. */
  warmupEpochs: number;
}

/** 'custom' uses `TrainingConfig.customClassWeights`, one per class, as the user edited them. */
export type ClassWeighting = 'none' | 'balanced' | 'custom';

/** Toggles keep their value while off so switching back restores what the user had typed. */
export interface GradientClipConfig {
  enabled: boolean;
  maxNorm: number;
}

export interface EarlyStoppingConfig {
  enabled: boolean;
  patience: number;
  minDelta: number;
}

export interface TrainingConfig {
  epochs: number;
  batchSize: number;
  optimizer: OptimizerConfig;
  schedule: LrScheduleConfig;
  labelSmoothing: number;
  classWeighting: ClassWeighting;
  customClassWeights: number[];
  /** λ of an L2 penalty λ·Σw² on kernels, added to the loss; for optimizers without decoupled decay. */
  l2: number;
  gradientClip: GradientClipConfig;
  earlyStopping: EarlyStoppingConfig;
}

/**
 * One numeric setting: its allowed range (checked by `configProblems` before a run and again in the
 * worker), spinner step, and `label`, a key into the `trainingFields_` messages (help text under the same
 * key among the `trainingHelp_` ones).
 */
export interface NumberField extends NumberRange {
  label: TrainingFieldLabel;
  step: number;
  /** Values span decades (learning rate, ε): the spinner steps freely. */
  log?: boolean;
}

export type TrainingFieldLabel = MessageSuffix<'trainingFields_'>;

export const OPTIMIZER_PARAMS: { [P in OptimizerParam]: NumberField } = {
  // Any finite rate ≥ 0 runs; outside the advised range it is flagged (0 never moves, > 1 usually diverges).
  learningRate: { label: 'learningRate', min: 0, max: Infinity, step: 1e-6, log: true, advised: { min: 1e-6, max: 1 } },
  momentum: { label: 'momentum', min: 0, max: 0.999, step: 0.01 },
  beta1: { label: 'beta1', min: 0, max: 0.999, step: 0.01 },
  beta2: { label: 'beta2', min: 0, max: 0.9999, step: 0.0001 },
  epsilon: { label: 'epsilon', min: 1e-10, max: 1e-3, step: 1e-10, log: true },
  weightDecay: { label: 'weightDecay', min: 0, max: 1, step: 0.001 },
  rho: { label: 'rho', min: 0, max: 0.999, step: 0.01 },
};

/** Labels and summaries are the messages `optimizers_<name>_label` and `…_summary`. */
export interface OptimizerInfo {
  /** Complete: every field in `params` has a value, so the worker never guesses. */
  defaults: OptimizerConfig;
  /** The fields this optimizer reads, in display order. */
  params: readonly OptimizerParam[];
}

export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'lion'];

// Epsilon 1e-7 matches Keras and tfjs's float32 default; smaller values vanish next to float32 rounding.
export const OPTIMIZERS: { [N in OptimizerName]: OptimizerInfo } = {
  sgd: {
    defaults: { name: 'sgd', learningRate: 0.01 },
    params: ['learningRate'],
  },
  momentum: {
    defaults: { name: 'momentum', learningRate: 0.01, momentum: 0.9 },
    params: ['learningRate', 'momentum'],
  },
  nesterov: {
    defaults: { name: 'nesterov', learningRate: 0.01, momentum: 0.9 },
    params: ['learningRate', 'momentum'],
  },
  adam: {
    defaults: { name: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    params: ['learningRate', 'beta1', 'beta2', 'epsilon'],
  },
  adamw: {
    defaults: { name: 'adamw', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 },
    params: ['learningRate', 'weightDecay', 'beta1', 'beta2', 'epsilon'],
  },
  rmsprop: {
    defaults: { name: 'rmsprop', learningRate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-7 },
    params: ['learningRate', 'rho', 'momentum', 'epsilon'],
  },
  // Lion moves every weight by a full ±lr each step, more than Adam's typical step, hence the 10×
  // smaller learning rate; weight decay is 10× larger so that lr·weightDecay (the actual shrink per
  // step) matches AdamW's defaults.
  lion: {
    defaults: { name: 'lion', learningRate: 1e-4, beta1: 0.9, beta2: 0.99, weightDecay: 0.1 },
    params: ['learningRate', 'weightDecay', 'beta1', 'beta2'],
  },
};

/** A fresh copy, so editing the result never changes the shared defaults. */
export function defaultOptimizer(name: OptimizerName): OptimizerConfig {
  return { ...OPTIMIZERS[name].defaults };
}

/** Labels and summaries are the messages `schedules_<kind>_label` and `…_summary`. */
export interface ScheduleInfo<K extends ScheduleKind = ScheduleKind> {
  defaults: Extract<ScheduleConfig, { kind: K }>;
  /** Controls for the kind's own fields; gamma means a different thing for step and exponential. */
  fields: { [F in Exclude<keyof Extract<ScheduleConfig, { kind: K }>, 'kind'>]: NumberField };
}

export const SCHEDULES: { [K in ScheduleKind]: ScheduleInfo<K> } = {
  constant: {
    defaults: { kind: 'constant' },
    fields: {},
  },
  step: {
    defaults: { kind: 'step', stepEpochs: 10, gamma: 0.1 },
    fields: {
      stepEpochs: { label: 'stepEpochs', min: 1, max: 1000, step: 1, integer: true },
      gamma: { label: 'stepGamma', min: 0.01, max: 1, step: 0.01 },
    },
  },
  exponential: {
    defaults: { kind: 'exponential', gamma: 0.95 },
    fields: { gamma: { label: 'exponentialGamma', min: 0.5, max: 1, step: 0.001 } },
  },
  cosine: {
    defaults: { kind: 'cosine', minFactor: 0.01 },
    fields: { minFactor: { label: 'minFactor', min: 0, max: 1, step: 0.01 } },
  },
};

export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['constant', 'step', 'exponential', 'cosine'];

/** Controls for the fields of `TrainingConfig` that are plain numbers (flattened paths). */
export const TRAINING_FIELDS = {
  epochs: { label: 'epochs', min: 1, max: 1000, step: 1, integer: true },
  batchSize: { label: 'batchSize', min: 1, max: 4096, step: 1, integer: true },
  warmupEpochs: { label: 'warmupEpochs', min: 0, max: 100, step: 0.5 },
  labelSmoothing: { label: 'labelSmoothing', min: 0, max: 0.5, step: 0.01 },
  l2: { label: 'l2', min: 0, max: 0.1, step: 0.0001 },
  maxNorm: { label: 'maxNorm', min: 0.01, max: 100, step: 0.01, log: true },
  patience: { label: 'patience', min: 0, max: 100, step: 1, integer: true },
  minDelta: { label: 'minDelta', min: 0, max: 1, step: 0.0001 },
  classWeight: { label: 'classWeight', min: 0, max: 100, step: 0.1 },
} as const satisfies Record<string, NumberField>;

/** Shared: take a `structuredClone` before editing it. */
export const DEFAULT_TRAINING: TrainingConfig = {
  epochs: 20,
  batchSize: 32,
  optimizer: defaultOptimizer('adam'),
  schedule: { base: { kind: 'constant' }, warmupEpochs: 0 },
  labelSmoothing: 0,
  classWeighting: 'none',
  customClassWeights: [],
  l2: 0,
  gradientClip: { enabled: false, maxNorm: 1 },
  earlyStopping: { enabled: false, patience: 5, minDelta: 0 },
};
