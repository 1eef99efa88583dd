import type { Parsed } from '$lib/util/versioned';
import { m } from '$lib/i18n/messages';
import { recordProblems } from './record-problems.svelte';

/** Where the text of an unreadable record is kept. */
export const keptKey = (key: string): string => `${key}.unreadable`;

/**
 * A JSON record kept in localStorage, read through its format's parser: null when nothing was
 * saved or it cannot be read. The page saves over the record as soon as it runs, so the text of an
 * unreadable one is first copied to `keptKey(key)` and reported in `recordProblems`.
 */
export function loadLocalRecord<T>(key: string, noun: string, parse: (value: unknown) => Parsed<T>, storage: Storage): T | null {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  const parsed = parseJson(raw, parse);
  if (parsed.ok) return parsed.value;
  storage.setItem(keptKey(key), raw);
  recordProblems.push({ noun, reasons: parsed.errors, keptAs: keptKey(key) });
  return null;
}

function parseJson<T>(raw: string, parse: (value: unknown) => Parsed<T>): Parsed<T> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, errors: [m.recordNotJson()] };
  }
  return parse(value);
}
