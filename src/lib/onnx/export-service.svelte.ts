import { exportOnnx } from './export';
import type { ProviderCheck } from './verify';
import { changedLayers } from '$lib/spec/same-graph';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { ValidationBatch } from '$lib/training/shared/protocol';
import { messages } from '$lib/i18n/messages';

/** What the export needs to know about training: whether a finished model exists, and which graph it is. */
export interface TrainedModel {
  readonly hasModel: boolean;
  readonly status: string;
  /** The graph the worker trained; its weights fit this graph, not the (possibly edited) canvas. */
  readonly trainedSpec: GraphSpec | null;
}

/** The outside world of an export: the worker's weights and batch, the ORT check, the browser's download. */
export interface ExportPorts {
  weights(): Promise<ModelWeights>;
  validationBatch(maxSamples: number): Promise<ValidationBatch>;
  verify(model: Uint8Array, batch: ValidationBatch): Promise<ProviderCheck[]>;
  download(bytes: Uint8Array, filename: string): void;
  build?(spec: GraphSpec, weights: ModelWeights): Uint8Array;
}

/** Samples of the validation set run through ONNX Runtime for the parity check. */
const CHECK_SAMPLES = 64;

interface Built {
  /** The trained graph the bytes were written from: a new run gives a new one and makes them stale. */
  spec: GraphSpec;
  bytes: Uint8Array;
  checks: ProviderCheck[];
}

/**
 * Export → download → ONNX Runtime check for the trained model. Always writes the graph that was
 * trained (its weights fit nothing else) and says so when the canvas has changed since.
 */
export class ExportService {
  readonly #session: () => TrainedModel;
  readonly #current: () => GraphSpec;
  readonly #ports: ExportPorts;

  working = $state<'export' | 'verify' | null>(null);
  error = $state<string | null>(null);
  #built = $state.raw<Built | null>(null);

  /** A finished run left a model to export. */
  ready = $derived(this.trainedSpec !== null && this.#ready());
  /** Layers edited, added or removed on the canvas since training; empty when the canvas is the trained graph. */
  changedSinceTraining = $derived(this.#changes());
  stale = $derived(this.changedSinceTraining.length > 0);
  /** The file written from the finished run, once exported or checked; a new run makes it stale. */
  #currentBuilt = $derived(this.ready && this.#built?.spec === this.trainedSpec ? this.#built : null);
  model = $derived(this.#currentBuilt?.bytes ?? null);
  checks = $derived(this.#currentBuilt?.checks ?? []);
  exportLabel = $derived(this.stale && this.trainedSpec ? messages.exportTrainedGraph(this.trainedSpec.name) : messages.exportOnnx);
  verifyLabel = $derived(this.stale && this.trainedSpec ? messages.verifyTrainedGraph(this.trainedSpec.name) : messages.verifyOnnx);

  /** `session` and `current` are read on each use: the training run and the canvas (the graph now). */
  constructor(session: () => TrainedModel, current: () => GraphSpec, ports: ExportPorts) {
    this.#session = session;
    this.#current = current;
    this.#ports = ports;
  }

  get trainedSpec(): GraphSpec | null {
    return this.#session().trainedSpec;
  }

  #changes(): string[] {
    const trained = this.trainedSpec;
    return trained && this.#ready() ? changedLayers(trained, this.#current()) : [];
  }

  #ready(): boolean {
    const session = this.#session();
    return session.hasModel && session.status === 'done';
  }

  /** Writes the trained graph as ONNX and hands it to the browser as a file. */
  async exportFile(): Promise<void> {
    await this.#run('export', messages.exportFailed, async (spec) => {
      const built = await this.#model(spec);
      this.#ports.download(built.bytes, `${spec.name.replace(/[^\w-]+/g, '_') || 'model'}.onnx`);
    });
  }

  /** Runs the written model in every ONNX Runtime provider against the worker's outputs on validation samples. */
  async verify(): Promise<void> {
    await this.#run('verify', messages.checkFailed, async (spec) => {
      const built = await this.#model(spec);
      this.#built = { ...built, checks: [] };
      const checks = await this.#ports.verify(built.bytes, await this.#ports.validationBatch(CHECK_SAMPLES));
      this.#built = { ...built, checks };
    });
  }

  async #run(kind: 'export' | 'verify', failure: (why: string) => string, task: (spec: GraphSpec) => Promise<void>): Promise<void> {
    const spec = this.trainedSpec;
    if (!spec || !this.ready || this.working) return;
    this.working = kind;
    this.error = null;
    try {
      await task(spec);
    } catch (e) {
      this.error = failure((e as Error).message);
    } finally {
      this.working = null;
    }
  }

  async #model(spec: GraphSpec): Promise<Built> {
    if (this.#built?.spec === spec) return this.#built;
    const build = this.#ports.build ?? exportOnnx;
    this.#built = { spec, bytes: build(spec, await this.#ports.weights()), checks: [] };
    return this.#built;
  }
}
