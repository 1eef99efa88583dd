import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { addSamples, countSamples, listUserDatasets, readPixels } from '$lib/storage/database';
import { DataWorkspace } from '$lib/datasets/client/data-workspace.svelte';
import { DatasetLibrary } from '$lib/datasets/client/library.svelte';
import { DatasetTransfer, TRANSFER_CHUNK, type TransferIo } from '$lib/datasets/client/dataset-transfer.svelte';
import { readDatasetZip, writeDatasetZip, type ZipSample } from '$lib/datasets/shared/dataset-zip';
import { encodePng } from '$lib/datasets/shared/png';
import type { SampleFormat } from '$lib/datasets/shared/user-dataset';
import { m } from '$lib/i18n/messages';
import { memoryStorage } from './support/memory-storage';

const FORMAT: SampleFormat = { height: 8, width: 8, channels: 3, fit: 'crop' };

let made = 0;

/** A zip of `count` samples over `classes`, each image distinct, under a name no other test uses. */
function zipOf(count: number, classes = ['red', 'green/blue', 'Ünïcode 🎨']): { name: string; classes: string[]; samples: ZipSample[]; zip: Uint8Array } {
  const name = `Set ${++made}`;
  const samples = Array.from({ length: count }, (_, i) => ({ classIndex: i % classes.length, name: `img${i}.png`, pixels: Uint8Array.from({ length: 192 }, (_, k) => (i * 31 + k * 7) & 0xff) }));
  return { name, classes, samples, zip: writeDatasetZip(name, FORMAT, classes, samples) };
}

interface Setup {
  workspace: DataWorkspace;
  transfer: DatasetTransfer;
  downloads: { bytes: Uint8Array; filename: string }[];
  reads: number[];
}

/** A data view over the shared in-memory IndexedDB; `io` replaces parts of storage. */
async function setup(io: Partial<TransferIo> = {}): Promise<Setup> {
  const workspace = new DataWorkspace(new DatasetLibrary(), memoryStorage());
  await workspace.library.refresh();
  const downloads: Setup['downloads'] = [];
  const reads: number[] = [];
  const transfer = new DatasetTransfer(workspace, {
    readPixels: (id, ids) => (reads.push(ids.length), readPixels(id, ids)),
    addSamples,
    download: (bytes, filename) => downloads.push({ bytes, filename }),
    ...io,
  });
  return { workspace, transfer, downloads, reads };
}

const storedNames = async () => (await listUserDatasets()).flatMap(({ parsed }) => (parsed.ok ? [parsed.value.name] : []));

