/**
 * The live demo's state: which model is loaded in the live worker, on which runtime, and whether
 * it is ready. Webcam, drawing pad and image cards all classify through this one session.
 */
import * as Comlink from 'comlink';
import type { FrameOptions, LiveApi, LiveImage, LiveModel, LiveRuntime, LoadReport, Prediction } from '$lib/live/shared/protocol';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { inputFormat } from '$lib/spec/io';
import { messages } from '$lib/i18n/messages';
import { DrawingPad } from './drawing-pad.svelte';
import { ImageCards } from './image-cards.svelte';

export type LiveStatus = 'empty' | 'loading' | 'ready' | 'failed';

/** A trained model as the training session knows it; its weights are fetched only when it is loaded. */
export interface TrainedSource {
  spec: GraphSpec;
  classes: string[];
  /** Training samples per class; a class with none is never claimed. */
  counts?: readonly number[];
  weights(): Promise<ModelWeights>;
}

export class LiveSession {
  runtime = $state<LiveRuntime>('ort-wasm');
  status = $state<LiveStatus>('empty');
  report = $state.raw<LoadReport | null>(null);
  error = $state<string | null>(null);
  /** The graph of the loaded model (compared by identity to know when a new run replaced it). */
  spec = $state.raw<GraphSpec | null>(null);
  classes = $state.raw<string[]>([]);
  /** Per class, whether training saw any sample of it. */
  trained = $state.raw<boolean[] | undefined>(undefined);
  readonly size = $derived(this.spec ? inputFormat(this.spec) : undefined);
  /** The drawing and the image cards belong to the session, not to the tab: they are still there when the user comes back. */
  readonly pad = new DrawingPad(() => this);
  readonly images = new ImageCards(() => this);
  #model: LiveModel | null = null;
  #api: Comlink.Remote<LiveApi> | null = null;
  #loads = 0;

  constructor(private readonly spawn: () => Worker = () => new Worker(new URL('../../../../workers/live.worker.ts', import.meta.url), { type: 'module', name: 'netloom-live' })) {}

  private get api(): Comlink.Remote<LiveApi> {
    this.#api ??= Comlink.wrap<LiveApi>(this.spawn());
    return this.#api;
  }

  /** Loads the trained model unless it is the one loaded already. */
  async useTrained(source: TrainedSource): Promise<void> {
    if (this.spec === source.spec && this.status !== 'failed') return;
    this.spec = source.spec;
    this.classes = source.classes;
    this.trained = source.counts?.map((n) => n > 0);
    this.status = 'loading';
    const weights = await source.weights();
    this.#model = { spec: $state.snapshot(source.spec) as GraphSpec, weights, classes: [...source.classes] };
    await this.load();
  }

  async setRuntime(runtime: LiveRuntime): Promise<void> {
    this.runtime = runtime;
    if (this.#model) await this.load();
  }

  private async load(): Promise<void> {
    const model = this.#model;
    if (!model) return;
    const load = ++this.#loads;
    this.status = 'loading';
    this.error = null;
    try {
      const report = await this.api.load(model, this.runtime);
      if (load !== this.#loads) return;
      this.report = report;
      this.status = 'ready';
    } catch (error) {
      if (load !== this.#loads) return;
      this.status = 'failed';
      this.error = messages.liveLoadFailed(messages.liveRuntimeNames[this.runtime], error instanceof Error ? error.message : String(error));
    }
  }

  /** Classifies an image of any size; the image is handed to the worker (transferred). */
  classifyImage(image: LiveImage, options: FrameOptions): Promise<Prediction> {
    return this.api.classifyImage(Comlink.transfer(image, [image]), options);
  }

  classifyPixels(pixels: Uint8Array): Promise<Prediction> {
    return this.api.classifyPixels(Comlink.transfer(pixels, [pixels.buffer as ArrayBuffer]));
  }
}
