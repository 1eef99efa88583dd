/** Pause / continue / stop requests from the UI, checked by the loop between steps. */
export class RunControl {
  private stopRequested = false;
  private paused: { promise: Promise<void>; release: () => void } | null = null;
  /** Callers of `pause()` waiting for the loop to actually halt. */
  private acknowledge: (() => void)[] = [];

  get stopped(): boolean {
    return this.stopRequested;
  }

  get pauseRequested(): boolean {
    return this.paused !== null;
  }

  /** Resolves once the loop has halted between two steps (or the run ended), so the UI can say "Paused" truthfully. */
  pause(): Promise<void> {
    if (this.stopRequested) return Promise.resolve();
    if (!this.paused) {
      let release = () => {};
      const promise = new Promise<void>((resolve) => (release = resolve));
      this.paused = { promise, release };
    }
    return new Promise((resolve) => this.acknowledge.push(resolve));
  }

  proceed(): void {
    this.paused?.release();
    this.paused = null;
    this.settle();
  }

  /** A stop also ends a pause, so a paused run can be stopped. */
  stop(): void {
    this.stopRequested = true;
    this.proceed();
  }

  /**
   * Lets queued messages (pause, stop) run. On the cpu backend a step never waits for anything
   * but microtasks, so without a macrotask here the worker would read no message until the
   * epoch's checkpoint write. A MessageChannel post is not clamped to 4 ms like a nested setTimeout.
   */
  yieldToMessages(): Promise<void> {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }

  /** Resolves immediately unless paused; then when continued or stopped. */
  async waitWhilePaused(): Promise<void> {
    while (this.paused) {
      this.settle();
      await this.paused.promise;
    }
  }

  private settle(): void {
    for (const resolve of this.acknowledge.splice(0)) resolve();
  }
}
