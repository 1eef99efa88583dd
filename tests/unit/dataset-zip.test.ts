import { inflateSync, deflateSync, crc32 as nodeCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync, zlibSync } from 'fflate';
import { classFolders, openDatasetZip, readDatasetZip, writeDatasetZip, zipFileName, type ZipSample } from '$lib/datasets/shared/dataset-zip';
import { crc32, decodePng, encodePng } from '$lib/datasets/shared/png';
import type { SampleFormat } from '$lib/datasets/shared/user-dataset';
import { m } from '$lib/i18n/messages';

/** Deterministic noise, so every pixel value (0 and 255 included) is exercised. */
function noise(length: number, seed: number): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length }, () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
}

const GRAY: SampleFormat = { height: 28, width: 28, channels: 1, fit: 'crop' };
const RGB: SampleFormat = { height: 32, width: 32, channels: 3, fit: 'pad' };

function samples(format: SampleFormat, classes: number, count: number): ZipSample[] {
  const bytes = format.height * format.width * format.channels;
  return Array.from({ length: count }, (_, i) => ({ classIndex: i % classes, name: `photo ${i}.jpg`, pixels: noise(bytes, i + 1) }));
}

/** A zip whose manifest was edited by `edit` (the rest as written). */
function withManifest(zip: Uint8Array, edit: (m: Record<string, unknown>) => unknown): Uint8Array {
  const files = unzipSync(zip);
  files['manifest.json'] = strToU8(JSON.stringify(edit(JSON.parse(new TextDecoder().decode(files['manifest.json'])))));
  return zipSync(files);
}

const refusal = (bytes: Uint8Array): string[] => {
  const read = readDatasetZip(bytes);
  if (read.ok) throw new Error('expected the zip to be refused');
  return read.errors;
};

