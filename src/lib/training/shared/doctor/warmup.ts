import type { DoctorInput, Finding } from './findings';

/**
 * Common recipes warm up for 5–10 % of training. Beyond 30 % the base schedule (a cosine's whole
 * decay, say) is squeezed into what is left, and the full rate is reached late.
 */
export const WARMUP_MAX_SHARE = 0.3;
/** What to suggest instead: a tenth of the run, in the field's half-epoch steps. */
export const WARMUP_SUGGESTED_SHARE = 0.1;

/** A learning-rate warm-up that takes too much of the run. */
export function longWarmup({ config }: DoctorInput): Finding | null {
  const { warmupEpochs } = config.schedule;
  const totalEpochs = config.epochs;
  if (warmupEpochs <= totalEpochs * WARMUP_MAX_SHARE) return null;
  const tryWarmupEpochs = Math.max(0.5, Math.round(totalEpochs * WARMUP_SUGGESTED_SHARE * 2) / 2);
  return { rule: 'long-warmup', severity: 'advice', epochs: { first: 1, last: Math.ceil(warmupEpochs) }, warmupEpochs, totalEpochs, tryWarmupEpochs };
}
