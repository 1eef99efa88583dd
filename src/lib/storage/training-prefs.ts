import { m } from '$lib/i18n/messages';
import { loadLocalRecord } from './local-record';
import { parseTrainingPrefs, trainingPrefsRecord, type TrainingPrefs } from './training-prefs-record';

export { parseTrainingPrefs, trainingPrefsRecord, type TrainingPrefs };

const KEY = 'netloom.training.settings';

/** The saved panel, or null when nothing was saved or it cannot be read. */
export function loadTrainingPrefs(storage: Storage = localStorage): TrainingPrefs | null {
  return loadLocalRecord(KEY, m.recordNouns_trainingSettings(), parseTrainingPrefs, storage);
}

export function saveTrainingPrefs(prefs: TrainingPrefs, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(trainingPrefsRecord(prefs)));
}