describe('PNG codec', () => {
  it('writes the signature, IHDR, one IDAT and IEND, with CRCs and a zlib stream Node reads back', () => {
    const pixels = noise(5 * 3 * 3, 7);
    const png = encodePng({ width: 5, height: 3, channels: 3, pixels });
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    const chunks: { type: string; data: Uint8Array }[] = [];
    for (let at = 8; at < png.length; ) {
      const length = view.getUint32(at);
      const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
      expect(view.getUint32(at + 8 + length)).toBe(nodeCrc32(png.subarray(at + 4, at + 8 + length)));
      chunks.push({ type, data: png.subarray(at + 8, at + 8 + length) });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...chunks[0].data]).toEqual([0, 0, 0, 5, 0, 0, 0, 3, 8, 2, 0, 0, 0]);
    const rows = inflateSync(chunks[1].data);
    expect(rows.length).toBe(3 * (1 + 15));
    for (let y = 0; y < 3; y++) {
      expect(rows[y * 16]).toBe(0);
      expect([...rows.subarray(y * 16 + 1, (y + 1) * 16)]).toEqual([...pixels.subarray(y * 15, (y + 1) * 15)]);
    }
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
  });

  it('reads what it writes, grayscale and RGB', () => {
    for (const channels of [1, 3] as const) {
      const pixels = noise(7 * 4 * channels, channels);
      const read = decodePng(encodePng({ width: 7, height: 4, channels, pixels }));
      expect(read).toEqual({ ok: true, value: { width: 7, height: 4, channels, pixels } });
    }
  });

  it('reads rows written with the Sub, Up, Average and Paeth filters', () => {
    const width = 4;
    const height = 5;
    const pixels = noise(width * height, 3);
    const raw = (x: number, y: number) => (x < 0 || y < 0 ? 0 : pixels[y * width + x]);
    const paeth = (a: number, b: number, c: number) => {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    };
    const predict = [() => 0, (x: number, y: number) => raw(x - 1, y), (x: number, y: number) => raw(x, y - 1), (x: number, y: number) => (raw(x - 1, y) + raw(x, y - 1)) >> 1, (x: number, y: number) => paeth(raw(x - 1, y), raw(x, y - 1), raw(x - 1, y - 1))];
    const rows = new Uint8Array(height * (width + 1));
    for (let y = 0; y < height; y++) {
      rows[y * (width + 1)] = y;
      for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = (raw(x, y) - predict[y](x, y)) & 0xff;
    }
    // Same header as ours; the filtered stream replaces our IDAT.
    const ours = encodePng({ width, height, channels: 1, pixels: new Uint8Array(width * height) });
    const idat = zlibSync(rows);
    const chunk = (type: string, data: Uint8Array) => {
      const out = new Uint8Array(12 + data.length);
      const view = new DataView(out.buffer);
      view.setUint32(0, data.length);
      out.set(strToU8(type), 4);
      out.set(data, 8);
      view.setUint32(8 + data.length, nodeCrc32(out.subarray(4, 8 + data.length)));
      return out;
    };
    const png = new Uint8Array([...ours.subarray(0, 33), ...chunk('IDAT', idat), ...chunk('IEND', new Uint8Array(0))]);
    expect(decodePng(png)).toEqual({ ok: true, value: { width, height, channels: 1, pixels } });
  });

  it('refuses a damaged chunk, a cut-short file, RGBA and a stream longer than the image', () => {
    const png = encodePng({ width: 4, height: 4, channels: 1, pixels: noise(16, 1) });
    const flipped = png.slice();
    flipped[45] ^= 1; // inside the IDAT data
    expect(decodePng(flipped)).toEqual({ ok: false, errors: [m.pngDamaged({ chunk: 'IDAT' })] });
    expect(decodePng(png.subarray(0, png.length - 6))).toEqual({ ok: false, errors: [m.pngTruncated()] });
    expect(decodePng(strToU8('hello'))).toEqual({ ok: false, errors: [m.pngNotPng()] });
    const rgba = png.slice();
    rgba[25] = 6;
    new DataView(rgba.buffer).setUint32(29, nodeCrc32(rgba.subarray(12, 29)));
    expect(decodePng(rgba)).toEqual({ ok: false, errors: [m.pngUnsupported()] });
    // A huge stream behind a small header: refused without inflating it.
    const big = deflateSync(new Uint8Array(10_000_000));
    const header = png.subarray(0, 33);
    const idat = new Uint8Array(12 + big.length);
    const view = new DataView(idat.buffer);
    view.setUint32(0, big.length);
    idat.set(strToU8('IDAT'), 4);
    idat.set(big, 8);
    view.setUint32(8 + big.length, nodeCrc32(idat.subarray(4, 8 + big.length)));
    expect(decodePng(new Uint8Array([...header, ...idat, ...png.subarray(png.length - 12)]))).toEqual({ ok: false, errors: [m.pngDamaged({ chunk: 'IDAT' })] });
  });
});

