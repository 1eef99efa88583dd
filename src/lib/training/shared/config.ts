/**
 * Training configuration: plain serializable data (it crosses postMessage and is saved with
 * projects), plus the metadata a settings panel needs to render a control for every field
 * without knowing the optimizers itself. No tfjs here: the worker turns this into tensors.
 */

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

/** How to render one numeric field: bounds for validation, `log` for a logarithmic slider. */
export interface NumberField {
  label: string;
  min: number;
  max: number;
  step: number;
  log?: boolean;
  integer?: boolean;
  help: string;
}

export const OPTIMIZER_PARAMS: { [P in OptimizerParam]: NumberField } = {
  learningRate: {
    label: 'Learning rate',
    min: 1e-6,
    max: 1,
    step: 1e-6,
    log: true,
    help: 'Step size. Too high and the loss jumps or becomes NaN; too low and it barely moves.',
  },
  momentum: { label: 'Momentum', min: 0, max: 0.999, step: 0.01, help: 'Fraction of the previous update carried into the next.' },
  beta1: { label: 'β₁', min: 0, max: 0.999, step: 0.01, help: 'Averaging of the gradient (momentum).' },
  beta2: { label: 'β₂', min: 0, max: 0.9999, step: 0.0001, help: 'Averaging of the second moment.' },
  epsilon: { label: 'ε', min: 1e-10, max: 1e-3, step: 1e-10, log: true, help: 'Keeps the division stable when gradients are tiny.' },
  weightDecay: {
    label: 'Weight decay',
    min: 0,
    max: 1,
    step: 0.001,
    help: 'Shrinks every weight towards zero each step, independently of the gradient.',
  },
  rho: { label: 'ρ', min: 0, max: 0.999, step: 0.01, help: 'Averaging of the squared gradient.' },
};

export interface OptimizerInfo {
  label: string;
  summary: string;
  /** Complete: every field in `params` has a value, so the worker never guesses. */
  defaults: OptimizerConfig;
  /** The fields this optimizer reads, in display order. */
  params: readonly OptimizerParam[];
}

export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'lion'];

