import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  addSamples,
  countSamples,
  deleteSamples,
  deleteUserDataset,
  listSamples,
  listUserDatasets,
  loadUserDataset,
  readPixels,
  relabelSamples,
  saveUserDataset,
} from '$lib/storage/database';
import type { NewSample, UserDataset } from '$lib/datasets/shared/user-dataset';
import { loadStoredSplit } from '$workers/datasets/stored';

let made = 0;

/** A fresh stored dataset of 8×8 grayscale images, with its own id so tests share nothing. */
async function dataset(classes = ['a', 'b']): Promise<UserDataset> {
  const d: UserDataset = {
    id: `test-${++made}`,
    name: 'Test',
    height: 8,
    width: 8,
    channels: 1,
    fit: 'crop',
    classes: classes.map((name, id) => ({ id, name })),
    nextClassId: classes.length,
    nextSampleId: 0,
    createdAt: made,
  };
  await saveUserDataset(d);
  return d;
}

/** Sample k of class c: its first pixels encode both, so a mix-up shows. */
const sample = (c: number, k: number): NewSample => {
  const pixels = new Uint8Array(64).fill(200);
  pixels.set([c, k]);
  return { classId: c, origin: 'file', name: `c${c}-${k}.png`, pixels };
};
const head = (p: Uint8Array) => [...p.subarray(0, 3)];

describe('users’ datasets in IndexedDB', () => {
  it('stores samples with new ids, lists them without pixels and reads the pixels back exactly, in the order asked', async () => {
    const d = await dataset();
    const first = await addSamples(d.id, [sample(0, 1), sample(1, 2)]);
    const second = await addSamples(d.id, [sample(1, 3)]);
    expect([...first, ...second].map((s) => s.id)).toEqual([0, 1, 2]);
    expect(await listSamples(d.id)).toEqual([
      { id: 0, classId: 0, origin: 'file', name: 'c0-1.png' },
      { id: 1, classId: 1, origin: 'file', name: 'c1-2.png' },
      { id: 2, classId: 1, origin: 'file', name: 'c1-3.png' },
    ]);
    const pixels = await readPixels(d.id, [2, 0]);
    expect(pixels.map(head)).toEqual([
      [1, 3, 200],
      [0, 1, 200],
    ]);
    expect(pixels.map((p) => p.length)).toEqual([64, 64]);
    expect(await countSamples(d.id)).toBe(3);
  });

  it('stores a batch all together or not at all', async () => {
    const d = await dataset();
    await addSamples(d.id, [sample(0, 1)]);
    // A sample of the wrong size is refused, and so is the rest of its batch.
    await expect(addSamples(d.id, [sample(0, 2), { ...sample(0, 3), pixels: new Uint8Array(12) }])).rejects.toThrow(/“c0-3.png” has 12 values where this dataset stores 64/);
    // A value IndexedDB cannot clone fails the second write: the first of the batch must go too.
    const unclonable = Object.assign(sample(0, 3), { name: (() => 0) as unknown as string });
    await expect(addSamples(d.id, [sample(0, 2), unclonable])).rejects.toThrow();
    expect((await listSamples(d.id)).map((s) => s.name)).toEqual(['c0-1.png']);
    expect(await addSamples(d.id, [sample(0, 4)])).toEqual([{ id: 1, classId: 0, origin: 'file', name: 'c0-4.png' }]);
  });

  it('a full disk refusing a pixel write rejects the batch with the QuotaExceededError and leaves no request unhandled', async () => {
    const d = await dataset();
    await addSamples(d.id, [sample(0, 1)]);
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'pixels') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      await expect(addSamples(d.id, [sample(0, 2), sample(1, 3)])).rejects.toMatchObject({ name: 'QuotaExceededError' });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect((await listSamples(d.id)).map((s) => s.name)).toEqual(['c0-1.png']);
  });

  it('never reuses a sample id when a description read before an import is saved after it', async () => {
    const stale = await dataset();
    await addSamples(stale.id, [sample(0, 1), sample(0, 2)]);
    await saveUserDataset({ ...stale, name: 'Renamed' });
    const loaded = await loadUserDataset(stale.id);
    expect(loaded?.ok && [loaded.value.name, loaded.value.nextSampleId]).toEqual(['Renamed', 2]);
    const [added] = await addSamples(stale.id, [sample(1, 3)]);
    expect(added.id).toBe(2);
    expect(await countSamples(stale.id)).toBe(3);
  });

  it('relabels and deletes single samples, and deleting a dataset takes its samples and pixels along', async () => {
    const d = await dataset();
    const other = await dataset();
    await addSamples(d.id, [sample(0, 1), sample(0, 2), sample(1, 3)]);
    await addSamples(other.id, [sample(0, 9)]);
    await relabelSamples(d.id, [0], 1);
    await deleteSamples(d.id, [1]);
    expect((await listSamples(d.id)).map((s) => [s.id, s.classId])).toEqual([
      [0, 1],
      [2, 1],
    ]);
    await deleteUserDataset(d.id);
    expect(await loadUserDataset(d.id)).toBeUndefined();
    expect(await countSamples(d.id)).toBe(0);
    await expect(readPixels(d.id, [0])).rejects.toThrow(/Sample 0 is missing/);
    expect(await countSamples(other.id)).toBe(1);
  });

  it('lists a damaged description with its reasons instead of failing the whole list', async () => {
    const d = await dataset();
    await saveUserDataset({ ...d, height: 3 });
    const listed = (await listUserDatasets()).find((l) => l.id === d.id);
    const parsed = listed?.parsed;
    expect(parsed && !parsed.ok && parsed.errors.join(' ')).toMatch(/square size/);
  });
});

describe('a stored dataset reaching the training worker', () => {
  it('is split per class with no sample on both sides, skips samples of deleted classes, and reads the right pixels', async () => {
    const d = await dataset(['a', 'b', 'c']);
    await addSamples(d.id, [...Array.from({ length: 20 }, (_, k) => sample(0, k)), ...Array.from({ length: 10 }, (_, k) => sample(1, k)), sample(2, 0)]);
    // Class 'c' is deleted from the description; its sample must not reach training.
    await saveUserDataset({ ...d, classes: d.classes.slice(0, 2) });
    const { train, val } = await loadStoredSplit(d.id, 7, 0.2);

    const trainIds = new Set(train.ids);
    expect([...val.ids].filter((id) => trainIds.has(id))).toEqual([]);
    expect(new Set([...train.ids, ...val.ids])).toEqual(new Set(Array.from({ length: 30 }, (_, i) => i)));
    // 20 % of each class: 4 of 'a', 2 of 'b'.
    expect([...val.labels].sort()).toEqual([0, 0, 0, 0, 1, 1]);
    expect(train.classes).toEqual(['a', 'b']);

    const images = await val.read([0, 1]);
    const stored = await readPixels(d.id, [val.ids[0], val.ids[1]]);
    expect(Array.from(images)).toEqual(stored.flatMap((p) => Array.from(p, (v) => Math.fround(v / 255))));
    val.labels.forEach((label, i) => expect(label).toBe(val.ids[i] < 20 ? 0 : 1));

    const again = await loadStoredSplit(d.id, 7, 0.2);
    expect([...again.val.ids]).toEqual([...val.ids]);
    expect([...(await loadStoredSplit(d.id, 8, 0.2)).val.ids]).not.toEqual([...val.ids]);
  });
});
