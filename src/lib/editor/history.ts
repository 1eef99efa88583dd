export interface HistoryOptions<T> {
  /** Most undo steps kept; the oldest are dropped first. */
  cap?: number;
  /** Commits with the same merge key closer together than this become one step (one drag, one burst of typing). */
  mergeMs?: number;
  equals?: (a: T, b: T) => boolean;
}

/**
 * Linear undo history of immutable snapshots. Pure: the caller supplies the time, so merging is
 * deterministic in tests.
 */
export class History<T> {
  #past: T[] = [];
  #future: T[] = [];
  #present: T;
  #lastKey: string | null = null;
  #lastAt = -Infinity;
  readonly #cap: number;
  readonly #mergeMs: number;
  readonly #equals: (a: T, b: T) => boolean;

  constructor(initial: T, { cap = 100, mergeMs = 1000, equals = Object.is }: HistoryOptions<T> = {}) {
    this.#present = initial;
    this.#cap = cap;
    this.#mergeMs = mergeMs;
    this.#equals = equals;
  }

  get present(): T {
    return this.#present;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  /**
   * Records `state` as the new present. Returns false when nothing changed. A commit whose
   * `key` matches the previous commit's, within `mergeMs`, replaces it instead of adding a step.
   */
  commit(state: T, key: string | null = null, now = Date.now()): boolean {
    if (this.#equals(state, this.#present)) return false;
    const merge = key !== null && key === this.#lastKey && now - this.#lastAt <= this.#mergeMs;
    if (!merge) {
      this.#past.push(this.#present);
      if (this.#past.length > this.#cap) this.#past.shift();
    }
    this.#present = state;
    this.#future = [];
    this.#lastKey = key;
    this.#lastAt = now;
    return true;
  }

  /** The state to restore, or null when there is nothing to undo. */
  undo(): T | null {
    const previous = this.#past.pop();
    if (previous === undefined) return null;
    this.#future.push(this.#present);
    return this.#moveTo(previous);
  }

  redo(): T | null {
    const next = this.#future.pop();
    if (next === undefined) return null;
    this.#past.push(this.#present);
    return this.#moveTo(next);
  }

  #moveTo(state: T): T {
    this.#present = state;
    // An edit right after an undo must not merge into the step before it.
    this.#lastKey = null;
    return state;
  }
}
