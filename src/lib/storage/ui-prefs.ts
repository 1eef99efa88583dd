const TRAINING_OPEN = 'netloom.ui.trainingPanelOpen';

/** Whether the training panel is shown; it stays as the user left it across reloads. */
export function loadTrainingPanelOpen(storage: Storage = localStorage): boolean {
  return storage.getItem(TRAINING_OPEN) !== 'false';
}

export function saveTrainingPanelOpen(open: boolean, storage: Storage = localStorage): void {
  storage.setItem(TRAINING_OPEN, String(open));
}

const MINIMAP = 'netloom.ui.minimapShown';

/** Whether the canvas shows its minimap: as the user last left it, else `fallback` (it costs a small canvas too much room). */
export function loadMinimapShown(fallback: boolean, storage: Storage = localStorage): boolean {
  const saved = storage.getItem(MINIMAP);
  return saved === null ? fallback : saved === 'true';
}

export function saveMinimapShown(shown: boolean, storage: Storage = localStorage): void {
  storage.setItem(MINIMAP, String(shown));
}

const WORKSPACE = 'netloom.ui.workspace';

export type Workspace = 'model' | 'data' | 'live';

const WORKSPACES: readonly Workspace[] = ['model', 'data', 'live'];

/** Whether the graph editor, the data view or the live demo fills the window; as the user left it. */
export function loadWorkspace(storage: Storage = localStorage): Workspace {
  const saved = storage.getItem(WORKSPACE);
  return WORKSPACES.find((w) => w === saved) ?? 'model';
}

export function saveWorkspace(workspace: Workspace, storage: Storage = localStorage): void {
  storage.setItem(WORKSPACE, workspace);
}

const OPEN_DATASET = 'netloom.ui.openDataset';

/** The id of the user's dataset last open in the data view. */
export function loadOpenDataset(storage: Storage = localStorage): string | null {
  return storage.getItem(OPEN_DATASET);
}

export function saveOpenDataset(id: string, storage: Storage = localStorage): void {
  storage.setItem(OPEN_DATASET, id);
}

const ACTIVE_PROJECT = 'netloom.projects.active';

/** The id of the project on screen, so a reload reopens it. */
export function loadActiveProject(storage: Storage = localStorage): string | null {
  return storage.getItem(ACTIVE_PROJECT);
}

export function saveActiveProject(id: string, storage: Storage = localStorage): void {
  storage.setItem(ACTIVE_PROJECT, id);
}

const LANGUAGE = 'netloom.ui.language';

/** The language the user picked here, if any (it beats the browser's languages). */
export function loadLanguage(storage: Storage = localStorage): string | null {
  return storage.getItem(LANGUAGE);
}

export function saveLanguage(language: string, storage: Storage = localStorage): void {
  storage.setItem(LANGUAGE, language);
}
