import { nhwcToNchw } from './layout';
import type { ValidationBatch } from '$lib/training/shared/protocol';
import { maxAbsDiff } from '$lib/util/compare';
import { ORT_PROVIDERS, ortProviderUsable, type OrtProvider } from '$lib/devices/shared/table';
import { probeWebGpu } from '$lib/devices/client/probe';
import { m } from '$lib/i18n/messages';
import { argmaxRows, topOneAgreement } from './agreement';

/** Agreement needed between ONNX Runtime and tfjs on the same batch. */
export const PARITY_TOLERANCE = 1e-4;

export type ProviderCheck =
  | {
      provider: OrtProvider;
      ok: true;
      latencyMs: number;
      maxAbsDiff: number;
      agrees: boolean;
      /** Share of the batch's samples whose label is the model's top class. */
      accuracy: number;
      /** Share of the batch where the model's top class is tfjs's (the float model's) top class. */
      agreement: number;
    }
  | { provider: OrtProvider; ok: false; error: string };

/**
 * Runs an exported model (float or int8) on every ONNX Runtime provider and compares it with the
 * tfjs outputs of the same batch: element-wise, and by the top class against labels and tfjs.
 */
export async function verifyOnnx(model: Uint8Array, batch: ValidationBatch): Promise<ProviderCheck[]> {
  // onnxruntime-web is loaded on first use, keeping its ~600 kB out of the editor's start-up.
  const { runModel } = await import('./runtime');
  const webgpu = await probeWebGpu();
  const [n, h, w, c] = batch.shape;
  const input = nhwcToNchw(batch.images, n, h, w, c);
  const width = batch.outputs.length / n;
  const reference = argmaxRows(batch.outputs, width);
  const checks: ProviderCheck[] = [];
  for (const provider of ORT_PROVIDERS) {
    if (!ortProviderUsable(provider, webgpu)) {
      checks.push({ provider, ok: false, error: m.providerUnavailable() });
      continue;
    }
    try {
      const result = await runModel(model, provider, input, [n, c, h, w]);
      const diff = maxAbsDiff(result.output, batch.outputs);
      const top = argmaxRows(result.output, width);
      checks.push({
        provider,
        ok: true,
        latencyMs: result.latencyMs,
        maxAbsDiff: diff,
        agrees: diff <= PARITY_TOLERANCE,
        accuracy: topOneAgreement(top, batch.labels),
        agreement: topOneAgreement(top, reference),
      });
    } catch (error) {
      checks.push({ provider, ok: false, error: (error as Error).message });
    }
  }
  return checks;
}
