/**
 * What `netloom export --format` can write: one entry per format, each a function of the graph, its
 * weights (trained, or the seeded initial ones) and, from a project, its training settings, to the
 * file's bytes. A new exporter joins the command, its help and its checks with one line here.
 */
import { exportOnnx } from '$lib/onnx/export';
import { exportOnnxInt8 } from '$lib/onnx/int8';
import { exportPytorch } from '$lib/export/pytorch/export';
import { pytorchBundle } from '$lib/export/pytorch/bundle';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { TrainingConfig } from '$lib/training/shared/config';
import type { AugmentConfig } from '$lib/training/shared/augment';

export interface ExportInput {
  spec: GraphSpec;
  weights: ModelWeights;
  /** A project's training settings, which the PyTorch script's loop reproduces; NetLoom's defaults otherwise. */
  training: { config: TrainingConfig; augment: AugmentConfig } | null;
}

export type ExportFormat = (input: ExportInput) => Uint8Array;

export const FORMATS = {
  onnx: ({ spec, weights }) => exportOnnx(spec, weights),
  'onnx-int8': ({ spec, weights }) => exportOnnxInt8(spec, weights),
  // The script and its .npz in one zip, as the app's export panel downloads them.
  pytorch: ({ spec, weights, training }) => pytorchBundle(exportPytorch(spec, weights, training?.config, training?.augment)),
} satisfies Record<string, ExportFormat>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
