import { describe, expect, it } from 'vitest';
import { accept, readVersioned, refuse, stamp, type VersionedFormat } from '$lib/util/versioned';

/** A made-up record with two upgrades, to show the chain runs step by step from any old version. */
interface Note {
  title: string;
  tags: string[];
}

const NOTE: VersionedFormat<Note> = {
  tag: 'test-note',
  noun: 'note',
  upgrades: [
    // 0 → 1: the title was called `name`.
    (v0) => {
      const { name, ...rest } = v0 as { name: unknown };
      return { ...rest, title: name };
    },
    // 1 → 2: tags were one comma-separated string.
    (v1) => ({ ...(v1 as object), tags: String((v1 as { tags: unknown }).tags).split(',') }),
  ],
  validate: (r) => (typeof r.title === 'string' && Array.isArray(r.tags) ? accept({ title: r.title, tags: r.tags as string[] }) : refuse('not a note')),
};

const note = { title: 'shopping', tags: ['a', 'b'] };

describe('readVersioned', () => {
  it('runs every upgrade from the stored version on, in order', () => {
    expect(readVersioned(NOTE, { name: 'shopping', tags: 'a,b' })).toEqual({ ok: true, value: note });
    expect(readVersioned(NOTE, { format: 'test-note', version: 1, title: 'shopping', tags: 'a,b' })).toEqual({ ok: true, value: note });
    expect(readVersioned(NOTE, stamp(NOTE, note))).toEqual({ ok: true, value: note });
    expect(stamp(NOTE, note)).toEqual({ ...note, format: 'test-note', version: 2 });
  });

  it('refuses newer versions, other formats and versions that are not counts, before looking inside', () => {
    expect(readVersioned(NOTE, { format: 'test-note', version: 3 })).toEqual({
      ok: false,
      errors: ['Unsupported note version 3: it was made by a newer NetLoom (this one reads versions up to 2). Update NetLoom to open it.'],
    });
    expect(readVersioned(NOTE, { format: 'other', version: 1 }).ok).toBe(false);
    expect(readVersioned(NOTE, { version: 1, title: 'x', tags: [] }).ok).toBe(false);
    expect(readVersioned(NOTE, { format: 'test-note', version: '2', ...note }).ok).toBe(false);
    expect(readVersioned(NOTE, null)).toEqual({ ok: false, errors: ['It does not contain a NetLoom note.'] });
  });
});