// Epsilon 1e-7 matches Keras and tfjs's float32 default; smaller values vanish next to float32 rounding.
export const OPTIMIZERS: { [N in OptimizerName]: OptimizerInfo } = {
  sgd: {
    label: 'SGD',
    summary: 'Plain gradient descent.',
    defaults: { name: 'sgd', learningRate: 0.01 },
    params: ['learningRate'],
  },
  momentum: {
    label: 'SGD + momentum',
    summary: 'Gradient descent that keeps rolling in the direction it was going.',
    defaults: { name: 'momentum', learningRate: 0.01, momentum: 0.9 },
    params: ['learningRate', 'momentum'],
  },
  nesterov: {
    label: 'Nesterov',
    summary: 'Momentum that looks one step ahead; often a little steadier.',
    defaults: { name: 'nesterov', learningRate: 0.01, momentum: 0.9 },
    params: ['learningRate', 'momentum'],
  },
  adam: {
    label: 'Adam',
    summary: 'Adapts the step size per weight. A safe first choice.',
    defaults: { name: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    params: ['learningRate', 'beta1', 'beta2', 'epsilon'],
  },
  adamw: {
    label: 'AdamW',
    summary: 'Adam with weight decay kept separate from the gradient (Loshchilov & Hutter).',
    defaults: { name: 'adamw', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 },
    params: ['learningRate', 'weightDecay', 'beta1', 'beta2', 'epsilon'],
  },
  rmsprop: {
    label: 'RMSprop',
    summary: 'Divides each step by a running size of recent gradients.',
    defaults: { name: 'rmsprop', learningRate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-7 },
    params: ['learningRate', 'rho', 'momentum', 'epsilon'],
  },
  // Lion moves every weight by a full ±lr each step, more than Adam's typical step, hence the 10×
  // smaller learning rate; weight decay is 10× larger so that lr·weightDecay (the actual shrink per
  // step) matches AdamW's defaults.
  lion: {
    label: 'Lion',
    summary: 'Moves every weight by the same amount, in the sign of its momentum (Chen et al. 2023).',
    defaults: { name: 'lion', learningRate: 1e-4, beta1: 0.9, beta2: 0.99, weightDecay: 0.1 },
    params: ['learningRate', 'weightDecay', 'beta1', 'beta2'],
  },
};

/** A fresh copy, so editing the result never changes the shared defaults. */
export function defaultOptimizer(name: OptimizerName): OptimizerConfig {
  return { ...OPTIMIZERS[name].defaults };
}

export interface ScheduleInfo<K extends ScheduleKind = ScheduleKind> {
  label: string;
  summary: string;
  defaults: Extract<ScheduleConfig, { kind: K }>;
  /** Controls for the kind's own fields; gamma means a different thing for step and exponential. */
  fields: { [F in Exclude<keyof Extract<ScheduleConfig, { kind: K }>, 'kind'>]: NumberField };
}

export const SCHEDULES: { [K in ScheduleKind]: ScheduleInfo<K> } = {
  constant: {
    label: 'Constant',
    summary: 'The same learning rate throughout.',
    defaults: { kind: 'constant' },
    fields: {},
  },
  step: {
    label: 'Step',
    summary: 'Multiplies the learning rate by γ every few epochs.',
    defaults: { kind: 'step', stepEpochs: 10, gamma: 0.1 },
    fields: {
      stepEpochs: { label: 'Every (epochs)', min: 1, max: 1000, step: 1, integer: true, help: 'Epochs between drops.' },
      gamma: { label: 'γ', min: 0.01, max: 1, step: 0.01, help: 'Factor applied at each drop.' },
    },
  },
  exponential: {
    label: 'Exponential',
    summary: 'Multiplies the learning rate by γ per epoch, smoothly.',
    defaults: { kind: 'exponential', gamma: 0.95 },
    fields: { gamma: { label: 'γ', min: 0.5, max: 1, step: 0.001, help: 'Factor per epoch.' } },
  },
  cosine: {
    label: 'Cosine',
    summary: 'Follows half a cosine from the base rate down to a fraction of it at the last epoch.',
    defaults: { kind: 'cosine', minFactor: 0.01 },
    fields: { minFactor: { label: 'Final factor', min: 0, max: 1, step: 0.01, help: 'Final rate as a fraction of the base rate.' } },
  },
};

export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['constant', 'step', 'exponential', 'cosine'];

/** Controls for the fields of `TrainingConfig` that are plain numbers (flattened paths). */
export const TRAINING_FIELDS = {
  epochs: { label: 'Epochs', min: 1, max: 1000, step: 1, integer: true, help: 'Passes over the training set.' },
  batchSize: { label: 'Batch size', min: 1, max: 1024, step: 1, integer: true, help: 'Samples per step.' },
  warmupEpochs: {
    label: 'Warm-up (epochs)',
    min: 0,
    max: 100,
    step: 0.5,
    help: 'Ramp the learning rate up from 0; helps Adam-style optimizers and large batches start stably.',
  },
  labelSmoothing: {
    label: 'Label smoothing',
    min: 0,
    max: 0.5,
    step: 0.01,
    help: 'Trains towards 1 − ε for the true class instead of 1, which discourages over-confidence.',
  },
  l2: {
    label: 'L2 (λ)',
    min: 0,
    max: 0.1,
    step: 0.0001,
    help: 'Adds λ·Σw² of the kernels to the loss. AdamW and Lion decay weights themselves; use their weight decay instead.',
  },
  maxNorm: { label: 'Clip gradient norm', min: 0.01, max: 100, step: 0.01, log: true, help: 'Largest allowed global gradient norm.' },
  patience: { label: 'Patience (epochs)', min: 0, max: 100, step: 1, integer: true, help: 'Epochs without improvement before stopping.' },
  minDelta: { label: 'Min. improvement', min: 0, max: 1, step: 0.0001, help: 'Smaller drops in validation loss do not count.' },
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
