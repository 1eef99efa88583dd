const TRAINING_OPEN = 'netloom.ui.trainingPanelOpen';

/** Whether the training panel is shown; it stays as the user left it across reloads. */
export function loadTrainingPanelOpen(storage: Storage = localStorage): boolean {
  return storage.getItem(TRAINING_OPEN) !== 'false';
}

export function saveTrainingPanelOpen(open: boolean, storage: Storage = localStorage): void {
  storage.setItem(TRAINING_OPEN, String(open));
}
