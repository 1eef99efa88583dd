import { deleteProjectRecord, listProjects, readProjectBytes, writeProjectRecord } from '$lib/storage/database';
import { loadActiveProject, saveActiveProject } from '$lib/storage/ui-prefs';
import type { ProjectStore } from './project-library.svelte';

/** Projects in IndexedDB; the one on screen remembered in localStorage. */
export const browserProjectStore = (): ProjectStore => ({
  list: listProjects,
  read: readProjectBytes,
  write: writeProjectRecord,
  remove: deleteProjectRecord,
  loadActive: () => loadActiveProject(),
  saveActive: (id) => saveActiveProject(id),
});
