import { describe, expect, it } from 'vitest';
import { TrainingSession, type SessionDeps } from '$lib/training/client/session.svelte';
import type { RunEvent, RunPlan } from '$lib/training/client/bridge';
import type { Checkpoint } from '$lib/training/shared/checkpoint';
import type { TrainingPrefs } from '$lib/storage/training-prefs';
import type { TrainEvent } from '$lib/training/shared/protocol';
import { defaultSpec } from '$lib/spec/presets';
import { defaultSettings, trainRequest } from '$lib/training/client/settings';

const SPEC = defaultSpec();

/** A bridge whose runs the test drives event by event. */
class FakeBridge {
  plans: RunPlan[] = [];
  private emit: (e: RunEvent) => void = () => {};
  private end: () => void = () => {};
  private confirmPause: () => void = () => {};
  private refusePause: (error: Error) => void = () => {};
  stops = 0;

  run = (plan: RunPlan, onEvent: (e: RunEvent) => void, signal?: AbortSignal): Promise<void> => {
    this.plans.push(plan);
    this.emit = onEvent;
    signal?.addEventListener('abort', () => this.stops++);
    return new Promise((resolve) => (this.end = resolve));
  };
  pause = (): Promise<void> => new Promise((resolve, reject) => ((this.confirmPause = resolve), (this.refusePause = reject)));
  proceed = (): void => {};
  stop = (): void => {};

  send(...events: RunEvent[]): void {
    for (const e of events) this.emit(e);
  }
  finish(...events: RunEvent[]): void {
    this.send(...events);
    this.end();
  }
  acknowledgePause(): void {
    this.confirmPause();
  }
  loseWhilePausing(): void {
    this.refusePause(new Error('worker lost'));
  }
}

function checkpoint(epoch: number, finished = false): Checkpoint {
  return {
    request: trainRequest(SPEC, { ...defaultSettings(), samples: 400 }),
    epoch,
    step: epoch * 10,
    rngState: 1,
    weights: {},
    optimizerState: [],
    bestWeights: null,
    earlyStopping: { bestLoss: Infinity, bestEpoch: -1, wait: 0, improved: false, stop: false },
    history: { batches: [], epochs: [], bestEpoch: null },
    finished,
    savedAt: 0,
  } as unknown as Checkpoint;
}

function session(options: { saved?: Checkpoint; prefs?: TrainingPrefs | null } = {}) {
  const bridge = new FakeBridge();
  const store = { saved: options.saved, prefs: options.prefs ?? null };
  const deps: SessionDeps = {
    bridge,
    loadCheckpoint: async () => (store.saved ? { ok: true, value: store.saved } : undefined),
    prefs: { load: () => store.prefs, save: (p) => (store.prefs = p) },
  };
  return { s: new TrainingSession(deps), bridge, store };
}

const START: TrainEvent = {
  type: 'start',
  backend: 'cpu',
  epochs: 3,
  firstEpoch: 1,
  batchesPerEpoch: 10,
  trainSamples: 320,
  valSamples: 80,
  classes: ['a', 'b'],
  classCounts: [160, 160],
  classWeights: null,
  history: { batches: [], epochs: [], bestEpoch: null },
};

const batch = (b: number, samplesPerSec: number): TrainEvent => ({ type: 'batch', epoch: 1, batch: b, step: b, loss: 1, lr: 0.01, samplesPerSec });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the training session', () => {
  it('says "pausing" until the worker confirms, then "paused"', async () => {
    const { s, bridge } = session();
    void s.start(SPEC);
    bridge.send({ type: 'backend', report: { active: 'cpu', attempts: [] } }, START);
    expect(s.status).toBe('training');
    const paused = s.pause();
    expect(s.status).toBe('pausing');
    await flush();
    expect(s.status).toBe('pausing');
    bridge.acknowledgePause();
    await paused;
    expect(s.status).toBe('paused');
    s.stop();
    expect(s.status).toBe('stopping');
    expect(bridge.stops).toBe(1);
  });

  it('a worker lost while pausing ends the run with the loss, not with an error of its own', async () => {
    const { s, bridge } = session();
    const run = s.start(SPEC);
    bridge.send({ type: 'backend', report: { active: 'cpu', attempts: [] } }, START);
    const paused = s.pause();
    bridge.loseWhilePausing();
    bridge.finish({ type: 'lost', cause: 'it crashed' });
    await expect(paused).resolves.toBeUndefined();
    await run;
    expect(s.status).toBe('done');
    expect(s.message).toMatch(/training worker stopped \(it crashed\)/);
  });

  it('after the worker is lost, says so and offers to resume from the last checkpoint without a reload', async () => {
    const { s, bridge, store } = session();
    const run = s.start(SPEC);
    bridge.send({ type: 'backend', report: { active: 'cpu', attempts: [] } }, START, { type: 'checkpoint', epoch: 1 });
    store.saved = checkpoint(1);
    bridge.finish({ type: 'lost', cause: 'it crashed' });
    await run;
    expect(s.status).toBe('done');
    expect(s.outcome).toBe('failed');
    expect(s.hasModel).toBe(false);
    expect(s.message).toMatch(/training worker stopped \(it crashed\).*resume from epoch 2/);
    expect(s.resumable).toBe(true);
    expect(s.busy).toBe(false);

    void s.resume();
    await flush();
    expect(bridge.plans.at(-1)?.start).toEqual({ kind: 'resume' });
    expect(s.busy).toBe(true);
  });

  it('keeps the settings and the picked backend across a reload, also for a resumed run', async () => {
    const first = session({ saved: checkpoint(1) });
    first.s.backendChoice = 'cpu';
    first.s.settings.config.epochs = 3;
    first.s.saveSettings();

    const { s, bridge } = session({ saved: checkpoint(1), prefs: first.store.prefs });
    expect(s.backendChoice).toBe('cpu');
    await s.restore();
    expect(s.resumable).toBe(true);
    void s.resume();
    await flush();
    expect(bridge.plans.at(-1)?.backend).toBe('cpu');
    expect(s.status).toBe('starting');
  });

  it('smooths samples/s over batches and takes the time left from epoch durations once an epoch is done', async () => {
    const { s, bridge } = session();
    void s.start(SPEC);
    bridge.send({ type: 'backend', report: { active: 'cpu', attempts: [] } }, START);
    const shown: number[] = [];
    for (let b = 1; b <= 10; b++) {
      bridge.send(batch(b, b % 2 ? 9 : 72));
      if (s.samplesPerSec !== null) shown.push(s.samplesPerSec);
    }
    // The raw values jump 8×; what a user reads moves far less.
    expect(Math.max(...shown) / Math.min(...shown.slice(2))).toBeLessThan(2.5);
    bridge.send({ type: 'epoch', epoch: 1, trainLoss: 1, trainAcc: 0.5, valLoss: 1, valAcc: 0.5, seconds: 4, numTensors: 10, lr: 0.01, bestEpoch: null });
    // Two epochs of 4 s left, whatever the noisy speed says.
    expect(s.etaSeconds).toBeCloseTo(8, 5);
  });

  it('names the backend the worker actually runs', async () => {
    const { s, bridge } = session();
    void s.start(SPEC);
    bridge.send({ type: 'backend', report: { active: 'webgl', attempts: [] } }, { ...START, backend: 'cpu' });
    expect(s.backend?.active).toBe('cpu');
  });
});
