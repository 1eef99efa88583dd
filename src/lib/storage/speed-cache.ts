/**
 * The record of measured backend speeds that 'auto' keeps per device and model size. A cache: a
 * record that cannot be read is measured again, so only the current version needs to be exact.
 */
import { TFJS_BACKENDS } from '$lib/devices/shared/table';
import { m } from '$lib/i18n/messages';
import type { BackendName, BackendSpeed } from '$lib/training/shared/protocol';
import { accept, isFields, readVersioned, refuse, stamp, type Parsed, type VersionedFormat } from '$lib/util/versioned';

const SPEEDS_RECORD: VersionedFormat<BackendSpeed[]> = {
  tag: 'netloom-backend-speeds',
  get noun() {
    return m.recordNouns_speeds();
  },
  // Version 0 stored the list of speeds itself; version 1 wraps it in a tagged record.
  upgrades: [(v0) => ({ speeds: v0 })],
  validate: record => (Array.isArray(record.speeds) && record.speeds.every(isSpeed) ? accept(record.speeds) : refuse(m.recordNotOne({ noun: m.recordNouns_speeds() }))),
};

const isSpeed = (v: unknown): v is BackendSpeed =>
  isFields(v) && TFJS_BACKENDS.includes(v.name as BackendName) && typeof v.samplesPerSec === 'number' && v.samplesPerSec > 0 && Number.isFinite(v.samplesPerSec);

export function storedSpeeds(speeds: BackendSpeed[]): { format: string; version: number; speeds: BackendSpeed[] } {
  return stamp(SPEEDS_RECORD, { speeds });
}

export function parseSpeeds(value: unknown): Parsed<BackendSpeed[]> {
  return readVersioned(SPEEDS_RECORD, value);
}
