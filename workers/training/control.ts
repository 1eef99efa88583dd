/** Pause / continue / stop requests from the UI, checked by the loop between steps. */
export class RunControl {
  private stopRequested = false;
  private paused: { promise: Promise<void>; release: () => void } | null = null;

  get stopped(): boolean {
    return this.stopRequested;
  }

  pause(): void {
    if (this.paused || this.stopRequested) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.paused = { promise, release };
  }

  proceed(): void {
    this.paused?.release();
    this.paused = null;
  }

  /** A stop also ends a pause, so a paused run can be stopped. */
  stop(): void {
    this.stopRequested = true;
    this.proceed();
  }

  /** Resolves immediately unless paused; then when continued or stopped. */
  async waitWhilePaused(): Promise<void> {
    while (this.paused) await this.paused.promise;
  }
}
