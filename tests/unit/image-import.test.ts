import { describe, expect, it } from 'vitest';
import { ImageImport, type ImportTarget } from '$lib/datasets/client/image-import.svelte';
import type { ImageDecoder } from '$lib/datasets/client/image-decoder';
import type { DecodeOutcome } from '$lib/datasets/shared/decoder-protocol';
import type { FoundFile } from '$lib/datasets/shared/image-files';
import type { NewSample, SampleInfo, UserDataset } from '$lib/datasets/shared/user-dataset';
import { m } from '$lib/i18n/messages';

/** The open dataset, in memory: stores batches, or refuses the one numbered `fullAt` as a full disk would. */
class FakeDataset implements ImportTarget {
  dataset: UserDataset = {
    id: 'd',
    name: 'Pets',
    height: 2,
    width: 2,
    channels: 1,
    fit: 'crop',
    classes: [{ id: 7, name: 'cat' }],
    nextClassId: 8,
    nextSampleId: 0,
    createdAt: 0,
  };
  batches: NewSample[][] = [];
  onBatch: () => void = () => {};
  constructor(private readonly fullAt = Infinity) {}

  async addClass(name: string): Promise<number> {
    const id = this.dataset.nextClassId;
    this.dataset = { ...this.dataset, classes: [...this.dataset.classes, { id, name }], nextClassId: id + 1 };
    return id;
  }

  async addSamples(samples: readonly NewSample[]): Promise<SampleInfo[]> {
    this.onBatch();
    if (this.batches.length === this.fullAt) throw new DOMException('full', 'QuotaExceededError');
    this.batches.push([...samples]);
    return samples.map((s, i) => ({ id: i, classId: s.classId, origin: s.origin, name: s.name }));
  }

  stored(): [string, number][] {
    const names = new Map(this.dataset.classes.map((c) => [c.id, c.name]));
    const counts = new Map<string, number>();
    for (const s of this.batches.flat()) counts.set(names.get(s.classId)!, (counts.get(names.get(s.classId)!) ?? 0) + 1);
    return [...counts];
  }
}

/** Decodes any blob to 2×2 gray pixels, except one whose text is 'broken'; `hold` keeps batch n from finishing. */
class FakeDecoder implements ImageDecoder {
  calls = 0;
  closed = false;
  started: (() => void) | undefined;
  constructor(private readonly hold = Infinity) {}

  async decode(files: Blob[]): Promise<DecodeOutcome[]> {
    if (this.calls++ === this.hold) {
      this.started?.();
      return new Promise(() => {});
    }
    return Promise.all(files.map(async (f) => ((await f.text()) === 'broken' ? { undecodable: true as const } : { pixels: new Uint8Array(4).fill(9) })));
  }

  close(): void {
    this.closed = true;
  }
}

const png = (path: string, body = 'ok'): FoundFile<Blob> => ({ file: new Blob([body]), path, type: 'image/png' });
const folder = (perClass: Record<string, number>): FoundFile<Blob>[] =>
  Object.entries(perClass).flatMap(([name, n]) => Array.from({ length: n }, (_, i) => png(`pets/${name}/${i}.png`)));

