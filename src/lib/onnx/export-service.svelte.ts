import { exportOnnx } from './export';
import { quantizeOnnx } from './int8';
import { summarise, type FormatSummary } from './format-summary';
import type { ProviderCheck } from './verify';
import { changedLayers } from '$lib/spec/same-graph';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { ValidationBatch } from '$lib/training/shared/protocol';
import { m } from '$lib/i18n/messages';

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
  /** The int8 twin of a float model; `quantizeOnnx` unless a test stands in. */
  quantize?(model: Uint8Array): Uint8Array;
}

/** Samples of the validation set run through ONNX Runtime for the parity check. */
const CHECK_SAMPLES = 64;

interface Built {
  /** The trained graph the bytes were written from: a new run gives a new one and makes them stale. */
  spec: GraphSpec;
  bytes: Uint8Array;
  checks: ProviderCheck[];
  /** The same model with int8 weights, checked on the same batch. */
  int8: Uint8Array;
  int8Checks: ProviderCheck[];
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
  int8Model = $derived(this.#currentBuilt?.int8 ?? null);
  /** Float and int8 side by side, once both have been checked. */
  comparison = $derived(this.#compare());
  exportLabel = $derived(this.stale && this.trainedSpec ? m.exportTrainedGraph({ name: this.trainedSpec.name }) : m.exportOnnx());
  verifyLabel = $derived(this.stale && this.trainedSpec ? m.verifyTrainedGraph({ name: this.trainedSpec.name }) : m.verifyOnnx());

  /** `session` and `current` are read on each use: the training run and the canvas (the graph now). */
  constructor(session: () => TrainedModel, current: () => GraphSpec, ports: ExportPorts) {
    this.#session = session;
    this.#current = current;
    this.#ports = ports;
  }

  get trainedSpec(): GraphSpec | null {
    return this.#session().trainedSpec;
  }

  #compare(): FormatSummary[] {
    const built = this.#currentBuilt;
    if (!built || built.int8Checks.length === 0) return [];
    return [summarise('float32', built.bytes, built.checks), summarise('int8', built.int8, built.int8Checks)];
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
    await this.#run('export', (why) => m.exportFailed({ why }), async (spec) => {
      const built = await this.#model(spec);
      this.#ports.download(built.bytes, `${fileStem(spec)}.onnx`);
    });
  }

  /** Writes the trained graph with int8 weights and hands it to the browser as a file. */
  async exportInt8File(): Promise<void> {
    await this.#run('export', (why) => m.exportFailed({ why }), async (spec) => {
      const built = await this.#model(spec);
      this.#ports.download(built.int8, `${fileStem(spec)}.int8.onnx`);
    });
  }

  /** Runs the written model in every ONNX Runtime provider against the worker's outputs on validation samples. */
  async verify(): Promise<void> {
    await this.#run('verify', (why) => m.checkFailed({ why }), async (spec) => {
      const built = await this.#model(spec);
      this.#built = { ...built, checks: [], int8Checks: [] };
      const batch = await this.#ports.validationBatch(CHECK_SAMPLES);
      const checks = await this.#ports.verify(built.bytes, batch);
      this.#built = { ...built, checks, int8Checks: [] };
      const int8Checks = await this.#ports.verify(built.int8, batch);
      this.#built = { ...built, checks, int8Checks };
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
    const bytes = build(spec, await this.#ports.weights());
    this.#built = { spec, bytes, checks: [], int8: (this.#ports.quantize ?? quantizeOnnx)(bytes), int8Checks: [] };
    return this.#built;
  }
}

function fileStem(spec: GraphSpec): string {
  return spec.name.replace(/[^\w-]+/g, '_') || 'model';
}
