/**
 * Images the user uploaded, pasted or dropped on the Use tab: one card each, classified one after
 * another and again whenever the model or runtime changes. Files are kept (not their decoded
 * bitmaps, which the worker takes and closes) so a card can be re-run.
 */
import type { LiveSession } from './live-session.svelte';
import type { Prediction } from '$lib/live/shared/protocol';
import type { InputSize } from '$lib/live/shared/mnist-preprocess';
import { imageTypeProblem } from '$lib/datasets/shared/image-files';
import { m } from '$lib/i18n/messages';

export interface ImageCard {
  id: number;
  /** The file's name, shown as text. */
  name: string;
  /** 'waiting' for the model or for its turn; 'failed' with a `problem` to show. */
  state: 'waiting' | 'done' | 'failed';
  prediction?: Prediction;
  /** The model's input size when `prediction` was made (its `input` is h × w × c). */
  size?: InputSize;
  /** Which runtime made `prediction` (e.g. "TensorFlow.js on webgl"). */
  runtime?: string;
  problem?: string;
}

export type ImageModel = Pick<LiveSession, 'classifyImage' | 'size' | 'status' | 'report'>;

/** An image fitted whole inside the model's input: nothing of a pasted screenshot is cut off. */
const FRAME = { fit: 'pad', mirror: false } as const;

export class ImageCards {
  cards = $state.raw<ImageCard[]>([]);
  readonly #files = new Map<number, Blob>();
  #nextId = 1;
  /** Bumped by `rerun`: a result from an older round is about a model no longer loaded. */
  #round = 0;
  #queue: Promise<void> = Promise.resolve();

  get #live(): ImageModel {
    return this.model();
  }

  constructor(
    /** A getter, so the component's current session is used. */
    private readonly model: () => ImageModel,
    private readonly decode: (file: Blob) => Promise<ImageBitmap> = (file) => createImageBitmap(file),
  ) {}

  /** Adds a card per file; a file that is not an image gets its card with the reason. Resolves once all are classified. */
  add(files: readonly File[]): Promise<void> {
    for (const file of files) {
      const id = this.#nextId++;
      const problem = imageTypeProblem(file.name, file.type);
      this.cards = [...this.cards, problem ? { id, name: file.name, state: 'failed', problem } : { id, name: file.name, state: 'waiting' }];
      if (problem) continue;
      this.#files.set(id, file);
      this.#enqueue(id);
    }
    return this.#queue;
  }

  remove(id: number): void {
    this.#files.delete(id);
    this.cards = this.cards.filter((c) => c.id !== id);
  }

  /** Classifies every image again, e.g. on a new model or runtime. */
  rerun(): Promise<void> {
    this.#round++;
    for (const id of this.#files.keys()) this.#enqueue(id);
    return this.#queue;
  }

  #enqueue(id: number): void {
    const round = this.#round;
    this.#queue = this.#queue.then(() => this.#classify(id, round));
  }

  async #classify(id: number, round: number): Promise<void> {
    const file = this.#files.get(id);
    const { size, report } = this.#live;
    // Without a ready model the card waits: `rerun` comes once one is loaded.
    if (!file || round !== this.#round || this.#live.status !== 'ready' || !size) return;
    let image: ImageBitmap;
    try {
      image = await this.decode(file);
    } catch {
      this.#files.delete(id);
      this.#update(id, { state: 'failed', problem: m.undecodable() });
      return;
    }
    try {
      const prediction = await this.#live.classifyImage(image, FRAME);
      if (round === this.#round) this.#update(id, { state: 'done', prediction, size, runtime: report?.detail, problem: undefined });
    } catch (error) {
      this.#update(id, { state: 'failed', problem: m.liveClassifyFailed({ why: error instanceof Error ? error.message : String(error) }) });
    }
  }

  #update(id: number, patch: Partial<ImageCard>): void {
    this.cards = this.cards.map((c) => (c.id === id ? { ...c, ...patch } : c));
  }
}
