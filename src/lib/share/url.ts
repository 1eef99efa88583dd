import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import { adler32, storedAdler32 } from './adler32';
import { parseSpec } from '$lib/spec/parse';
import type { GraphSpec } from '$lib/spec/types';
import { refuse, type Parsed } from '$lib/util/versioned';
import { m } from '$lib/i18n/messages';
import { classroomRulesRecord, hasRules, NO_RULES, parseClassroomRules, type ClassroomRules } from '$lib/classroom/shared/rules';

/** The hash parameter holding a shared graph: `#graph=…`. */
export const HASH_KEY = 'graph';

/** The hash parameter holding a teacher's rules for the shared graph: `&rules=…`. */
export const RULES_KEY = 'rules';

/**
 * Short URL-safe text for a record: deflated JSON in base64url (no padding). The deflate stream is
 * zlib-wrapped for its checksum: raw deflate would turn many edited characters into a different
 * but valid record instead of an error.
 */
function encodeJson(value: unknown): string {
  return toBase64Url(zlibSync(strToU8(JSON.stringify(value)), { level: 9 }));
}

/** Reads text made by encodeJson through `parse`; anything damaged gives an error in words instead. */
function decodeJson<T>(text: string, parse: (value: unknown) => Parsed<T>): Parsed<T> {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return refuse(m.shareBadCharacters());
  let json: string;
  try {
    const stream = fromBase64Url(text);
    const bytes = unzlibSync(stream);
    if (adler32(bytes) !== storedAdler32(stream)) return refuse(m.shareNotUnpacked());
    json = strFromU8(bytes);
  } catch {
    return refuse(m.shareNotUnpacked());
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refuse(m.shareNotJson());
  }
  return parse(value);
}

export const encodeSpec = (spec: GraphSpec): string => encodeJson(spec);

export const decodeSpec = (text: string): Parsed<GraphSpec> => decodeJson(text, parseSpec);

/** The link's hash: the graph, and the teacher's rules when there are any. */
export function shareHash(spec: GraphSpec, rules: ClassroomRules = NO_RULES): string {
  const graph = `#${HASH_KEY}=${encodeSpec(spec)}`;
  return hasRules(rules) ? `${graph}&${RULES_KEY}=${encodeJson(classroomRulesRecord(rules))}` : graph;
}

/** The encoded graph in a location hash, or null when the hash carries none. */
export function sharedPayload(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(HASH_KEY);
}

/** The teacher's rules a link carries: null when it carries none, else the rules or why they cannot be read. */
export function sharedRules(hash: string): Parsed<ClassroomRules> | null {
  const text = new URLSearchParams(hash.replace(/^#/, '')).get(RULES_KEY);
  return text === null ? null : decodeJson(text, parseClassroomRules);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
