import { deleteProjectRecord, listProjects, readProjectBytes, writeProjectRecord } from '$lib/storage/database';
import { loadActiveProject, saveActiveProject } from '$lib/storage/ui-prefs';
import { keepStorage } from '$lib/storage/quota';
import type { ProjectStore } from './project-library.svelte';

/** Projects in IndexedDB; the one on screen remembered in localStorage. */
export const browserProjectStore = (): ProjectStore => ({
  list: listProjects,
  read: readProjectBytes,
  write: async (entry, bytes) => {
    await writeProjectRecord(entry, bytes);
    // A classroom laptop low on disk must not evict the projects: ask once something is kept.
    void keepStorage();
  },
  remove: deleteProjectRecord,
  loadActive: () => loadActiveProject(),
  saveActive: (id) => saveActiveProject(id),
});
