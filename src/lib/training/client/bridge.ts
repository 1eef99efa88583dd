import * as Comlink from 'comlink';
import type { AugmentConfig } from '$lib/training/shared/augment';
import type { AugmentPreview, BackendChoice, BackendReport, DatasetRequest, TrainEvent, TrainRequest, TrainerApi, ValidationBatch } from '$lib/training/shared/protocol';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import type { Evaluation } from '$lib/training/shared/evaluation';
import type { InspectRequest, Inspection } from '$lib/training/shared/inspection';
import { m } from '$lib/i18n/messages';
import { untrack } from 'svelte';
import { currentLocale } from '$lib/i18n/locale';

/** What the bridge needs of a Worker; tests pass a MessagePort with `terminate`. */
export type WorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>;

export interface BridgeTiming {
  /** How often a running worker is pinged. */
  heartbeatMs: number;
  /**
   * Silence after which a worker counts as dead, at least: a cpu step blocks the worker while it
   * runs, so the bound also grows to a few times the longest silence the worker came back from.
   */
  stallMs: number;
}

const DEFAULT_TIMING: BridgeTiming = { heartbeatMs: 2_000, stallMs: 30_000 };

/** The worker died (crash, lost GPU, no answer): it has been terminated and the next call starts a fresh one. */
export class WorkerLostError extends Error {
  override name = 'WorkerLostError';
}

/** The run to start once the backend is selected: a new one, or the one in the checkpoint store. */
export type RunStart = { kind: 'train'; request: TrainRequest } | { kind: 'resume' };

export interface RunPlan {
  backend: BackendChoice;
  /** The model 'auto' measures; for a resume, the checkpoint's spec. */
  spec: GraphSpec;
  start: RunStart;
}

/** The worker's events, plus the bridge's own: the backend it selected, and the worker's loss. */
export type RunEvent = TrainEvent | { type: 'backend'; report: BackendReport } | { type: 'lost'; cause: string };

interface Live {
  worker: WorkerLike;
  remote: Comlink.Remote<TrainerApi>;
  /** Rejects with WorkerLostError when the worker dies; every call races it. */
  lost: Promise<never>;
  fail: (cause: string) => void;
  lastHeard: number;
  longestSilence: number;
}

function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Rejects when `signal` aborts; never settles otherwise. */
function aborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(abortError());
    signal.addEventListener('abort', () => reject(abortError()), { once: true });
  });
}

/**
 * Owns the training worker: starts it on first use (the editor opens without loading tfjs), runs
 * one training run at a time, makes every call abortable (as Squoosh's worker bridge does), and
 * notices a dead worker (an `error` event, a GPU fault it reports, or pings left unanswered), which
 * it terminates so that the next call starts a fresh one: no page reload needed to train again.
 */
export class TrainerBridge {
  private live: Live | undefined;
  private running = false;

  constructor(
    private readonly create: () => WorkerLike,
    private readonly timing: BridgeTiming = DEFAULT_TIMING,
  ) {}

  get busy(): boolean {
    return this.running;
  }

  /** Selects the backend, then trains or resumes; resolves when the run has ended, however it ended. Aborting stops the run. */
  async run(plan: RunPlan, onEvent: (event: RunEvent) => void, signal?: AbortSignal): Promise<void> {
    if (this.running) throw new Error(m.runInProgress());
    this.running = true;
    const live = this.ensure();
    live.lastHeard = Date.now();
    const stopOnAbort = () => void this.stop();
    signal?.addEventListener('abort', stopOnAbort, { once: true });
    const heartbeat = setInterval(() => this.checkPulse(live), this.timing.heartbeatMs);
    let restartWorker = false;
    const forward = (event: TrainEvent) => {
      this.heard(live);
      if (event.type === 'done' && event.restartWorker) restartWorker = true;
      onEvent(event);
    };
    try {
      const report = await this.race(live, live.remote.selectBackend(plan.backend, plan.spec), signal);
      onEvent({ type: 'backend', report });
      const proxy = Comlink.proxy(forward);
      const started = plan.start.kind === 'train' ? live.remote.train(plan.start.request, proxy) : live.remote.resume(proxy);
      // Aborting stops the run, so only the worker's loss may cut the wait short.
      await this.race(live, started);
      if (restartWorker) this.lose(live, m.workerGpuUnusable());
    } catch (error) {
      if (!(error instanceof WorkerLostError)) throw error;
      onEvent({ type: 'lost', cause: error.message });
    } finally {
      clearInterval(heartbeat);
      signal?.removeEventListener('abort', stopOnAbort);
      this.running = false;
    }
  }

