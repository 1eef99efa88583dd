import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { TrainerBridge, type RunEvent, type RunPlan, type WorkerLike } from '$lib/training/client/bridge';
import type { BackendChoice, TrainEvent, TrainerApi } from '$lib/training/shared/protocol';
import type { GraphSpec } from '$lib/spec/types';
import { defaultSpec } from '$lib/spec/presets';
import { setLocale, type Locale } from '$lib/i18n/locale';

/** A stand-in for the training worker: a MessagePort pair running a scripted API through comlink, as the real worker does. */
class FakeWorker {
  readonly port: MessagePort;
  terminated = false;
  private readonly inner: MessagePort;

  constructor(api: Partial<TrainerApi>) {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2);
    this.port = port1;
    this.inner = port2;
  }

  asWorker(): WorkerLike {
    const port = this.port as unknown as WorkerLike;
    return Object.assign(port, { terminate: () => this.kill() });
  }

  /** What the browser does for an exception nobody caught inside the worker. */
  crash(message: string): void {
    this.port.dispatchEvent(Object.assign(new Event('error'), { message }));
  }

  /** A worker that dies without a word (killed for memory, say): nothing answers any more. */
  vanish(): void {
    this.inner.close();
  }

  private kill(): void {
    this.terminated = true;
    this.port.close();
    this.inner.close();
  }
}

const SPEC: GraphSpec = defaultSpec();
const PLAN: RunPlan = { backend: 'cpu', spec: SPEC, start: { kind: 'resume' } };

/** A run that reports start, then waits for `finish` (or a stop) before it says done. */
function scriptedApi() {
  let release: (reason: 'completed' | 'stopped') => void = () => {};
  const ended = new Promise<'completed' | 'stopped'>((r) => (release = r));
  const calls: string[] = [];
  let paused: (() => void) | null = null;
  const api: Partial<TrainerApi> = {
    selectBackend: async (choice: BackendChoice) => ({ active: choice === 'auto' ? 'cpu' : choice, attempts: [] }),
    resume: async (onEvent: (e: TrainEvent) => void) => {
      calls.push('resume');
      await onEvent({ type: 'batch', epoch: 1, batch: 1, step: 1, loss: 1, lr: 0.01, samplesPerSec: 100 });
      const reason = await ended;
      await onEvent({ type: 'done', reason });
    },
    pause: () => {
      calls.push('pause');
      return new Promise<void>((resolve) => (paused = resolve));
    },
    stop: () => {
      calls.push('stop');
      release('stopped');
    },
    proceed: () => void calls.push('proceed'),
    ping: () => true,
  };
  return { api, calls, finish: () => release('completed'), acknowledgePause: () => paused?.() };
}

function bridgeOver(...apis: Partial<TrainerApi>[]) {
  const workers: FakeWorker[] = [];
  const bridge = new TrainerBridge(
    () => {
      const api = apis[Math.min(workers.length, apis.length - 1)];
      const fake = new FakeWorker(api);
      workers.push(fake);
      return fake.asWorker();
    },
    { heartbeatMs: 10, stallMs: 200 },
  );
  return { bridge, workers };
}

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

