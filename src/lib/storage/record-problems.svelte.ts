/** A record saved in this browser that could not be read at start-up. */
export interface RecordProblem {
  /** What the user calls it (one of the `recordNouns_` messages). */
  noun: string;
  reasons: string[];
  /** The storage key that now holds the unreadable text, so nothing the user made is lost. */
  keptAs: string;
}

/**
 * Every unreadable record met since the page started, for the notice that says so. The readers run
 * before any component exists, hence one list they add to rather than a value they return.
 */
export const recordProblems = $state<RecordProblem[]>([]);
