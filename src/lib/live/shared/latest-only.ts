/**
 * Runs a task with at most one call in flight: requests made while it runs collapse into a single
 * re-run once it returns, which then sees the latest state. Live predictions use it so a drawing
 * updates as fast as the model answers, never queueing a backlog of stale strokes. The task handles
 * its own failures (a rejected call would end the run unreported). Pure.
 */
export class LatestOnly {
  #running = false;
  #again = false;

  constructor(private readonly task: () => Promise<void>) {}

  request(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    void this.#run();
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      do {
        this.#again = false;
        await this.task();
      } while (this.#again);
    } finally {
      this.#running = false;
    }
  }
}