  /** Resolves once the worker has halted between two steps (or the run ended). */
  async pause(signal?: AbortSignal): Promise<void> {
    const live = this.live;
    if (live) await this.race(live, live.remote.pause(), signal);
  }

  proceed(): void {
    void this.live?.remote.proceed().catch(() => undefined);
  }

  stop(): void {
    void this.live?.remote.stop().catch(() => undefined);
  }

  weights(signal?: AbortSignal): Promise<ModelWeights> {
    const live = this.ensure();
    return this.race(live, live.remote.weights(), signal);
  }

  /** Hands the worker a model trained elsewhere (a project file); it becomes the trained model. */
  loadModel(spec: GraphSpec, weights: ModelWeights, dataset: DatasetRequest): Promise<void> {
    const live = this.ensure();
    return this.race(live, live.remote.loadModel(spec, weights, dataset));
  }

  validationBatch(maxSamples: number, signal?: AbortSignal): Promise<ValidationBatch> {
    const live = this.ensure();
    return this.race(live, live.remote.validationBatch(maxSamples), signal);
  }

  evaluate(signal?: AbortSignal): Promise<Evaluation> {
    const live = this.ensure();
    return this.race(live, live.remote.evaluate(), signal);
  }

  evaluationPixels(positions: number[], signal?: AbortSignal): Promise<Uint8Array> {
    const live = this.ensure();
    return this.race(live, live.remote.evaluationPixels(positions), signal);
  }

  inspect(request: InspectRequest, signal?: AbortSignal): Promise<Inspection> {
    const live = this.ensure();
    return this.race(live, live.remote.inspect(request), signal);
  }

  augmentPreview(dataset: DatasetRequest, augment: AugmentConfig, seed: number, count: number, signal?: AbortSignal): Promise<AugmentPreview> {
    const live = this.ensure();
    return this.race(live, live.remote.augmentPreview(dataset, augment, seed, count), signal);
  }

  /** Terminates the worker now (e.g. a run that ignores Stop); the next call starts a fresh one. */
  restart(cause = 'restarted'): void {
    if (this.live) this.lose(this.live, cause);
  }

  /** The live worker (started if need be), told the page's language first so its messages match the page. */
  private ensure(): Live {
    const live = this.live ?? this.start();
    // Untracked: a language switch is no reason to re-run an effect that happens to call the worker.
    void live.remote.setLocale(untrack(currentLocale)).catch(() => undefined);
    return live;
  }

  private start(): Live {
    const worker = this.create();
    let reject: (error: Error) => void = () => {};
    const lost = new Promise<never>((_, r) => (reject = r));
    // Nobody may be listening when the worker dies between calls.
    lost.catch(() => undefined);
    const fail = (cause: string) => reject(new WorkerLostError(cause));
    const live: Live = { worker, remote: Comlink.wrap<TrainerApi>(worker), lost, fail, lastHeard: Date.now(), longestSilence: 0 };
    worker.addEventListener('error', (event) => {
      const detail = (event as ErrorEvent).message;
      this.lose(live, detail ? m.workerCrashed({ detail }) : m.workerCrashedNoDetail());
    });
    worker.addEventListener('messageerror', () => this.lose(live, m.workerUnreadable()));
    worker.addEventListener('message', () => this.heard(live));
    this.live = live;
    return live;
  }

  private lose(live: Live, cause: string): void {
    if (this.live !== live) return;
    this.live = undefined;
    live.worker.terminate();
    live.fail(cause);
  }

  private heard(live: Live): void {
    const now = Date.now();
    // Only silences during a run say how long a step may block; an idle worker is silent by nature.
    if (this.running) live.longestSilence = Math.max(live.longestSilence, now - live.lastHeard);
    live.lastHeard = now;
  }

  private checkPulse(live: Live): void {
    const silence = Date.now() - live.lastHeard;
    if (silence > Math.max(this.timing.stallMs, 4 * live.longestSilence)) {
      this.lose(live, m.workerSilent({ seconds: Math.round(silence / 1000) }));
      return;
    }
    void live.remote.ping().catch(() => undefined);
  }

  private race<T>(live: Live, call: Promise<T>, signal?: AbortSignal): Promise<T> {
    return Promise.race([call, live.lost, aborted(signal)]);
  }
}

let shared: TrainerBridge | undefined;

/** The one training bridge of the page. */
export function trainer(): TrainerBridge {
  shared ??= new TrainerBridge(
    () => new Worker(new URL('../../../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'netloom-trainer' }),
  );
  return shared;
}
