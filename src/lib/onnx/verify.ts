import { nhwcToNchw } from './layout';
import type { ValidationBatch } from '$lib/training/shared/protocol';
import { maxAbsDiff } from '$lib/util/compare';
import { ORT_PROVIDERS, ortProviderUsable, type OrtProvider } from '$lib/devices/shared/table';
import { probeWebGpu } from '$lib/devices/client/probe';
import { messages } from '$lib/i18n/messages';

/** Agreement needed between ONNX Runtime and tfjs on the same batch. */
export const PARITY_TOLERANCE = 1e-4;

export type ProviderCheck =
  | { provider: OrtProvider; ok: true; latencyMs: number; maxAbsDiff: number; agrees: boolean }
  | { provider: OrtProvider; ok: false; error: string };

/** Runs the exported model on every ONNX Runtime provider and compares with the tfjs outputs of the same batch. */
export async function verifyOnnx(model: Uint8Array, batch: ValidationBatch): Promise<ProviderCheck[]> {
  // onnxruntime-web is loaded on first use, keeping its ~600 kB out of the editor's start-up.
  const { runModel } = await import('./runtime');
  const webgpu = await probeWebGpu();
  const [n, h, w, c] = batch.shape;
  const input = nhwcToNchw(batch.images, n, h, w, c);
  const checks: ProviderCheck[] = [];
  for (const provider of ORT_PROVIDERS) {
    if (!ortProviderUsable(provider, webgpu)) {
      checks.push({ provider, ok: false, error: messages.providerUnavailable });
      continue;
    }
    try {
      const result = await runModel(model, provider, input, [n, c, h, w]);
      const diff = maxAbsDiff(result.output, batch.outputs);
      checks.push({ provider, ok: true, latencyMs: result.latencyMs, maxAbsDiff: diff, agrees: diff <= PARITY_TOLERANCE });
    } catch (error) {
      checks.push({ provider, ok: false, error: (error as Error).message });
    }
  }
  return checks;
}
