import { SPEC_FORMAT, type GraphSpec } from '$lib/spec/types';

const KEY = 'netloom.autosave.spec';

/** The last edited graph, or null when there is none or it cannot be read (it is then left in place, untouched). */
export function loadAutosavedSpec(storage: Storage = localStorage): GraphSpec | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const spec = JSON.parse(raw) as GraphSpec;
    return spec?.format === SPEC_FORMAT && Array.isArray(spec.nodes) ? spec : null;
  } catch {
    return null;
  }
}

export function autosaveSpec(spec: GraphSpec, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(spec));
}
