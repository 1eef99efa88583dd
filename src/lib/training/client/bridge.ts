import * as Comlink from 'comlink';
import type { TrainerApi } from '$lib/training/shared/protocol';

let remote: Comlink.Remote<TrainerApi> | undefined;

/** The one training worker of the page, started on first use so the editor opens without loading tfjs. */
export function trainer(): Comlink.Remote<TrainerApi> {
  remote ??= Comlink.wrap<TrainerApi>(
    new Worker(new URL('../../../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'netloom-trainer' }),
  );
  return remote;
}