describe('the trainer bridge', () => {
  it('runs one training run at a time', async () => {
    const script = scriptedApi();
    const { bridge } = bridgeOver(script.api);
    const events: RunEvent[] = [];
    const first = bridge.run(PLAN, (e) => events.push(e));
    await until(() => events.some((e) => e.type === 'batch'));
    await expect(bridge.run(PLAN, () => {})).rejects.toThrow(/already in progress/);
    script.finish();
    await first;
    expect(events.map((e) => e.type)).toEqual(['backend', 'batch', 'done']);
    expect(bridge.busy).toBe(false);
  });

  it('stops the run when its signal aborts, and rejects an aborted call at once', async () => {
    const script = scriptedApi();
    const { bridge } = bridgeOver({ ...script.api, weights: () => new Promise(() => {}) });
    const events: RunEvent[] = [];
    const abort = new AbortController();
    const run = bridge.run(PLAN, (e) => events.push(e), abort.signal);
    await until(() => events.some((e) => e.type === 'batch'));
    abort.abort();
    await run;
    expect(script.calls).toContain('stop');
    expect(events.at(-1)).toEqual({ type: 'done', reason: 'stopped' });

    const call = new AbortController();
    const weights = bridge.weights(call.signal);
    call.abort();
    await expect(weights).rejects.toThrow(/aborted/);
  });

  it('resolves pause only once the worker confirms it has halted', async () => {
    const script = scriptedApi();
    const { bridge } = bridgeOver(script.api);
    const events: RunEvent[] = [];
    const run = bridge.run(PLAN, (e) => events.push(e));
    await until(() => events.some((e) => e.type === 'batch'));
    let confirmed = false;
    const pause = bridge.pause().then(() => (confirmed = true));
    await until(() => script.calls.includes('pause'));
    await new Promise((r) => setTimeout(r, 30));
    expect(confirmed).toBe(false);
    script.acknowledgePause();
    await pause;
    expect(confirmed).toBe(true);
    script.finish();
    await run;
  });

  it('terminates a crashed worker, reports it, and trains again on a fresh one', async () => {
    const crashing = scriptedApi();
    const healthy = scriptedApi();
    const { bridge, workers } = bridgeOver(crashing.api, healthy.api);
    const events: RunEvent[] = [];
    const run = bridge.run(PLAN, (e) => events.push(e));
    await until(() => events.some((e) => e.type === 'batch'));
    workers[0].crash('Uncaught RangeError: out of memory');
    await run;
    expect(events.at(-1)).toEqual({ type: 'lost', cause: 'it crashed: Uncaught RangeError: out of memory' });
    expect(workers[0].terminated).toBe(true);
    expect(bridge.busy).toBe(false);

    const again: RunEvent[] = [];
    const second = bridge.run(PLAN, (e) => again.push(e));
    await until(() => again.some((e) => e.type === 'batch'));
    healthy.finish();
    await second;
    expect(workers).toHaveLength(2);
    expect(healthy.calls).toEqual(['resume']);
    expect(again.at(-1)).toEqual({ type: 'done', reason: 'completed' });
  });

  it('declares a worker that stops answering pings dead', async () => {
    const script = scriptedApi();
    const { bridge, workers } = bridgeOver(script.api);
    const events: RunEvent[] = [];
    const run = bridge.run(PLAN, (e) => events.push(e));
    await until(() => events.some((e) => e.type === 'batch'));
    workers[0].vanish();
    await run;
    expect(events.at(-1)).toMatchObject({ type: 'lost', cause: expect.stringMatching(/^no answer for \d+ s$/) });
    expect(workers[0].terminated).toBe(true);
  });

  it('replaces the worker after a run that lost its GPU device', async () => {
    const gpuLost: Partial<TrainerApi> = {
      selectBackend: async () => ({ active: 'webgpu', attempts: [] }),
      resume: async (onEvent) => void (await onEvent({ type: 'done', reason: 'failed', message: 'device lost', restartWorker: true })),
      ping: () => true,
    };
    const { bridge, workers } = bridgeOver(gpuLost, scriptedApi().api);
    const events: RunEvent[] = [];
    await bridge.run(PLAN, (e) => events.push(e));
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'failed', restartWorker: true });
    expect(workers[0].terminated).toBe(true);
    await bridge.pause();
    expect(workers).toHaveLength(1);
    void bridge.weights().catch(() => undefined);
    expect(workers).toHaveLength(2);
  });

  it('tells the worker the page’s language before each call, so its messages match the page', async () => {
    const spoken: Locale[] = [];
    const { bridge } = bridgeOver({ ...scriptedApi().api, setLocale: (locale) => void spoken.push(locale), weights: async () => ({}) });
    setLocale('zh');
    try {
      await bridge.weights();
    } finally {
      setLocale('en');
    }
    await bridge.weights();
    expect(spoken).toEqual(['zh', 'en']);
  });
});
