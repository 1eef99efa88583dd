/**
 * Early stopping on validation loss, as Keras's EarlyStopping(monitor='val_loss'): an epoch
 * improves when its loss is below the best so far by more than `minDelta`; training stops after
 * `patience` epochs in a row without improvement.
 *
 * A reducer over plain data rather than a class, so the state can be saved in a checkpoint and
 * sent through postMessage, and a resumed run stops exactly where an uninterrupted one would.
 */

export interface EarlyStoppingOptions {
  patience: number;
  minDelta: number;
}

export interface EarlyStoppingState {
  /** Validation losses seen so far; the next one belongs to epoch index `epochs` (0-based). */
  epochs: number;
  /** 0-based index of the best epoch, -1 before the first. */
  bestEpoch: number;
  /** null before the first epoch (JSON cannot hold Infinity). */
  bestLoss: number | null;
  /** Epochs in a row without improvement. */
  wait: number;
  /** The last epoch was a new best: the moment to keep a copy of the weights. */
  improved: boolean;
  stop: boolean;
}

export const INITIAL_EARLY_STOPPING: EarlyStoppingState = {
  epochs: 0,
  bestEpoch: -1,
  bestLoss: null,
  wait: 0,
  improved: false,
  stop: false,
};

/** The state after one more epoch. A NaN loss never improves, so a diverged run runs out of patience. */
export function observeValLoss(state: EarlyStoppingState, valLoss: number, opts: EarlyStoppingOptions): EarlyStoppingState {
  const epoch = state.epochs;
  const improved = state.bestLoss === null ? !Number.isNaN(valLoss) : valLoss < state.bestLoss - opts.minDelta;
  if (improved) return { epochs: epoch + 1, bestEpoch: epoch, bestLoss: valLoss, wait: 0, improved, stop: false };
  const wait = state.wait + 1;
  return { ...state, epochs: epoch + 1, wait, improved, stop: wait >= opts.patience };
}
