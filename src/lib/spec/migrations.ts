import type { Upgrade } from '$lib/util/versioned';

/**
 * How each older graph version becomes the next: entry n upgrades version n to n + 1, so the
 * current version is the length of this list (SPEC_VERSION; a unit test keeps the two equal).
 * docs/formats.md describes every version.
 */
export const SPEC_UPGRADES: readonly Upgrade[] = [
  // Version 0 is the graph before it was tagged: `name` and `nodes` exactly as in version 1 but no
  // `format` or `version` field. Version 1 only added those two, which readVersioned stamps.
  (v0) => v0,
];
