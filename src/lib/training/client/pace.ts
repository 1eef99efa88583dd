/** Where a run stands, in the units the progress bars use. */
export interface RunPosition {
  /** 1-based epoch in progress. */
  epoch: number;
  /** Batches done in that epoch. */
  batch: number;
  batchesPerEpoch: number;
  epochs: number;
}

/** Weight of the newest batch event in the moving average: about the last five events (~0.5 s) count. */
const SMOOTHING = 0.2;

/**
 * Live speed and time left of one run, smoothed so the numbers a user reads do not jump: samples/s
 * is an exponential moving average over batch events, skipping the first one (shader compilation
 * and uploads make it unrepresentative); once an epoch has finished, the time left comes from the
 * epochs' own durations (which include validation), else from the averaged speed.
 */
export class Pace {
  private average: number | null = null;
  private skippedWarmUp = false;
  private epochSeconds: number[] = [];

  /** Samples per second, or null before there is a measurement. */
  get samplesPerSec(): number | null {
    return this.average;
  }

  observeBatch(samplesPerSec: number): void {
    if (!Number.isFinite(samplesPerSec) || samplesPerSec <= 0) return;
    if (!this.skippedWarmUp) {
      this.skippedWarmUp = true;
      return;
    }
    this.average = this.average === null ? samplesPerSec : this.average + SMOOTHING * (samplesPerSec - this.average);
  }

  observeEpoch(seconds: number): void {
    if (Number.isFinite(seconds) && seconds > 0) this.epochSeconds.push(seconds);
  }

  secondsLeft(at: RunPosition, samplesPerEpoch: number): number | null {
    const epochsLeft = at.epochs - at.epoch + 1 - at.batch / at.batchesPerEpoch;
    if (epochsLeft <= 0) return 0;
    if (this.epochSeconds.length > 0) {
      const mean = this.epochSeconds.reduce((a, b) => a + b, 0) / this.epochSeconds.length;
      return epochsLeft * mean;
    }
    if (this.average === null) return null;
    return (epochsLeft * samplesPerEpoch) / this.average;
  }
}
