import * as Comlink from 'comlink';
import { trainer } from '../trainer/client';
import type { BackendChoice, BackendReport, TrainEvent, TrainRequest } from '../trainer/protocol';
import type { GraphSpec } from '../spec/types';

export type EpochPoint = Extract<TrainEvent, { type: 'epoch' }>;
export type BatchPoint = { x: number; loss: number };

export interface TrainSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  samples: number;
  seed: number;
}

export const DEFAULT_SETTINGS: TrainSettings = { epochs: 5, batchSize: 32, learningRate: 0.01, samples: 800, seed: 1 };

/** One training run as the UI sees it: settings, progress, curves and the final message. */
export class TrainingSession {
  settings = $state<TrainSettings>({ ...DEFAULT_SETTINGS });
  backendChoice = $state<BackendChoice>('auto');
  backend = $state<BackendReport | null>(null);
  status = $state<'idle' | 'starting' | 'training' | 'stopping' | 'done'>('idle');
  batches = $state.raw<BatchPoint[]>([]);
  epochs = $state.raw<EpochPoint[]>([]);
  progress = $state({ epoch: 0, batch: 0, batchesPerEpoch: 1, samplesPerSec: 0 });
  message = $state<string | null>(null);
  outcome = $state<Extract<TrainEvent, { type: 'done' }>['reason'] | null>(null);
  /** A trained model sits in the worker, ready to export. */
  hasModel = $state(false);
  /** The spec the worker trained; exports use it, not the possibly edited canvas. */
  trainedSpec = $state.raw<GraphSpec | null>(null);

  busy = $derived(this.status === 'starting' || this.status === 'training' || this.status === 'stopping');

  async start(spec: GraphSpec): Promise<void> {
    if (this.busy) return;
    this.status = 'starting';
    this.message = null;
    this.outcome = null;
    this.batches = [];
    this.epochs = [];
    try {
      this.backend = await trainer().selectBackend(this.backendChoice);
      this.trainedSpec = spec;
      const s = this.settings;
      const request: TrainRequest = {
        spec,
        dataset: { kind: 'shapes', count: s.samples, seed: s.seed, valFraction: 0.2 },
        epochs: s.epochs,
        batchSize: s.batchSize,
        learningRate: s.learningRate,
        seed: s.seed,
      };
      await trainer().train(request, Comlink.proxy((event: TrainEvent) => this.onEvent(event)));
    } catch (error) {
      this.status = 'done';
      this.outcome = 'failed';
      this.message = `Training could not start: ${(error as Error).message}`;
    }
  }

  stop(): void {
    if (this.status !== 'training') return;
    this.status = 'stopping';
    void trainer().stop();
  }

  private onEvent(event: TrainEvent): void {
    switch (event.type) {
      case 'start':
        this.status = 'training';
        this.hasModel = true;
        this.progress = { epoch: 1, batch: 0, batchesPerEpoch: event.batchesPerEpoch, samplesPerSec: 0 };
        break;
      case 'batch':
        this.progress = { ...this.progress, epoch: event.epoch, batch: event.batch, samplesPerSec: event.samplesPerSec };
        this.batches = [...this.batches, { x: event.epoch - 1 + event.batch / this.progress.batchesPerEpoch, loss: event.loss }];
        break;
      case 'epoch':
        this.epochs = [...this.epochs, event];
        break;
      case 'done':
        this.status = 'done';
        this.outcome = event.reason;
        this.message = event.message ?? null;
        break;
    }
  }
}
