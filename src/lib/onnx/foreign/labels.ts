/**
 * Class names stored in a model's metadata. There is no standard key, so the common ones are
 * tried; values may be a JSON list, a JSON or Python dict of index → name (Ultralytics writes
 * the latter), or a comma- or newline-separated list.
 */
const KEYS = ['classes', 'class_names', 'labels', 'class_labels', 'names'];

function fromDict(entries: [string, unknown][]): string[] | null {
  const indexed = entries.map(([k, v]) => [Number(k), String(v)] as const);
  if (indexed.some(([i]) => !Number.isInteger(i))) return null;
  return indexed.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
}

function parse(value: string): string[] | null {
  const trimmed = value.trim();
  try {
    const json: unknown = JSON.parse(trimmed);
    if (Array.isArray(json)) return json.map(String);
    if (json && typeof json === 'object') return fromDict(Object.entries(json));
  } catch {
    // Not JSON: one of the plain forms below.
  }
  const python = [...trimmed.matchAll(/(\d+)\s*:\s*(['"])(.*?)\2/g)];
  if (trimmed.startsWith('{') && python.length > 0) return fromDict(python.map((m) => [m[1], m[3]]));
  const parts = trimmed.split(/\s*[\n,]\s*/).filter((p) => p !== '');
  return parts.length > 1 ? parts : null;
}

export function labelsFromMetadata(props: readonly { key?: string | null; value?: string | null }[]): string[] | null {
  for (const key of KEYS) {
    const value = props.find((p) => p.key?.toLowerCase() === key)?.value;
    const labels = value ? parse(value) : null;
    if (labels && labels.length > 0) return labels;
  }
  return null;
}
