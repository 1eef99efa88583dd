/**
 * What `netloom export --format` can write: one entry per format, each a function of the graph and
 * its weights (trained, or the seeded initial ones) to the file's bytes. A new exporter joins the
 * command, its help and its checks with one line here.
 */
import { exportOnnx } from '$lib/onnx/export';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';

export type ExportFormat = (spec: GraphSpec, weights: ModelWeights) => Uint8Array | Promise<Uint8Array>;

export const FORMATS = {
  onnx: (spec, weights) => exportOnnx(spec, weights),
} satisfies Record<string, ExportFormat>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
