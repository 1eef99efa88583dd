/**
 * Trained weights inside a project file: one `.bin` per array (float32, little-endian, the tfjs
 * layout) and a JSON index naming each array's node, weight and shape. Reading checks every array
 * against the graph the weights were trained with, so a file whose weights would not load is
 * refused before anything is applied.
 */
import { m } from '$lib/i18n/messages';
import { accept, isFields, refuse, type Parsed } from '$lib/util/versioned';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { weightShapes } from './weight-shapes';

export interface WeightEntry {
  node: string;
  name: string;
  shape: number[];
  /** Path of the array's `.bin` inside the project zip. */
  file: string;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The float32 values as little-endian bytes, bit for bit (NaN payloads included on little-endian hosts). */
function toBytes(data: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  const out = new Uint8Array(data.length * 4);
  const view = new DataView(out.buffer);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

function fromBytes(bytes: Uint8Array): Float32Array {
  if (LITTLE_ENDIAN) return new Float32Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/** The index and the `.bin` files for `weights`, stored under `folder/`. */
export function writeWeights(weights: ModelWeights, folder: string): { index: WeightEntry[]; files: Record<string, Uint8Array> } {
  const index: WeightEntry[] = [];
  const files: Record<string, Uint8Array> = {};
  for (const [node, named] of Object.entries(weights)) {
    for (const w of named) {
      const file = `${folder}/${String(index.length).padStart(4, '0')}.bin`;
      index.push({ node, name: w.name, shape: [...w.shape], file });
      files[file] = toBytes(w.data);
    }
  }
  return { index, files };
}

const isEntry = (v: unknown): v is WeightEntry =>
  isFields(v) &&
  typeof v.node === 'string' &&
  typeof v.name === 'string' &&
  typeof v.file === 'string' &&
  Array.isArray(v.shape) &&
  v.shape.every((d) => Number.isInteger(d) && d >= 0);

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Every weight `spec` needs, each from its `.bin` and of the graph's shape; or every reason they do not fit. */
export function readWeights(index: unknown, files: Record<string, Uint8Array>, spec: GraphSpec): Parsed<ModelWeights> {
  if (!Array.isArray(index) || !index.every(isEntry)) return refuse(m.projectBadWeightIndex());
  const expected = weightShapes(spec);
  if (!expected) return refuse(m.projectWeightsNoGraph());
  const errors: string[] = [];
  const weights: ModelWeights = {};
  for (const entry of index) {
    const want = expected[entry.node]?.find((w) => w.name === entry.name);
    const label = `${entry.node}/${entry.name}`;
    if (!want) {
      errors.push(m.projectWeightUnknown({ weight: label }));
      continue;
    }
    if (!sameShape(want.shape, entry.shape)) {
      errors.push(m.projectWeightShape({ weight: label, found: entry.shape.join(', '), wanted: want.shape.join(', ') }));
      continue;
    }
    const bytes = files[entry.file];
    const size = entry.shape.reduce((a, b) => a * b, 1) * 4;
    if (!bytes) errors.push(m.projectPartMissing({ path: entry.file }));
    else if (bytes.length !== size) errors.push(m.projectWeightBytes({ file: entry.file, found: bytes.length, wanted: size }));
    else if ((weights[entry.node] ?? []).some((w) => w.name === entry.name)) errors.push(m.projectWeightTwice({ weight: label }));
    else (weights[entry.node] ??= []).push({ name: entry.name, shape: [...entry.shape], data: fromBytes(bytes) });
  }
  for (const [node, wanted] of Object.entries(expected)) {
    for (const w of wanted) if (!weights[node]?.some((have) => have.name === w.name) && !index.some((e) => e.node === node && e.name === w.name)) errors.push(m.projectWeightMissing({ weight: `${node}/${w.name}` }));
  }
  return errors.length > 0 ? refuse(...errors) : accept(weights);
}
