/**
 * Learning-rate schedules as pure functions of training progress, so the worker (per batch) and
 * the settings preview chart compute exactly the same curve.
 */
import type { LrScheduleConfig, ScheduleConfig } from './config';

/** Factor applied to the base rate, `t` epochs into a base schedule that lasts `span` epochs. */
function baseFactor(cfg: ScheduleConfig, t: number, span: number): number {
  switch (cfg.kind) {
    case 'constant':
      return 1;
    case 'step':
      return cfg.gamma ** Math.floor(t / cfg.stepEpochs);
    case 'exponential':
      return cfg.gamma ** t;
    case 'cosine': {
      // With no epochs left after warm-up there is nothing to anneal over: stay at the end value.
      const done = span > 0 ? Math.min(t / span, 1) : 1;
      return cfg.minFactor + (1 - cfg.minFactor) * 0.5 * (1 + Math.cos(Math.PI * done));
    }
  }
}

/**
 * The learning rate after `epochProgress` epochs (fractional). A linear warm-up from 0 to
 * `baseLr` over `warmupEpochs` comes first; the base schedule then runs over the remaining
 * `totalEpochs - warmupEpochs` epochs, starting at `baseLr`.
 *
 * The trainer should sample at the middle of each batch, `epoch + (batch + 0.5) / batchesPerEpoch`
 * (0-based epoch and batch): the first warm-up step is then small but not zero, and step drops
 * fall exactly on epoch boundaries.
 */
export function learningRateAt(cfg: LrScheduleConfig, baseLr: number, epochProgress: number, totalEpochs: number): number {
  const p = Math.max(0, epochProgress);
  if (p < cfg.warmupEpochs) return (baseLr * p) / cfg.warmupEpochs;
  return baseLr * baseFactor(cfg.base, p - cfg.warmupEpochs, totalEpochs - cfg.warmupEpochs);
}

/** `points` evenly spaced samples from epoch 0 to `totalEpochs` inclusive, for a preview chart. */
export function sampleSchedule(
  cfg: LrScheduleConfig,
  baseLr: number,
  totalEpochs: number,
  points: number,
): { epoch: number; lr: number }[] {
  const n = Math.max(2, Math.floor(points));
  return Array.from({ length: n }, (_, i) => {
    const epoch = (totalEpochs * i) / (n - 1);
    return { epoch, lr: learningRateAt(cfg, baseLr, epoch, totalEpochs) };
  });
}
