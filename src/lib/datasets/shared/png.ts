/**
 * The PNG subset a dataset zip holds: 8-bit grayscale or RGB, no alpha, no interlacing. Writing
 * is the smallest valid file (one IDAT, filter 0 on every row); reading takes any of the five row
 * filters, so a PNG re-saved by an image editor in the same colour type still reads. Pure: no DOM.
 */
import { unzlibSync, zlibSync } from 'fflate';
import { m } from '$lib/i18n/messages';
import { accept, refuse, type Parsed } from '$lib/util/versioned';

export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3;
  /** height × width × channels, row-major, channels last. */
  pixels: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const GRAY = 0;
const RGB = 2;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG (and zip) define it. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export function encodePng({ width, height, channels, pixels }: RasterImage): Uint8Array<ArrayBuffer> {
  const stride = width * channels;
  if (pixels.length !== stride * height) throw new RangeError(`encodePng: ${pixels.length} bytes for ${width}×${height}×${channels}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, channels === 1 ? GRAY : RGB, 0, 0, 0], 8);
  const rows = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', header), chunk('IDAT', zlibSync(rows)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

interface Chunk {
  type: string;
  data: Uint8Array;
}

/** The file's chunks up to IEND, each checked against its CRC; a reason when the file is cut short or damaged. */
function readChunks(bytes: Uint8Array): Parsed<Chunk[]> {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) return refuse(m.pngNotPng());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  for (let at = 8; ; ) {
    if (at + 12 > bytes.length) return refuse(m.pngTruncated());
    const length = view.getUint32(at);
    if (at + 12 + length > bytes.length) return refuse(m.pngTruncated());
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) return refuse(m.pngDamaged({ chunk: type }));
    chunks.push({ type, data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') return accept(chunks);
  }
}

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Undoes the per-row filters (PNG filter method 0, types 0–4) into `out`; false on an unknown filter type. */
function unfilter(rows: Uint8Array, out: Uint8Array, height: number, stride: number, bpp: number): boolean {
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const type = rows[y * (stride + 1)];
    if (type > 4) return false;
    const src = rows.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? out.subarray((y - 1) * stride, y * stride) : zero;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? row[x - bpp] : 0;
      const b = up[x];
      let predictor = 0;
      if (type === 1) predictor = a;
      else if (type === 2) predictor = b;
      else if (type === 3) predictor = (a + b) >> 1;
      else if (type === 4) predictor = paeth(a, b, x >= bpp ? up[x - bpp] : 0);
      row[x] = (src[x] + predictor) & 0xff;
    }
  }
  return true;
}

export function decodePng(bytes: Uint8Array): Parsed<RasterImage> {
  const read = readChunks(bytes);
  if (!read.ok) return read;
  const chunks = read.value;
  const header = chunks[0];
  if (header?.type !== 'IHDR' || header.data.length !== 13) return refuse(m.pngNoHeader());
  const view = new DataView(header.data.buffer, header.data.byteOffset, 13);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [depth, colour, compression, filter, interlace] = header.data.subarray(8);
  if (depth !== 8 || (colour !== GRAY && colour !== RGB) || compression !== 0 || filter !== 0 || interlace !== 0) return refuse(m.pngUnsupported());
  if (width === 0 || height === 0 || width * height > 4096 * 4096) return refuse(m.pngNoHeader());
  const channels = colour === GRAY ? 1 : 3;
  const stride = width * channels;
  const idat = chunks.filter((c) => c.type === 'IDAT').map((c) => c.data);
  const compressed = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  idat.reduce((at, d) => (compressed.set(d, at), at + d.length), 0);
  let rows: Uint8Array;
  try {
    // Room for one byte more than the image needs: a longer stream is damaged, and is never inflated in full.
    rows = unzlibSync(compressed, { out: new Uint8Array((stride + 1) * height + 1) });
  } catch {
    return refuse(m.pngDamaged({ chunk: 'IDAT' }));
  }
  if (rows.length !== (stride + 1) * height) return refuse(m.pngDamaged({ chunk: 'IDAT' }));
  const pixels = new Uint8Array(stride * height);
  if (!unfilter(rows, pixels, height, stride, channels)) return refuse(m.pngDamaged({ chunk: 'IDAT' }));
  return accept({ width, height, channels, pixels });
}
