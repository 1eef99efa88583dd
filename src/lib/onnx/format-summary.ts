import type { OrtProvider } from '$lib/devices/shared/table';
import type { ProviderCheck } from './verify';

export type ModelFormat = 'float32' | 'int8';

/** One exported file side by side with the other: size, speed per provider, and how well it classifies. */
export interface FormatSummary {
  format: ModelFormat;
  bytes: number;
  /** Mean latency per provider that ran the file; a provider that failed or was unavailable is absent. */
  latencyMs: Partial<Record<OrtProvider, number>>;
  /** Top-1 accuracy on the validation batch, from the WASM run (the reference provider) where it ran. */
  accuracy: number | null;
  /** Share of the batch where the file's top class is the float (tfjs) model's. */
  agreement: number | null;
}

export function summarise(format: ModelFormat, model: Uint8Array, checks: readonly ProviderCheck[]): FormatSummary {
  const ran = checks.filter((c) => c.ok);
  const reference = ran.find((c) => c.provider === 'wasm') ?? ran[0];
  return {
    format,
    bytes: model.byteLength,
    latencyMs: Object.fromEntries(ran.map((c) => [c.provider, c.latencyMs])),
    accuracy: reference?.accuracy ?? null,
    agreement: reference?.agreement ?? null,
  };
}
