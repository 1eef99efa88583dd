/**
 * The `onnx` suite of bench.html: each model is trained briefly by the app's worker (cpu), exported
 * as the Export panel does, and run on every ONNX Runtime provider at batch 1 and 32, with its
 * largest difference from the tfjs outputs of the same batch.
 */
import * as Comlink from 'comlink';
import { exportOnnx } from '$lib/onnx/export';
import { verifyOnnx } from '$lib/onnx/verify';
import { defaultSpec, PRESETS } from '$lib/spec/presets';
import type { GraphSpec } from '$lib/spec/types';
import { DEFAULT_TRAINING, defaultOptimizer } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT } from '$lib/training/shared/augment';
import type { TrainerApi, ValidationBatch } from '$lib/training/shared/protocol';

const CLASSES = 4;
const BATCHES = [1, 32];
const MODELS: Record<string, () => GraphSpec> = { default: () => defaultSpec(CLASSES), lenet5: () => PRESETS.lenet5(CLASSES) };

/** The first `n` samples of a validation batch, with their tfjs outputs. */
function firstOf(batch: ValidationBatch, n: number): ValidationBatch {
  const [, h, w, c] = batch.shape;
  const classes = batch.outputs.length / batch.shape[0];
  return { ...batch, images: batch.images.slice(0, n * h * w * c), shape: [n, h, w, c], labels: batch.labels.slice(0, n), outputs: batch.outputs.slice(0, n * classes) };
}

async function trained(spec: GraphSpec): Promise<{ model: Uint8Array; batch: ValidationBatch }> {
  const worker = new Worker(new URL('../workers/trainer.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<TrainerApi>(worker);
  try {
    await api.selectBackend('cpu');
    await api.train(
      {
        spec,
        dataset: { kind: 'shapes', count: 200, seed: 1, valFraction: 0.2 },
        config: { ...structuredClone(DEFAULT_TRAINING), epochs: 1, batchSize: 32, optimizer: { ...defaultOptimizer('adam'), learningRate: 0.01 } },
        augment: { ...DEFAULT_AUGMENT, enabled: false },
        seed: 1,
        checkpoints: false,
      },
      Comlink.proxy(() => undefined),
    );
    const batch = await api.validationBatch(Math.max(...BATCHES));
    return { model: exportOnnx(spec, await api.weights()), batch };
  } finally {
    worker.terminate();
  }
}

/** `?suite=onnx&models=default,lenet5`. */
export async function onnxSuite(params: URLSearchParams): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const id of (params.get('models') ?? 'default,lenet5').split(',')) {
    const spec = MODELS[id]();
    const { model, batch } = await trained(spec);
    for (const n of BATCHES) {
      if (batch.shape[0] < n) throw new Error(`only ${batch.shape[0]} validation samples for a batch of ${n}`);
      for (const check of await verifyOnnx(model, firstOf(batch, n))) {
        rows.push(
          check.ok
            ? { provider: check.provider, model: spec.name, batch: n, ms: Math.round(check.latencyMs * 100) / 100, parity_max_abs: check.maxAbsDiff }
            : { provider: check.provider, model: spec.name, batch: n, error: check.error },
        );
      }
    }
  }
  return rows;
}
