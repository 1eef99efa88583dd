import { parseSpec } from '$lib/spec/parse';
import type { GraphSpec } from '$lib/spec/types';

const KEY = 'netloom.autosave.spec';

/** The last edited graph, upgraded to the current version; null when nothing was saved or it cannot be read. */
export function loadAutosavedSpec(storage: Storage = localStorage): GraphSpec | null {
  const raw = storage.getItem(KEY);
  if (raw === null) return null;
  try {
    const parsed = parseSpec(JSON.parse(raw));
    return parsed.ok ? parsed.value : null;
  } catch {
    return null;
  }
}

export function autosaveSpec(spec: GraphSpec, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(spec));
}
