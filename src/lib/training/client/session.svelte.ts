import * as Comlink from 'comlink';
import { trainer } from './bridge';
import type { BackendChoice, BackendReport, BatchPoint, DoneReason, EpochPoint, TrainEvent, TrainHistory } from '$lib/training/shared/protocol';
import type { GraphSpec } from '$lib/spec/types';
import { loadCheckpoint } from '$lib/storage/database';
import { messages } from '$lib/i18n/messages';
import { defaultSettings, settingsOf, trainRequest } from './settings';

export type { BatchPoint, EpochPoint };

export interface ClassInfo {
  classes: string[];
  counts: number[];
  weights: number[] | null;
}

/** One training run as the UI sees it: settings, progress, curves, checkpoints and the final message. */
export class TrainingSession {
  settings = $state(defaultSettings());
  backendChoice = $state<BackendChoice>('auto');
  backend = $state<BackendReport | null>(null);
  status = $state<'idle' | 'measuring' | 'starting' | 'training' | 'paused' | 'stopping' | 'done'>('idle');
  batches = $state.raw<BatchPoint[]>([]);
  epochs = $state.raw<EpochPoint[]>([]);
  bestEpoch = $state<number | null>(null);
  progress = $state({ epoch: 0, batch: 0, batchesPerEpoch: 1, samplesPerSec: 0, epochs: 1, firstEpoch: 1 });
  classInfo = $state.raw<ClassInfo | null>(null);
  /** Epochs saved in the checkpoint store for a run that can still be continued. */
  checkpointEpoch = $state<number | null>(null);
  resumable = $state(false);
  message = $state<string | null>(null);
  outcome = $state<DoneReason | null>(null);
  /** A trained model sits in the worker, ready to export. */
  hasModel = $state(false);
  /** The spec the worker trained; exports use it, not the possibly edited canvas. */
  trainedSpec = $state.raw<GraphSpec | null>(null);

  busy = $derived(['measuring', 'starting', 'training', 'paused', 'stopping'].includes(this.status));

  /** Offers to continue a run a reload interrupted, showing its curves so far. */
  async restore(): Promise<void> {
    const loaded = await loadCheckpoint();
    if (!loaded || this.status !== 'idle') return;
    if (!loaded.ok) {
      this.status = 'done';
      this.outcome = 'failed';
      this.message = messages.checkpointIgnored(loaded.errors[0]);
      return;
    }
    const checkpoint = loaded.value;
    if (checkpoint.finished) return;
    this.settings = settingsOf(checkpoint.request);
    this.showHistory(checkpoint.history);
    this.checkpointEpoch = checkpoint.epoch;
    this.resumable = true;
  }

  start(spec: GraphSpec): Promise<void> {
    this.trainedSpec = spec;
    this.checkpointEpoch = null;
    const request = trainRequest(spec, $state.snapshot(this.settings));
    return this.launch(spec, (onEvent) => trainer().train(request, onEvent));
  }

  /** Continues the saved run (after a reload, a stop or a divergence) from its last checkpoint. */
  async resume(): Promise<void> {
    const loaded = await loadCheckpoint();
    if (!loaded?.ok) return;
    const checkpoint = loaded.value;
    this.trainedSpec = checkpoint.request.spec;
    return this.launch(checkpoint.request.spec, (onEvent) => trainer().resume(onEvent));
  }

  private async launch(spec: GraphSpec, run: (onEvent: (e: TrainEvent) => void) => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.status = this.backendChoice === 'auto' ? 'measuring' : 'starting';
    this.message = null;
    this.outcome = null;
    this.resumable = false;
    try {
      this.backend = await trainer().selectBackend(this.backendChoice, spec);
      this.status = 'starting';
      await run(Comlink.proxy((event: TrainEvent) => this.onEvent(event)));
    } catch (error) {
      this.status = 'done';
      this.outcome = 'failed';
      this.message = `Training could not start: ${(error as Error).message}`;
    }
  }

  pause(): void {
    if (this.status !== 'training') return;
    this.status = 'paused';
    void trainer().pause();
  }

  proceed(): void {
    if (this.status !== 'paused') return;
    this.status = 'training';
    void trainer().proceed();
  }

  stop(): void {
    if (this.status !== 'training' && this.status !== 'paused') return;
    this.status = 'stopping';
    void trainer().stop();
  }

  private showHistory(history: TrainHistory): void {
    this.batches = history.batches;
    this.epochs = history.epochs;
    this.bestEpoch = history.bestEpoch;
  }

  private onEvent(event: TrainEvent): void {
    switch (event.type) {
      case 'start':
        if (this.status === 'starting') this.status = 'training';
        this.hasModel = true;
        this.showHistory(event.history);
        this.classInfo = { classes: event.classes, counts: event.classCounts, weights: event.classWeights };
        this.progress = { epoch: event.firstEpoch, batch: 0, batchesPerEpoch: event.batchesPerEpoch, samplesPerSec: 0, epochs: event.epochs, firstEpoch: event.firstEpoch };
        break;
      case 'batch':
        this.progress = { ...this.progress, epoch: event.epoch, batch: event.batch, samplesPerSec: event.samplesPerSec };
        this.batches = [...this.batches, { x: event.epoch - 1 + event.batch / this.progress.batchesPerEpoch, loss: event.loss, lr: event.lr }];
        break;
      case 'epoch':
        this.epochs = [...this.epochs, event];
        this.bestEpoch = event.bestEpoch;
        // Batch events lag the steps a little: show the next epoch as started once this one is done.
        if (event.epoch < this.progress.epochs) this.progress = { ...this.progress, epoch: event.epoch + 1, batch: 0 };
        break;
      case 'checkpoint':
        this.checkpointEpoch = event.epoch;
        break;
      case 'done':
        this.status = 'done';
        this.outcome = event.reason;
        this.message = event.message ?? null;
        this.resumable = (event.reason === 'stopped' || event.reason === 'diverged' || event.reason === 'failed') && this.checkpointEpoch !== null;
        break;
    }
  }
}
