/**
 * Every text a user reads lives in messages/<locale>/<area>.json (inlang message format) and is
 * compiled by paraglide-js into one typed function per message in $lib/paraglide (generated, not
 * committed): `m.key({ value })`. The compiler knows every key and the values each one takes, so a
 * missing message or a misspelt parameter fails the type check.
 * The messages read their language from ./locale.ts: a plain variable in Node and workers, a Svelte
 * `$state` in the page, so markup that calls `m.…` re-renders when the language changes.
 */
import { overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { currentLocale } from './locale';

overwriteGetLocale(currentLocale);

export { m };

/** The names after `prefix` among the message keys: `MessageSuffix<'backendNames_'>` is 'webgpu' | 'webgl' | …. */
export type MessageSuffix<Prefix extends string, Key = keyof typeof m> = Key extends `${Prefix}${infer Name}` ? Name : never;
