/**
 * What the training doctor reads from the session. A stored run (a checkpoint offered for resuming,
 * a project's run) brings back its history, settings and classes, so its findings are computed
 * again on load rather than stored: the rules are pure, so they come out the same.
 */
import type { DoctorInput } from '$lib/training/shared/doctor/findings';
import type { TrainingSession } from './session.svelte';

type SessionView = Pick<TrainingSession, 'epochs' | 'bestEpoch' | 'status' | 'outcome' | 'classInfo' | 'trainedConfig' | 'settings'>;

/** `confusion`: the evaluation of the run's model on its held-out split, once there is one. */
export function doctorInput(session: SessionView, confusion: DoctorInput['confusion'] = null): DoctorInput {
  return {
    epochs: session.epochs,
    config: session.trainedConfig ?? session.settings.config,
    bestEpoch: session.bestEpoch,
    outcome: session.status === 'done' ? session.outcome : null,
    classes: session.classInfo && { names: session.classInfo.classes, counts: session.classInfo.counts },
    confusion,
  };
}

/** From the moment a run trains (its setup can already be judged) until the panel is cleared. */
export function doctorShown(session: SessionView): boolean {
  return session.epochs.length > 0 || session.status === 'training' || session.outcome === 'diverged';
}
