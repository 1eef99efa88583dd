/**
 * The drawing pad's state: its strokes (point lists, so undo is exact and the pad can be
 * redrawn at any size) and the model's reading of them, updated while the user draws.
 */
import type { LiveSession } from './live-session.svelte';
import type { Prediction } from '$lib/live/shared/protocol';
import { drawingInput, type DrawingMethod, type GrayImage, type InputSize } from '$lib/live/shared/mnist-preprocess';
import { LatestOnly } from '$lib/live/shared/latest-only';
import { m } from '$lib/i18n/messages';
import { rasterize, type Point, type Stroke } from './strokes';

/** What the model said about the drawing, with how and at which size its input was made. */
export interface DrawingReading {
  prediction: Prediction;
  method: DrawingMethod;
  size: InputSize;
}

export type DrawingModel = Pick<LiveSession, 'classifyPixels' | 'size' | 'status'>;

export class DrawingPad {
  strokes = $state.raw<Stroke[]>([]);
  reading = $state.raw<DrawingReading | null>(null);
  error = $state<string | null>(null);
  readonly canUndo = $derived(this.strokes.length > 0);
  #drawing = false;
  // One classification in flight; strokes added meanwhile are read by the next one.
  readonly #classifier = new LatestOnly(() => this.#classify());

  get #live(): DrawingModel {
    return this.model();
  }

  constructor(
    /** A getter, so the component's current session is used. */
    private readonly model: () => DrawingModel,
    private readonly paint: (strokes: readonly Stroke[]) => GrayImage = rasterize,
  ) {}

  begin(point: Point): void {
    this.#drawing = true;
    this.strokes = [...this.strokes, [point]];
    this.refresh();
  }

  extend(point: Point): void {
    const last = this.strokes.at(-1);
    if (!this.#drawing || !last) return;
    this.strokes = [...this.strokes.slice(0, -1), [...last, point]];
    this.refresh();
  }

  end(): void {
    this.#drawing = false;
  }

  undo(): void {
    this.#drawing = false;
    this.strokes = this.strokes.slice(0, -1);
    if (this.strokes.length === 0) this.reading = null;
    this.refresh();
  }

  clear(): void {
    this.#drawing = false;
    this.strokes = [];
    this.reading = null;
  }

  /** Classifies the drawing again (it changed, or the model or runtime did). */
  refresh(): void {
    this.#classifier.request();
  }

  async #classify(): Promise<void> {
    const size = this.#live.size;
    if (this.#live.status !== 'ready' || !size || this.strokes.length === 0) return;
    const input = drawingInput(this.paint(this.strokes), size);
    if (!input) {
      this.reading = null;
      return;
    }
    try {
      const prediction = await this.#live.classifyPixels(input.pixels);
      // Cleared while the model was reading: the answer is about a drawing that is gone.
      if (this.strokes.length === 0) return;
      this.reading = { prediction, method: input.method, size };
      this.error = null;
    } catch (error) {
      this.error = m.liveClassifyFailed({ why: error instanceof Error ? error.message : String(error) });
    }
  }
}
