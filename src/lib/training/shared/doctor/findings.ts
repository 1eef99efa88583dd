/**
 * The training doctor's contract: what its rules read (a run's history and settings) and what they
 * report. Findings are plain data (the epoch range and the numbers a sentence needs); the words are
 * in `messages`, so one finding reads the same wherever it is shown.
 */
import type { TrainingConfig } from '../config';
import type { DoneReason, EpochPoint } from '../protocol';

/** The settings the rules look at. */
export type DoctorConfig = Pick<TrainingConfig, 'epochs' | 'batchSize' | 'optimizer' | 'schedule' | 'earlyStopping' | 'classWeighting'>;

export interface DoctorInput {
  /** Completed epochs so far, oldest first. */
  epochs: readonly EpochPoint[];
  config: DoctorConfig;
  /** The 1-based best epoch the run tracks (with early stopping on), else null. */
  bestEpoch: number | null;
  /** How the run ended; null while it runs. */
  outcome: DoneReason | null;
  /** The training split's classes: names (a user's own, for their dataset) and sample counts. */
  classes: { names: readonly string[]; counts: readonly number[] } | null;
  /** `confusion[t][p]`: validation samples of true class t predicted as p, once an evaluation exists. */
  confusion: readonly (readonly number[])[] | null;
}

/** problem: the run is failing; warning: it works but is going wrong; advice: a setting works against the run. */
export type Severity = 'problem' | 'warning' | 'advice';

/** 1-based, inclusive. */
export interface EpochRange {
  first: number;
  last: number;
}

/** About a stretch of the run. */
interface Seen {
  severity: Severity;
  epochs: EpochRange;
}

/** About the setup (data, settings) rather than a stretch of the run. */
interface Setup {
  severity: Severity;
  epochs: null;
}

export type Finding =
  | (Seen & { rule: 'divergence'; cause: 'not-finite' | 'growing'; tryLearningRate: number })
  | (Seen & { rule: 'overfitting'; bestEpoch: number; bestValLoss: number; valLoss: number; bestKept: boolean })
  | (Seen & { rule: 'plateau'; loss: number; tryLearningRate: number; scheduled: boolean })
  | (Seen & { rule: 'underfitting'; trainAcc: number })
  | (Setup & { rule: 'imbalance'; source: 'samples'; largest: string; smallest: string; ratio: number })
  | (Setup & { rule: 'imbalance'; source: 'errors'; className: string; errorShare: number; weighted: boolean; underrepresented: boolean })
  | (Seen & { rule: 'long-warmup'; warmupEpochs: number; totalEpochs: number; tryWarmupEpochs: number })
  | (Setup & { rule: 'large-batch'; batchSize: number; trainSamples: number; stepsPerEpoch: number; tryBatchSize: number });

export type RuleId = Finding['rule'];

/** One rule: what it finds in the input, or null when the run shows nothing of its kind. */
export type Rule = (input: DoctorInput) => Finding | null;