describe('moving a dataset as a zip', () => {
  it('imports a zip as a new dataset, in order, and exports it back bit-exactly, reading storage in chunks', async () => {
    const { name, classes, samples, zip } = zipOf(TRANSFER_CHUNK + 45);
    const { workspace, transfer, downloads, reads } = await setup();
    expect(await transfer.importBytes('set.zip', zip)).toBe(true);
    expect(transfer.problem).toBeNull();
    expect(transfer.notice).toBe(m.importedDatasetZip({ name, samples: samples.length }));

    const editor = workspace.open!;
    expect(editor.dataset.name).toBe(name);
    expect(editor.dataset.classes.map((c) => c.name)).toEqual(classes);
    expect({ ...FORMAT }).toEqual({ height: editor.dataset.height, width: editor.dataset.width, channels: editor.dataset.channels, fit: editor.dataset.fit });
    expect(editor.counts).toEqual([101, 100, 100]);
    expect(editor.samples.every((s) => s.origin === 'zip')).toBe(true);
    expect(editor.samples.map((s) => s.name)).toEqual(samples.map((s) => s.name));
    const pixels = await readPixels(
      editor.dataset.id,
      editor.samples.map((s) => s.id),
    );
    expect(pixels).toEqual(samples.map((s) => s.pixels));
    expect(workspace.library.sizes[editor.dataset.id]).toBe(samples.length);

    await transfer.exportOpen();
    expect(reads).toEqual([TRANSFER_CHUNK, 45]);
    expect(downloads.map((d) => d.filename)).toEqual([`Set ${made}.zip`]);
    const back = readDatasetZip(downloads[0].bytes);
    if (!back.ok) throw new Error(back.errors.join('\n'));
    expect(back.value.manifest.name).toBe(name);
    expect(back.value.manifest.classes.map((c) => c.name)).toEqual(classes);
    expect(back.value.samples).toEqual(samples);
    expect(transfer.phase).toBeNull();
  });

  it('names an import after an existing dataset "(imported)", then "(imported 2)"', async () => {
    const { name, zip } = zipOf(3);
    const { workspace, transfer } = await setup();
    for (let i = 0; i < 3; i++) expect(await transfer.importBytes('set.zip', zip)).toBe(true);
    expect(workspace.library.datasets.map((d) => d.name).filter((n) => n.startsWith(name))).toEqual([name, `${name} (imported)`, `${name} (imported 2)`]);
  });

  const broken: [string, () => Uint8Array, string][] = [
    ['not a zip', () => strToU8('PK? no, plain text'), m.zipNotZip()],
    ['a zip without a manifest', () => zipSync({ 'a/1.png': encodePng({ width: 8, height: 8, channels: 1, pixels: new Uint8Array(64) }) }), m.zipNoManifest()],
    [
      'a manifest from a newer NetLoom',
      () => {
        const files = unzipSync(zipOf(4).zip);
        const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
        files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, version: 7 }));
        return zipSync(files);
      },
      m.recordNewer({ noun: m.recordNounDatasetZip(), found: 7, current: 1 }),
    ],
    [
      'a listed PNG missing',
      () => {
        const files = unzipSync(zipOf(4).zip);
        delete files['red/00002.png'];
        return zipSync(files);
      },
      m.zipFileMissing({ file: 'red/00002.png' }),
    ],
    [
      'an undecodable PNG',
      () => {
        const files = unzipSync(zipOf(4).zip);
        files['red/00001.png'] = files['red/00001.png'].slice(0, 30);
        return zipSync(files);
      },
      m.zipImageUnreadable({ file: 'red/00001.png', why: m.pngTruncated() }),
    ],
    [
      'an image of the wrong size',
      () => {
        const files = unzipSync(zipOf(4).zip);
        files['red/00001.png'] = encodePng({ width: 16, height: 16, channels: 3, pixels: new Uint8Array(16 * 16 * 3) });
        return zipSync(files);
      },
      m.zipImageWrongSize({ file: 'red/00001.png', found: '16×16 RGB', expected: '8×8 RGB' }),
    ],
  ];

  it.each(broken)('refuses %s, naming the problem, and stores nothing', async (_, bytes, reason) => {
    const { workspace, transfer } = await setup();
    const before = await listUserDatasets();
    expect(await transfer.importBytes('class set.zip', bytes())).toBe(false);
    expect(transfer.problem).toEqual({ title: m.importRefused({ file: 'class set.zip' }), reasons: [reason] });
    expect(await listUserDatasets()).toEqual(before);
    expect(workspace.library.datasets).toHaveLength(before.length);
    expect(workspace.open).toBeNull();
  });

  it('lists five missing files and counts the rest', async () => {
    const files = unzipSync(zipOf(24).zip);
    const gone = Object.keys(files).filter((f) => f.startsWith('red/'));
    gone.forEach((f) => delete files[f]);
    const { transfer } = await setup();
    expect(await transfer.importBytes('thin.zip', zipSync(files))).toBe(false);
    expect(transfer.problem?.reasons).toEqual([...gone.slice(0, 5).map((f) => m.zipFileMissing({ file: f })), m.zipMoreProblems({ n: gone.length - 5 })]);
  });

  it('removes the half-stored dataset when storage fills up part-way, and says the disk is full', async () => {
    const { name, zip } = zipOf(TRANSFER_CHUNK * 2 + 1);
    let calls = 0;
    let datasetId = '';
    const { workspace, transfer } = await setup({
      addSamples: async (id, samples) => {
        datasetId = id;
        if (++calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return addSamples(id, samples);
      },
    });
    expect(await transfer.importBytes('big.zip', zip)).toBe(false);
    expect(calls).toBe(2);
    expect(transfer.problem).toEqual({ title: m.importStorageFailed(), reasons: [m.storageFull()] });
    expect(await storedNames()).not.toContain(name);
    expect(await countSamples(datasetId)).toBe(0);
    expect(workspace.library.datasets.map((d) => d.name)).not.toContain(name);
    expect(transfer.phase).toBeNull();
  });
});
