import type * as tfType from '@tensorflow/tfjs';
import type { TrainEvent, TrainRequest } from '$lib/training/shared/protocol';
import { saveCheckpoint } from '$lib/storage/database';
import type { Checkpoint } from '$lib/training/shared/checkpoint';
import { loadDataset } from '$workers/datasets/load-dataset';
import type { RunControl } from './control';
import { trainOnSplit, type RunResult } from './train-on-split';
import { requestErrors } from '$lib/training/shared/validate';
import { m } from '$lib/i18n/messages';

export type { RunResult };

/**
 * One training run in the worker, new or continued from a checkpoint: checks the request, loads
 * its dataset, trains (train-on-split.ts), and writes a checkpoint to IndexedDB after each epoch.
 * The caller owns the returned model.
 */
export async function runTraining(
  tf: typeof tfType,
  request: TrainRequest,
  resumeFrom: Checkpoint | undefined,
  control: RunControl,
  emit: (event: TrainEvent) => void,
): Promise<RunResult> {
  // The UI never sends these, but a stored checkpoint or another caller might: a batch size of 0 loops forever.
  const errors = requestErrors(request);
  if (errors.length > 0) throw new Error(m.invalidSettings({ problems: errors.join(' ') }));
  const split = await loadDataset(request.dataset);
  return trainOnSplit(tf, request, split, resumeFrom, control, emit, saveCheckpoint);
}
