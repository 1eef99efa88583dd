import { trainer, type RunEvent, type RunPlan, type TrainerBridge } from './bridge';
import type { BackendChoice, BackendReport, BatchPoint, DoneReason, EpochPoint, TrainHistory } from '$lib/training/shared/protocol';
import type { GraphSpec } from '$lib/spec/types';
import type { TrainingConfig } from '$lib/training/shared/config';
import { loadCheckpoint } from '$lib/storage/database';
import type { Checkpoint } from '$lib/training/shared/checkpoint';
import type { Parsed } from '$lib/util/versioned';
import { loadTrainingPrefs, saveTrainingPrefs, type TrainingPrefs } from '$lib/storage/training-prefs';
import { m } from '$lib/i18n/messages';
import type { ProjectRun } from '$lib/project/shared/project-file';
import { Pace } from './pace';
import { defaultSettings, settingsOf, trainRequest } from './settings';

export type { BatchPoint, EpochPoint };

export interface ClassInfo {
  classes: string[];
  counts: number[];
  weights: number[] | null;
}

/** What the session needs from outside; tests pass fakes. */
export interface SessionDeps {
  bridge: Pick<TrainerBridge, 'run' | 'pause' | 'proceed' | 'stop'>;
  /** The saved run, or why it cannot be resumed; undefined when none is saved. */
  loadCheckpoint: () => Promise<Parsed<Checkpoint> | undefined>;
  prefs: { load: () => TrainingPrefs | null; save: (prefs: TrainingPrefs) => void };
}

function defaultDeps(): SessionDeps {
  return { bridge: trainer(), loadCheckpoint, prefs: { load: () => loadTrainingPrefs(), save: (p) => saveTrainingPrefs(p) } };
}

export type SessionStatus = 'idle' | 'measuring' | 'starting' | 'training' | 'pausing' | 'paused' | 'stopping' | 'done';

/** One training run as the UI sees it: settings, progress, curves, checkpoints and the final message. */
export class TrainingSession {
  settings = $state(defaultSettings());
  backendChoice = $state<BackendChoice>('auto');
  backend = $state<BackendReport | null>(null);
  status = $state<SessionStatus>('idle');
  batches = $state.raw<BatchPoint[]>([]);
  epochs = $state.raw<EpochPoint[]>([]);
  bestEpoch = $state<number | null>(null);
  progress = $state({ epoch: 0, batch: 0, batchesPerEpoch: 1, epochs: 1, firstEpoch: 1, trainSamples: 0 });
  /** Smoothed training speed; null until measured. */
  samplesPerSec = $state<number | null>(null);
  etaSeconds = $state<number | null>(null);
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
  /** The settings of the run on show (the panel's may have changed since); null before any run. */
  trainedConfig = $state.raw<TrainingConfig | null>(null);
  /** The dataset the run of `trainedSpec` trained on. */
  trainedDataset = $state<string | null>(null);

  busy = $derived(['measuring', 'starting', 'training', 'pausing', 'paused', 'stopping'].includes(this.status));

  private readonly deps: SessionDeps;
  private pace = new Pace();
  private run: AbortController | null = null;
  /** Why the worker was lost during the current run, once it was. */
  private lostCause: string | null = null;

  constructor(deps: Partial<SessionDeps> = {}) {
    this.deps = { ...defaultDeps(), ...deps };
    const saved = this.deps.prefs.load();
    if (saved) {
      this.settings = saved.settings;
      this.backendChoice = saved.backendChoice;
    }
  }

  /** Keeps the panel (settings and backend) for the next visit; call from an effect so every edit is saved. */
  saveSettings(): void {
    this.deps.prefs.save({ settings: $state.snapshot(this.settings), backendChoice: this.backendChoice });
  }

  /** Offers to continue a run a reload interrupted, showing its curves so far; the backend stays the one picked. */
  async restore(): Promise<void> {
    const loaded = await this.deps.loadCheckpoint();
    if (!loaded || this.status !== 'idle') return;
    if (!loaded.ok) {
      this.finish('failed', m.checkpointIgnored({ reason: loaded.errors[0] }));
      return;
    }
    const checkpoint = loaded.value;
    if (checkpoint.finished) return;
    this.settings = settingsOf(checkpoint.request);
    this.trainedConfig = checkpoint.request.config;
    this.showHistory(checkpoint.history);
    this.checkpointEpoch = checkpoint.epoch;
    this.resumable = true;
  }

  start(spec: GraphSpec): Promise<void> {
    this.trainedSpec = spec;
    this.trainedDataset = this.settings.dataset;
    this.checkpointEpoch = null;
    const request = trainRequest(spec, $state.snapshot(this.settings));
    this.trainedConfig = request.config;
    return this.launch({ spec, start: { kind: 'train', request } });
  }

  /** Continues the saved run (after a reload, a stop, a divergence or a lost worker) from its last checkpoint. */
  async resume(): Promise<void> {
    const loaded = await this.deps.loadCheckpoint();
    if (!loaded?.ok) return;
    const checkpoint = loaded.value;
    this.trainedSpec = checkpoint.request.spec;
    this.trainedConfig = checkpoint.request.config;
    this.trainedDataset = checkpoint.request.dataset.kind;
    return this.launch({ spec: checkpoint.request.spec, start: { kind: 'resume' } });
  }

