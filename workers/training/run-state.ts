import { INITIAL_EARLY_STOPPING, type EarlyStoppingState } from '$lib/training/shared/early-stopping';
import type { TrainHistory } from '$lib/training/shared/protocol';

/** The loop's progress as plain data: what a checkpoint saves besides tensors. */
export interface RunState {
  /** Completed epochs. */
  epoch: number;
  step: number;
  rngState: number;
  earlyStopping: EarlyStoppingState;
  history: TrainHistory;
}

export function initialRunState(seed: number): RunState {
  return {
    epoch: 0,
    step: 0,
    // Offset from the seed the dataset and initialisers use, so shuffling draws its own stream.
    rngState: (seed ^ 0x5bd1e995) >>> 0,
    earlyStopping: { ...INITIAL_EARLY_STOPPING },
    history: { batches: [], epochs: [], bestEpoch: null },
  };
}
