/**
 * NumPy's `.npz`: a zip of `.npy` files, one per array, which `numpy.load` opens without any other
 * library. Written here (the `.npy` header is a few lines) so the export needs nothing but fflate.
 * Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
import { zipSync } from 'fflate';

export interface NpyArray {
  shape: readonly number[];
  data: Float32Array;
}

const MAGIC = [0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0))];
/** Version 1.0: a 2-byte header length, enough for any header this writes. */
const VERSION = [1, 0];
/** numpy aligns the data to 64 bytes so it can be memory-mapped. */
const ALIGN = 64;

function shapeTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** One array as a version 1.0 `.npy` file: little-endian float32, C order. */
export function npy({ shape, data }: NpyArray): Uint8Array {
  const size = shape.reduce((a, d) => a * d, 1);
  if (size !== data.length) throw new Error(`Array of shape [${shape}] needs ${size} values, got ${data.length}`);
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeTuple(shape)}, }`;
  const prefix = MAGIC.length + VERSION.length + 2;
  const padded = dict.padEnd(Math.ceil((prefix + dict.length + 1) / ALIGN) * ALIGN - prefix - 1, ' ') + '\n';
  const out = new Uint8Array(prefix + padded.length + data.length * 4);
  out.set([...MAGIC, ...VERSION, padded.length & 0xff, padded.length >> 8]);
  for (let i = 0; i < padded.length; i++) out[prefix + i] = padded.charCodeAt(i);
  const view = new DataView(out.buffer, prefix + padded.length);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** Named arrays as an `.npz`; `numpy.load(path)[name]` gives each back. Stored uncompressed, as `numpy.savez` does. */
export function npz(arrays: Record<string, NpyArray>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(arrays).map(([name, a]) => [`${name}.npy`, npy(a)])), { level: 0 });
}
