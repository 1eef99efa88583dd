import { parseSpec } from '$lib/spec/parse';
import type { GraphSpec } from '$lib/spec/types';
import { m } from '$lib/i18n/messages';
import { loadLocalRecord } from './local-record';

const KEY = 'netloom.autosave.spec';

/** The last edited graph, upgraded to the current version; null when nothing was saved or it cannot be read. */
export function loadAutosavedSpec(storage: Storage = localStorage): GraphSpec | null {
  return loadLocalRecord(KEY, m.recordNouns_graph(), parseSpec, storage);
}

export function autosaveSpec(spec: GraphSpec, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(spec));
}