  /**
   * Shows a run from a project file as if it had just ended here: its curves, classes and outcome;
   * `hasModel` once the worker holds its weights (exports and the Use tab need nothing else). With
   * no run, the panel is cleared as before any run. The resume offer is for another run: it goes.
   */
  showSavedRun(run: ProjectRun | null, hasModel: boolean): void {
    if (this.busy) return;
    this.checkpointEpoch = null;
    this.resumable = false;
    this.trainedSpec = run?.spec ?? null;
    // A project keeps the settings it was saved with, which the caller has just put in place.
    this.trainedConfig = run ? $state.snapshot(this.settings.config) : null;
    this.trainedDataset = run ? this.settings.dataset : null;
    this.hasModel = run !== null && hasModel;
    this.classInfo = run?.classes ?? null;
    this.showHistory(run?.history ?? { batches: [], epochs: [], bestEpoch: null });
    if (run) this.finish(run.outcome, null);
    else {
      this.status = 'idle';
      this.outcome = null;
      this.message = null;
    }
  }

  private async launch(plan: Omit<RunPlan, 'backend'>): Promise<void> {
    if (this.busy) return;
    this.status = this.backendChoice === 'auto' ? 'measuring' : 'starting';
    this.message = null;
    this.outcome = null;
    this.resumable = false;
    this.backend = null;
    this.pace = new Pace();
    this.samplesPerSec = null;
    this.etaSeconds = null;
    const run = (this.run = new AbortController());
    try {
      await this.deps.bridge.run({ ...plan, backend: this.backendChoice }, (event) => this.onEvent(event), run.signal);
    } catch (error) {
      this.finish('failed', m.trainingCouldNotStart({ why: (error as Error).message }));
    } finally {
      this.run = null;
    }
    if (this.outcome === 'failed') await this.offerResume();
    if (this.lostCause !== null) {
      this.message = this.checkpointEpoch === null ? m.workerLostFromStart({ cause: this.lostCause }) : m.workerLost({ cause: this.lostCause, resumeEpoch: this.checkpointEpoch + 1 });
      this.lostCause = null;
    }
  }

  /** Halts between two steps; the status says "Pausing…" until the worker confirms. */
  async pause(): Promise<void> {
    if (this.status !== 'training') return;
    this.status = 'pausing';
    try {
      await this.deps.bridge.pause();
    } catch {
      // The worker was lost while pausing: the run's end reports it.
      return;
    }
    if (this.status === 'pausing') this.status = 'paused';
  }

  proceed(): void {
    if (this.status !== 'paused') return;
    this.status = 'training';
    this.deps.bridge.proceed();
  }

  stop(): void {
    if (!['training', 'pausing', 'paused'].includes(this.status)) return;
    this.status = 'stopping';
    this.run?.abort();
  }

  private finish(reason: DoneReason, message: string | null): void {
    this.status = 'done';
    this.outcome = reason;
    this.message = message;
  }

  /** After a failure the checkpoint store is the truth: it may hold epochs the events never reported. */
  private async offerResume(): Promise<void> {
    const loaded = await this.deps.loadCheckpoint();
    this.checkpointEpoch = loaded?.ok && !loaded.value.finished ? loaded.value.epoch : null;
    this.resumable = this.checkpointEpoch !== null;
  }

  private showHistory(history: TrainHistory): void {
    this.batches = history.batches;
    this.epochs = history.epochs;
    this.bestEpoch = history.bestEpoch;
  }

  private updatePace(): void {
    this.samplesPerSec = this.pace.samplesPerSec;
    this.etaSeconds = this.pace.secondsLeft(this.progress, this.progress.trainSamples);
  }

  private onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'backend':
        this.backend = event.report;
        if (this.status === 'measuring') this.status = 'starting';
        break;
      case 'start':
        if (this.status === 'starting') this.status = 'training';
        // The worker names the backend that actually runs; the report is from the selection just before.
        if (this.backend && this.backend.active !== event.backend) this.backend = { ...this.backend, active: event.backend };
        this.hasModel = true;
        this.showHistory(event.history);
        this.classInfo = { classes: event.classes, counts: event.classCounts, weights: event.classWeights };
        this.progress = {
          epoch: event.firstEpoch,
          batch: 0,
          batchesPerEpoch: event.batchesPerEpoch,
          epochs: event.epochs,
          firstEpoch: event.firstEpoch,
          trainSamples: event.trainSamples,
        };
        break;
      case 'batch':
        this.progress = { ...this.progress, epoch: event.epoch, batch: event.batch };
        this.batches = [...this.batches, { x: event.epoch - 1 + event.batch / this.progress.batchesPerEpoch, loss: event.loss, lr: event.lr }];
        this.pace.observeBatch(event.samplesPerSec);
        this.updatePace();
        break;
      case 'epoch':
        this.epochs = [...this.epochs, event];
        this.bestEpoch = event.bestEpoch;
        this.pace.observeEpoch(event.seconds);
        // Batch events lag the steps a little: show the next epoch as started once this one is done.
        if (event.epoch < this.progress.epochs) this.progress = { ...this.progress, epoch: event.epoch + 1, batch: 0 };
        this.updatePace();
        break;
      case 'checkpoint':
        this.checkpointEpoch = event.epoch;
        break;
      case 'done':
        this.finish(event.reason, event.message ?? null);
        // A worker replaced for a GPU fault took its model with it.
        if (event.restartWorker) this.hasModel = false;
        this.resumable = (event.reason === 'stopped' || event.reason === 'diverged' || event.reason === 'failed') && this.checkpointEpoch !== null;
        break;
      case 'lost':
        this.hasModel = false;
        this.lostCause = event.cause;
        this.finish('failed', null);
        break;
    }
  }
}
