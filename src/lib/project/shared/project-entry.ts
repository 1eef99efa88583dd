/** The list entry of a project kept in the browser: what the project list shows without reading the project itself. */
import { accept, readVersioned, refuse, stamp, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import { m } from '$lib/i18n/messages';

export interface ProjectEntry {
  id: string;
  /** The graph's name: user text, shown as text only. */
  name: string;
  /** When it was last saved (ms since the epoch). */
  updated: number;
}

const ENTRY_RECORD: VersionedFormat<ProjectEntry> = {
  tag: 'netloom.project-entry',
  get noun() {
    return m.recordNouns_projectEntry();
  },
  upgrades: [(v0) => v0],
  validate: ({ id, name, updated }) =>
    typeof id === 'string' && typeof name === 'string' && Number.isFinite(updated)
      ? accept({ id, name, updated: updated as number })
      : refuse(m.recordNotOne({ noun: m.recordNouns_projectEntry() })),
};

export const parseProjectEntry = (value: unknown): Parsed<ProjectEntry> => readVersioned(ENTRY_RECORD, value);

export const storedProjectEntry = (entry: ProjectEntry) => stamp(ENTRY_RECORD, entry);
