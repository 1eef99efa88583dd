/**
 * The preprocessing a user set for each foreign ONNX model, kept in localStorage under a hash of
 * the file: opening the same file again brings its settings back.
 */
import { m } from '$lib/i18n/messages';
import { LAYOUTS, VALUE_RANGES, type ForeignPreprocess } from '$lib/onnx/foreign/input';
import { accept, readVersioned, refuse, stamp, type Fields, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import { loadLocalRecord } from './local-record';

const key = (hash: string) => `netloom.foreign.${hash}`;

const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => Number.isFinite(x));

function validate(record: Fields): Parsed<ForeignPreprocess> {
  const { layout, range, mean, std, labels } = record;
  if (!LAYOUTS.includes(layout as never) || !VALUE_RANGES.includes(range as never)) return refuse(m.recordNotOne({ noun: m.foreignPrepNoun() }));
  if (!numbers(mean) || !numbers(std) || std.some((s) => s === 0)) return refuse(m.recordNotOne({ noun: m.foreignPrepNoun() }));
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) return refuse(m.recordNotOne({ noun: m.foreignPrepNoun() }));
  return accept({ layout, range, mean, std, labels } as ForeignPreprocess);
}

const FORMAT: VersionedFormat<ForeignPreprocess> = {
  tag: 'netloom.foreign-preprocess',
  get noun() {
    return m.foreignPrepNoun();
  },
  upgrades: [(v0) => v0],
  validate,
};

export function loadForeignPreprocess(hash: string, storage: Storage = localStorage): ForeignPreprocess | null {
  return loadLocalRecord(key(hash), FORMAT.noun, (value) => readVersioned(FORMAT, value), storage);
}

export function saveForeignPreprocess(hash: string, prep: ForeignPreprocess, storage: Storage = localStorage): void {
  storage.setItem(key(hash), JSON.stringify(stamp(FORMAT, prep)));
}
