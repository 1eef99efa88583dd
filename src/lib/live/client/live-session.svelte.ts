/**
 * The live demo's state: which model is loaded in the live worker, on which runtime, and whether
 * it is ready. Webcam, drawing pad and image cards all classify through this one session.
 */
import { liveRuntimeName } from '$lib/live/shared/runtime-names';
import * as Comlink from 'comlink';
import { untrack } from 'svelte';
import type { ForeignLiveModel, FrameOptions, LiveApi, LiveImage, LiveModel, LiveRuntime, LoadReport, Prediction, ProviderAgreement } from '$lib/live/shared/protocol';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { inputFormat } from '$lib/spec/io';
import { m } from '$lib/i18n/messages';
import { currentLocale, type Locale } from '$lib/i18n/locale';
import { DrawingPad } from './drawing-pad.svelte';
import { ImageCards } from './image-cards.svelte';
import { ForeignOpener } from './foreign-opener.svelte';

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
  /** A webcam frame as the model saw it, kept for a look inside the network. */
  frame = $state.raw<Uint8Array | null>(null);
  /** An ONNX model opened from a file, which replaces the trained one until it is closed or a new run finishes. */
  foreign = $state.raw<{ name: string; model: ForeignLiveModel } | null>(null);
  /** WebGPU against WASM on the foreign model; null while that is being measured. */
  agreement = $state.raw<ProviderAgreement | null>(null);
  readonly size = $derived(this.foreign ? this.foreign.model.input.geometry : this.spec ? inputFormat(this.spec) : undefined);
  readonly hasModel = $derived(this.spec !== null || this.foreign !== null);
  /** The drawing and the image cards belong to the session, not to the tab: they are still there when the user comes back. */
  readonly pad = new DrawingPad(() => this);
  readonly images = new ImageCards(() => this);
  readonly opener = new ForeignOpener(() => this);
  #model: LiveModel | null = null;
  #trainedClasses: { classes: string[]; trained: boolean[] | undefined } = { classes: [], trained: undefined };
  #api: Comlink.Remote<LiveApi> | null = null;
  #spoken: Locale | null = null;
  #loads = 0;

  constructor(private readonly spawn: () => Worker = () => new Worker(new URL('../../../../workers/live.worker.ts', import.meta.url), { type: 'module', name: 'netloom-live' })) {}

  private get api(): Comlink.Remote<LiveApi> {
    this.#api ??= Comlink.wrap<LiveApi>(this.spawn());
    // The worker's errors are shown as they come: it speaks the page's language (read untracked:
    // a language switch is no reason to re-run the effect that happens to call the worker).
    const locale = untrack(currentLocale);
    if (locale !== this.#spoken) {
      this.#spoken = locale;
      void this.#api.setLocale(locale).catch(() => undefined);
    }
    return this.#api;
  }

  /** Loads the trained model unless it is the one loaded already. */
  async useTrained(source: TrainedSource): Promise<void> {
    if (this.spec === source.spec && this.status !== 'failed') return;
    this.foreign = null;
    this.agreement = null;
    this.spec = source.spec;
    this.classes = source.classes;
    this.trained = source.counts?.map((n) => n > 0);
    this.#trainedClasses = { classes: this.classes, trained: this.trained };
    this.status = 'loading';
    const weights = await source.weights();
    this.#model = { spec: $state.snapshot(source.spec) as GraphSpec, weights, classes: [...source.classes] };
    await this.load();
  }

  /**
   * Runs a foreign model in place of the trained one. On opening, WebGPU is checked against WASM
   * on one batch (the model has no tfjs twin); when they disagree it runs on WASM.
   */
  async useForeign(name: string, model: ForeignLiveModel, classes: string[]): Promise<void> {
    const opening = this.foreign?.model.bytes !== model.bytes;
    this.foreign = { name, model };
    this.classes = classes;
    this.trained = undefined;
    if (this.runtime === 'tfjs') this.runtime = 'ort-wasm';
    if (opening) {
      this.status = 'loading';
      this.agreement = null;
      try {
        this.agreement = await this.api.compareForeign(model);
      } catch (error) {
        this.agreement = { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
      }
      if (this.agreement.kind !== 'agree') this.runtime = 'ort-wasm';
    }
    await this.load();
  }

  /** A foreign model runs on ONNX Runtime only, and on WebGPU only when WebGPU agreed with WASM. */
  runtimeUsable(runtime: LiveRuntime): boolean {
    if (!this.foreign) return true;
    return runtime === 'ort-wasm' || (runtime === 'ort-webgpu' && this.agreement?.kind === 'agree');
  }

  /** Back to the trained model, if there is one. */
  async closeForeign(): Promise<void> {
    this.foreign = null;
    this.agreement = null;
    ({ classes: this.classes, trained: this.trained } = this.#trainedClasses);
    if (this.#model) await this.load();
    else this.status = 'empty';
  }

  async setRuntime(runtime: LiveRuntime): Promise<void> {
    this.runtime = runtime;
    if (this.#model || this.foreign) await this.load();
  }

  private async load(): Promise<void> {
    const foreign = this.foreign?.model;
    const model = this.#model;
    if (!foreign && !model) return;
    const load = ++this.#loads;
    this.status = 'loading';
    this.error = null;
    try {
      const report = foreign ? await this.api.loadForeign(foreign, this.runtime) : await this.api.load(model as LiveModel, this.runtime);
      if (load !== this.#loads) return;
      this.report = report;
      this.status = 'ready';
    } catch (error) {
      if (load !== this.#loads) return;
      this.status = 'failed';
      this.error = m.liveLoadFailed({ runtime: liveRuntimeName(this.runtime), why: error instanceof Error ? error.message : String(error) });
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
