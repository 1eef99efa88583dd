import type { Parsed } from '$lib/util/versioned';

/**
 * A JSON record kept in localStorage, read through its format's parser: null when nothing was
 * saved or it cannot be read (the stored text is then left in place, untouched).
 */
export function loadLocalRecord<T>(key: string, parse: (value: unknown) => Parsed<T>, storage: Storage): T | null {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  try {
    const parsed = parse(JSON.parse(raw));
    return parsed.ok ? parsed.value : null;
  } catch {
    return null;
  }
}
