/**
 * Reading records that are stored or exchanged (graph files, share links, checkpoints, caches):
 * every reader gets either a typed value or the reasons it was refused, never an exception, and
 * older records are brought up to date one version at a time before they are checked.
 */
import { m } from '$lib/i18n/messages';

/** What every parser returns. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export const accept = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const refuse = (...errors: string[]): Parsed<never> => ({ ok: false, errors });

export type Fields = Record<string, unknown>;

export const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Turns a record of one version into the next version's record (the format tag and version are set by readVersioned). */
export type Upgrade = (old: unknown) => unknown;

export interface VersionedFormat<T> {
  /** The `format` field that names the kind of record. */
  tag: string;
  /** `upgrades[n]` turns version n into n + 1, so the current version is `upgrades.length`. */
  upgrades: readonly Upgrade[];
  /**
   * What a user calls such a record, for the messages that refuse one (e.g. "graph"): a getter
   * that calls a message, so it is in the language of the moment a record is refused.
   */
  readonly noun: string;
  /** Checks a record of the current version. */
  validate: (record: Fields) => Parsed<T>;
}

export const currentVersion = (format: VersionedFormat<unknown>): number => format.upgrades.length;

/** The record as it is written: the data tagged with the format and the current version. */
export function stamp<D extends object>(format: VersionedFormat<unknown>, data: D): { format: string; version: number } & D {
  return { ...data, format: format.tag, version: currentVersion(format) };
}

/**
 * Reads a record of any version this code knows. A value without a `format` field (and without a
 * `version`) is version 0, the shape from before records were tagged; a version above the current
 * one was written by newer code and is refused rather than guessed at.
 */
export function readVersioned<T>(format: VersionedFormat<T>, value: unknown): Parsed<T> {
  const { tag, noun } = format;
  const current = currentVersion(format);
  const notRecord = m.recordNotOne({ noun });
  const tagged = isFields(value) && ('format' in value || 'version' in value);
  let version = 0;
  if (tagged) {
    if (value.format !== tag) return refuse(m.recordWrongFormat({ noun, found: JSON.stringify(value.format), expected: tag }));
    if (!Number.isInteger(value.version) || (value.version as number) < 1) return refuse(m.recordBadVersion({ noun, found: JSON.stringify(value.version), current }));
    version = value.version as number;
    if (version > current) return refuse(m.recordNewer({ noun, found: version, current }));
  }
  let record = value;
  for (; version < current; version++) {
    record = upgradeOrNull(format.upgrades[version], record);
    if (!isFields(record)) return refuse(notRecord);
    record = { ...record, format: tag, version: version + 1 };
  }
  return isFields(record) ? format.validate(record) : refuse(notRecord);
}

/** Upgrades may assume the shape their version had: one that fails on a different value means the value was not such a record. */
function upgradeOrNull(upgrade: Upgrade, old: unknown): unknown {
  try {
    return upgrade(old);
  } catch {
    return null;
  }
}