describe('importing image files into a dataset', () => {
  it('stores a folder batch by batch, reusing a class of the same name, and lists what it skipped and why', async () => {
    const target = new FakeDataset();
    const decoder = new FakeDecoder();
    let clock = 0;
    const importer = new ImageImport(() => decoder, () => (clock += 1_000), 4);
    const etas: (number | null)[] = [];
    target.onBatch = () => etas.push(importer.etaSeconds);
    const files = [...folder({ cat: 5, dog: 3, bird: 2 }), png('pets/dog/broken.png', 'broken'), { file: new Blob(['hi']), path: 'pets/cat/notes.txt', type: 'text/plain' }];

    await importer.importFolder(target, async () => files);

    expect(importer.phase).toBe('done');
    expect(target.stored()).toEqual([
      ['bird', 2],
      ['cat', 5],
      ['dog', 3],
    ]);
    expect(target.dataset.classes.map((c) => [c.id, c.name])).toEqual([
      [7, 'cat'],
      [8, 'bird'],
      [9, 'dog'],
    ]);
    expect(target.batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect([importer.total, importer.processed, importer.stored, importer.classes]).toEqual([11, 11, 10, 3]);
    expect(importer.skipped).toEqual([
      { name: 'pets/cat/notes.txt', reason: 'not an image (text/plain)' },
      { name: 'pets/dog/broken.png', reason: 'could not be decoded' },
    ]);
    expect(target.batches[0][0]).toMatchObject({ origin: 'file', name: '0.png', pixels: new Uint8Array(4).fill(9) });
    // One clock tick to start, one per batch: after 4 of 11 in 1 s, 7 left take 1.75 s.
    expect(etas).toEqual([null, 1.75, 0.75]);
    expect(decoder.closed).toBe(true);
  });

  it('stops at a full disk, keeping the batches stored before and saying how many', async () => {
    const target = new FakeDataset(2);
    const decoder = new FakeDecoder();
    const importer = new ImageImport(() => decoder, () => 0, 4);

    await importer.importFolder(target, async () => folder({ cat: 10 }));

    expect(importer.phase).toBe('stopped');
    expect(target.batches.flat()).toHaveLength(8);
    expect(importer.stored).toBe(8);
    expect(importer.problem).toBe(m.importStopped({ why: m.storageFull(), stored: 8 }));
    expect(importer.problem).toContain('8 images of this import were stored');
    expect(decoder.closed).toBe(true);
  });

  it('cancels mid-import without waiting for the batch being decoded; what was stored stays', async () => {
    const target = new FakeDataset();
    const decoder = new FakeDecoder(2);
    const importer = new ImageImport(() => decoder, () => 0, 3);
    const blocked = new Promise<void>((resolve) => (decoder.started = resolve));

    const running = importer.importFolder(target, async () => folder({ cat: 12 }));
    await blocked;
    expect(importer.running).toBe(true);
    importer.cancel();
    await running;

    expect(importer.phase).toBe('cancelled');
    expect(importer.stored).toBe(6);
    expect(target.batches.flat()).toHaveLength(6);
    expect(decoder.closed).toBe(true);
  });

  it('puts files dropped onto a class into that class, folders or not', async () => {
    const target = new FakeDataset();
    const importer = new ImageImport(() => new FakeDecoder(), () => 0, 50);

    await importer.importIntoClass(target, 7, async () => [png('a.png'), png('more/b.png'), { file: new Blob(['x']), path: 'c.pdf', type: 'application/pdf' }]);

    expect(target.stored()).toEqual([['cat', 2]]);
    expect(target.dataset.classes).toHaveLength(1);
    expect(importer.skipped).toEqual([{ name: 'c.pdf', reason: 'not an image (application/pdf)' }]);
  });

  it('names a decoder failure as such, not as a storage problem', async () => {
    const target = new FakeDataset();
    const failing: ImageDecoder = { decode: () => Promise.reject(new Error('could not be cloned')), close: () => {} };
    const importer = new ImageImport(() => failing, () => 0, 50);

    await importer.importFolder(target, async () => folder({ cat: 2 }));

    expect(importer.problem).toBe(m.importStopped({ why: m.decoderFailed({ detail: 'could not be cloned' }), stored: 0 }));
  });

  it('says so when the dropped files cannot be read, and stores nothing', async () => {
    const target = new FakeDataset();
    const importer = new ImageImport(() => new FakeDecoder(), () => 0, 50);

    await importer.importFolder(target, () => Promise.reject(new DOMException('A requested file could not be found.', 'NotFoundError')));

    expect(importer.phase).toBe('stopped');
    expect(importer.problem).toBe(m.importStopped({ why: m.filesUnreadable({ why: 'A requested file could not be found.' }), stored: 0 }));
    expect(target.batches).toEqual([]);
  });
});
