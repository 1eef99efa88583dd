import { describe, expect, it } from 'vitest';
import { parseSpec } from '$lib/spec/parse';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import { SPEC_FORMAT } from '$lib/spec/types';
import { Rng } from '$lib/util/random';

/**
 * Fuzz of the one door for graphs from outside (links, files, autosave): whatever JSON arrives,
 * parseSpec answers with a graph or its refusal, never an exception. Seeded, so a failure names a
 * case that can be replayed.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const CASES = 10_000;

/** Strings that have tripped parsers before: names of Object's own members, markup, odd Unicode. */
const NASTY_STRINGS = ['', 'constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'Input', 'Dense', 'Conv2D', 'Add', 'relu', 'same', SPEC_FORMAT, '<img src=x onerror=alert(1)>', '\u0000', '\ud800', '💥'.repeat(3), 'x'.repeat(5000)];
const NASTY_NUMBERS = [0, -0, 1, -1, 0.5, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e21, 3.7];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)];
const int = (rng: Rng, below: number): number => Math.floor(rng.next() * below);

function randomValue(rng: Rng, depth: number): Json {
  const kind = int(rng, depth > 3 ? 4 : 6);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.next() < 0.5;
    case 2:
      return rng.next() < 0.5 ? pick(rng, NASTY_NUMBERS) : rng.range(-1e6, 1e6);
    case 3:
      return pick(rng, NASTY_STRINGS);
    case 4:
      return Array.from({ length: int(rng, 5) }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: int(rng, 5) }, () => [pick(rng, [...NASTY_STRINGS, 'nodes', 'name', 'format', 'version', 'id', 'kind', 'params', 'inputs', 'position']), randomValue(rng, depth + 1)]));
  }
}

/** A path to every value inside `root`, the root itself first. */
function slots(root: Json): { parent: Json[] | Record<string, Json> | null; key: string | number }[] {
  const found: { parent: Json[] | Record<string, Json> | null; key: string | number }[] = [{ parent: null, key: 0 }];
  const walk = (value: Json) => {
    const children: [string | number, Json][] = Array.isArray(value) ? value.map((child, i) => [i, child]) : value !== null && typeof value === 'object' ? Object.entries(value) : [];
    for (const [key, child] of children) {
      found.push({ parent: value as Json[] | Record<string, Json>, key });
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** A valid graph with a few of its values replaced, removed, duplicated or retyped. */
function mutatedGraph(rng: Rng): Json {
  const build = pick(rng, [defaultSpec, ...Object.values(PRESETS)]);
  let root = JSON.parse(JSON.stringify(build(1 + int(rng, 12)))) as Json;
  for (let m = 1 + int(rng, 4); m > 0; m--) {
    const { parent, key } = pick(rng, slots(root));
    const replacement = mutation(rng, parent === null ? root : (parent as Record<string | number, Json>)[key]);
    if (parent === null) root = replacement ?? null;
    else if (replacement === undefined) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key];
    } else (parent as Record<string | number, Json>)[key] = replacement;
  }
  return root;
}

/** undefined removes the value. */
function mutation(rng: Rng, value: Json): Json | undefined {
  switch (int(rng, 7)) {
    case 0:
      return undefined;
    case 1:
      return randomValue(rng, 2);
    case 2:
      return typeof value === 'number' ? pick(rng, NASTY_NUMBERS) * (rng.next() < 0.5 ? -1 : 1) : pick(rng, NASTY_NUMBERS);
    case 3:
      return typeof value === 'string' ? pick(rng, NASTY_STRINGS) : String(value);
    case 4:
      return Array.isArray(value) ? [...value, ...value] : [value];
    case 5:
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value, [pick(rng, NASTY_STRINGS)]: randomValue(rng, 3) } : { value };
    default:
      return JSON.parse(JSON.stringify(value ?? null)) as Json;
  }
}

/** What a link or file would hand over: the value after a JSON round trip, `__proto__` keys as own data. */
const asParsedJson = (value: Json): unknown => JSON.parse(JSON.stringify(value));

describe('parseSpec under fuzzing', () => {
  it(`answers ${CASES.toLocaleString('en')} seeded random and mutated JSON values with a graph or its reasons, never an exception`, () => {
    const rng = new Rng(0x5eed);
    const outcomes = { accepted: 0, refused: 0 };
    for (let n = 0; n < CASES; n++) {
      const value = asParsedJson(n % 2 === 0 ? randomValue(rng, 0) : mutatedGraph(rng));
      let parsed: ReturnType<typeof parseSpec>;
      try {
        parsed = parseSpec(value);
      } catch (error) {
        throw new Error(`case ${n} threw ${String(error)} on ${JSON.stringify(value).slice(0, 400)}`, { cause: error });
      }
      if (parsed.ok) {
        outcomes.accepted++;
        expect(Array.isArray(parsed.value.nodes), `case ${n}`).toBe(true);
      } else {
        outcomes.refused++;
        expect(parsed.errors.length, `case ${n}`).toBeGreaterThan(0);
        expect(parsed.errors.every((e) => typeof e === 'string' && e.length > 0), `case ${n}`).toBe(true);
      }
    }
    // Both answers are exercised: mutations that keep a graph readable, and ones that break it.
    expect(outcomes.accepted).toBeGreaterThan(CASES / 50);
    expect(outcomes.refused).toBeGreaterThan(CASES / 4);
  });
});
