import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import { adler32, storedAdler32 } from './adler32';
import { parseSpec } from '$lib/spec/parse';
import type { GraphSpec } from '$lib/spec/types';
import { refuse, type Parsed } from '$lib/util/versioned';
import { messages } from '$lib/i18n/messages';

/** The hash parameter holding a shared graph: `#graph=…`. */
export const HASH_KEY = 'graph';

/**
 * Short URL-safe text for a graph: deflated JSON in base64url (no padding). The deflate stream is
 * zlib-wrapped for its checksum: raw deflate would turn many edited characters into a different
 * but valid graph instead of an error.
 */
export function encodeSpec(spec: GraphSpec): string {
  return toBase64Url(zlibSync(strToU8(JSON.stringify(spec)), { level: 9 }));
}

/** Reads text made by encodeSpec; anything damaged or not a graph gives an error in words instead. */
export function decodeSpec(text: string): Parsed<GraphSpec> {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return refuse(messages.shareBadCharacters);
  let json: string;
  try {
    const stream = fromBase64Url(text);
    const bytes = unzlibSync(stream);
    if (adler32(bytes) !== storedAdler32(stream)) return refuse(messages.shareNotUnpacked);
    json = strFromU8(bytes);
  } catch {
    return refuse(messages.shareNotUnpacked);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refuse(messages.shareNotJson);
  }
  return parseSpec(value);
}

export function shareHash(spec: GraphSpec): string {
  return `#${HASH_KEY}=${encodeSpec(spec)}`;
}

/** The encoded graph in a location hash, or null when the hash carries none. */
export function sharedPayload(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(HASH_KEY);
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
