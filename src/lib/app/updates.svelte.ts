import { m } from '$lib/i18n/messages';

/** Moves the page to the waiting version: activates the new service worker, then reloads. */
export type ApplyUpdate = () => Promise<void>;

/**
 * A new version of the app installed in the background and waiting. The page never reloads by
 * itself: the user asks for it, and not while a training run is busy, since a reload ends the run.
 */
export class AppUpdates {
  #apply = $state<ApplyUpdate | undefined>();
  #dismissed = $state(false);
  #busy: () => boolean;
  reloading = $state(false);

  /** `busy` says whether a reload now would cut work short (a training run in progress). */
  constructor(busy: () => boolean) {
    this.#busy = busy;
  }

  /** Whether the notice is on screen. */
  get shown(): boolean {
    return this.#apply !== undefined && !this.#dismissed;
  }

  /** Why Reload is refused right now, or undefined when it may go ahead. */
  get blockedReason(): string | undefined {
    return this.#busy() ? m.updateBlockedByTraining() : undefined;
  }

  get canReload(): boolean {
    return this.shown && !this.reloading && this.blockedReason === undefined;
  }

  /** Called by the service worker registration when a new version is installed and waiting. */
  offer(apply: ApplyUpdate): void {
    this.#apply = apply;
    this.#dismissed = false;
  }

  /** Hides the notice until the next version arrives; the waiting one activates at the next visit. */
  dismiss(): void {
    this.#dismissed = true;
  }

  async reload(): Promise<void> {
    if (!this.canReload || !this.#apply) return;
    this.reloading = true;
    await this.#apply();
  }
}