describe('dataset zip', () => {
  it.each([
    ['grayscale', GRAY],
    ['RGB', RGB],
  ])('round-trips a %s dataset bit-exactly: pixels, labels, names, class order', (_, format) => {
    const classNames = ['zebra', 'apple', 'Mango 🥭', 'a/b/../c'];
    const written = samples(format, classNames.length, 23);
    const zip = writeDatasetZip('Fruit & stripes', format, classNames, written);
    const read = readDatasetZip(zip);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const { manifest, samples: back } = read.value;
    expect(manifest.name).toBe('Fruit & stripes');
    expect({ height: manifest.height, width: manifest.width, channels: manifest.channels, fit: manifest.fit }).toEqual(format);
    expect(manifest.classes.map((c) => c.name)).toEqual(classNames);
    expect(back).toEqual(written);
  });

  it('stores one folder of PNGs per class, with names safe on any file system', () => {
    const zip = writeDatasetZip('d', GRAY, ['a/b', '..', 'Cat', 'cat', '🐱', '', 'con:soles?'], samples(GRAY, 7, 7));
    const names = Object.keys(unzipSync(zip)).sort();
    expect(names).toEqual(['Cat/00001.png', '_/00001.png', '_ (2)/00001.png', 'a_b/00001.png', 'cat (2)/00001.png', 'class/00001.png', 'con_soles_/00001.png', 'manifest.json'].sort());
    expect(classFolders(['x'.repeat(100)])[0]).toHaveLength(40);
    expect(zipFileName('My/Set: 1')).toBe('My_Set_ 1.zip');
  });

  it('round-trips a dataset with no samples', () => {
    const read = readDatasetZip(writeDatasetZip('Empty', RGB, ['one'], []));
    expect(read.ok && read.value.samples).toEqual([]);
  });

  it('refuses a file that is not a zip', () => {
    expect(refusal(strToU8('just some text'))).toEqual([m.zipNotZip()]);
  });

  it('refuses a zip without a manifest', () => {
    expect(refusal(zipSync({ 'cats/1.png': encodePng({ width: 8, height: 8, channels: 1, pixels: new Uint8Array(64) }) }))).toEqual([m.zipNoManifest()]);
  });

  it('refuses a manifest that is not JSON, or not ours', () => {
    expect(refusal(zipSync({ 'manifest.json': strToU8('{nope') }))).toEqual([m.zipManifestNotJson()]);
    expect(refusal(zipSync({ 'manifest.json': strToU8('{"name":"x"}') }))).toEqual([m.recordNotOne({ noun: m.recordNounDatasetZip() })]);
    expect(refusal(zipSync({ 'manifest.json': strToU8('{"format":"netloom-graph","version":1}') }))[0]).toContain('Not a NetLoom dataset file');
  });

  it('refuses a manifest from a newer NetLoom', () => {
    const zip = withManifest(writeDatasetZip('d', GRAY, ['a'], samples(GRAY, 1, 2)), (m) => ({ ...m, version: 2 }));
    expect(refusal(zip)).toEqual([m.recordNewer({ noun: m.recordNounDatasetZip(), found: 2, current: 1 })]);
  });

  it('refuses a sample whose class does not exist', () => {
    const zip = withManifest(writeDatasetZip('d', GRAY, ['a'], samples(GRAY, 1, 2)), (m) => ({ ...m, samples: [...(m.samples as object[]), { file: 'a/00001.png', class: 3, name: '' }] }));
    expect(refusal(zip)).toEqual([m.zipBadSample({ n: 3 })]);
  });

  it('refuses a zip missing a listed PNG', () => {
    const files = unzipSync(writeDatasetZip('d', GRAY, ['a', 'b'], samples(GRAY, 2, 4)));
    delete files['b/00002.png'];
    expect(refusal(zipSync(files))).toEqual([m.zipFileMissing({ file: 'b/00002.png' })]);
  });

  it('refuses an undecodable PNG, naming the file', () => {
    const files = unzipSync(writeDatasetZip('d', GRAY, ['a'], samples(GRAY, 1, 3)));
    files['a/00002.png'] = strToU8('not an image');
    expect(refusal(zipSync(files))).toEqual([m.zipImageUnreadable({ file: 'a/00002.png', why: m.pngNotPng() })]);
  });

  it('refuses images of another size or colour, listing a few and counting the rest', () => {
    const files = unzipSync(writeDatasetZip('d', GRAY, ['a'], samples(GRAY, 1, 8)));
    for (let i = 1; i <= 7; i++) files[`a/0000${i}.png`] = encodePng({ width: 32, height: 32, channels: 3, pixels: new Uint8Array(32 * 32 * 3) });
    const errors = refusal(zipSync(files));
    expect(errors).toHaveLength(6);
    expect(errors[0]).toBe(m.zipImageWrongSize({ file: 'a/00001.png', found: '32×32 RGB', expected: '28×28 grayscale' }));
    expect(errors[5]).toBe(m.zipMoreProblems({ n: 2 }));
  });

  it('opens a zip without decoding its images (the import decodes in steps to show progress)', () => {
    const opened = openDatasetZip(writeDatasetZip('d', RGB, ['a', 'b'], samples(RGB, 2, 5)));
    expect(opened.ok && Object.keys(opened.value.files).length).toBe(5);
  });
});
