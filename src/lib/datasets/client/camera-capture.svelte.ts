/**
 * Capturing camera frames into a dataset, Teachable-Machine style: hold a class's button to record
 * at a chosen rate, or take one shot. Frames are stored in small batches while recording, so the
 * counts grow as you hold; a batch storage refuses (a full disk) stops the recording and keeps
 * every earlier batch.
 */
import type { NewSample } from '$lib/datasets/shared/user-dataset';

/** Frames per second a person can choose. */
export const CAPTURE_RATES = [2, 5, 10] as const;
export type CaptureRate = (typeof CAPTURE_RATES)[number];

/** Keys that record while held on a focused record button, as a pointer does. */
export const HOLD_KEYS: readonly string[] = [' ', 'Enter'];

/** About two writes a second whatever the rate: counts move while recording, storage is not hit per frame. */
export function batchSize(rate: number): number {
  return Math.max(1, Math.ceil(rate / 2));
}

/** Calls `tick` every `ms` until the returned function is called. */
export interface Ticker {
  every(ms: number, tick: () => void): () => void;
}

const intervalTicker: Ticker = {
  every(ms, tick) {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

export interface CaptureTarget {
  /** The camera's current frame as the dataset stores it, or null while there is none. */
  grab(): Uint8Array | null;
  /** Stores samples all together; false when storage refused them (the caller shows why). */
  store(samples: NewSample[]): Promise<boolean>;
}

/** One hold of a record button (or one shot): its frames waiting to be stored, and whether storage refused one. */
interface Take {
  classId: number;
  pending: NewSample[];
  refused: boolean;
}

export class CameraCapture {
  rate = $state<CaptureRate>(5);
  /** The class being recorded, or null. */
  recording = $state<number | null>(null);
  /** Batches taken but not yet stored: a count still to grow. */
  writing = $state(0);

  private take: Take | null = null;
  private stopTicker: (() => void) | null = null;
  /** Writes run one after another, so batches are stored in the order they were taken. */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly target: CaptureTarget,
    private readonly ticker: Ticker = intervalTicker,
  ) {}

  /** Starts recording `classId`: one frame now, then one per 1/rate seconds. Ignored while another hold runs. */
  hold(classId: number): void {
    if (this.recording !== null) return;
    const take: Take = { classId, pending: [], refused: false };
    this.take = take;
    this.recording = classId;
    this.grabInto(take);
    this.stopTicker = this.ticker.every(1000 / this.rate, () => this.grabInto(take));
  }

  /** Stops recording and stores what is left; resolves when every frame taken is stored (or refused). */
  release(): Promise<void> {
    const take = this.take;
    this.stopRecording();
    if (take) this.flush(take);
    return this.writes;
  }

  /** Stores one frame into `classId`; resolves once it is stored (or refused). */
  shot(classId: number): Promise<void> {
    if (this.recording !== null) return this.writes;
    const take: Take = { classId, pending: [], refused: false };
    this.grabInto(take);
    this.flush(take);
    return this.writes;
  }

  private grabInto(take: Take): void {
    const pixels = this.target.grab();
    if (!pixels) return;
    take.pending.push({ classId: take.classId, origin: 'camera', name: '', pixels });
    if (take.pending.length >= batchSize(this.rate)) this.flush(take);
  }

  private flush(take: Take): void {
    if (take.pending.length === 0) return;
    const samples = take.pending;
    take.pending = [];
    this.writing++;
    this.writes = this.writes.then(async () => {
      try {
        if (take.refused || (await this.target.store(samples))) return;
        take.refused = true;
        if (this.take === take) this.stopRecording();
      } finally {
        this.writing--;
      }
    });
  }

  private stopRecording(): void {
    this.stopTicker?.();
    this.stopTicker = null;
    this.take = null;
    this.recording = null;
  }
}
