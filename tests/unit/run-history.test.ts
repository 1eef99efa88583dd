import { describe, expect, it } from 'vitest';
import { defaultSpec } from '$lib/spec/presets';
import { defaultSettings } from '$lib/training/client/settings';
import { defaultOptimizer } from '$lib/training/shared/config';
import type { DoneReason, EpochPoint } from '$lib/training/shared/protocol';
import { parseRunRecord, storedRunRecord, type RunRecord } from '$lib/training/shared/run-record';
import { RunHistory, type RunSource, type RunStore } from '$lib/training/client/run-history.svelte';
import type { GraphSpec } from '$lib/spec/types';

/** Keeps records as storage would: stamped and read back through the parser. */
class MemoryStore implements RunStore {
  stored = new Map<string, unknown>();
  list = async () => [...this.stored].map(([id, value]) => ({ id, parsed: parseRunRecord(value) }));
  save = async (run: RunRecord) => void this.stored.set(run.id, structuredClone(storedRunRecord(run)));
  remove = async (id: string) => void this.stored.delete(id);
}

const epoch = (n: number, valAcc: number): EpochPoint => ({ epoch: n, trainLoss: 1, trainAcc: 0.5, valLoss: 1, valAcc, seconds: 2, numTensors: 1, lr: 0.01 });

function session(status: RunSource['status'], outcome: DoneReason | null, optimizer: 'sgd' | 'adam' = 'adam', epochs = [epoch(1, 0.5), epoch(2, 0.75)]): RunSource {
  const settings = defaultSettings();
  settings.config.optimizer = defaultOptimizer(optimizer);
  return {
    status,
    busy: !['idle', 'done'].includes(status),
    outcome,
    trainedSpec: defaultSpec(),
    trainedConfig: structuredClone(settings.config),
    trainedDataset: 'shapes',
    settings,
    batches: [],
    epochs,
    bestEpoch: null,
    backend: { active: 'cpu', attempts: [] },
    // The smoothed speed on show at the end; the record averages over the epochs instead.
    samplesPerSec: 999,
    progress: { epoch: 2, batch: 0, batchesPerEpoch: 4, epochs: 2, firstEpoch: 1, trainSamples: 100 },
  };
}

function history(store = new MemoryStore()) {
  let id = 0;
  return new RunHistory(store, { newId: () => `run-${++id}`, now: () => 1000 + id });
}

describe('RunHistory', () => {
  it('records a run seen under way once it ends, with its speed over the epochs and the graph totals', async () => {
    const runs = history();
    runs.projectId = 'project-1';
    await runs.observe(session('training', null));
    await runs.observe(session('done', 'completed'));
    expect(runs.runs).toHaveLength(1);
    const [run] = runs.runs;
    // 100 samples × 2 epochs in 4 s.
    expect(run).toMatchObject({ name: `${defaultSpec().name} #1`, projectId: 'project-1', outcome: 'completed', backend: 'cpu', samplesPerSec: 50 });
    expect(run.params).toBeGreaterThan(0);
    expect(run.macs).toBeGreaterThan(0);
    expect(runs.rows[0]).toMatchObject({ optimizer: 'adam', bestValAcc: 0.75, bestEpoch: 2 });
  });

  it('a run shown as ended without being seen under way (a project opened) is not recorded again', async () => {
    const runs = history();
    await runs.observe(session('done', 'completed'));
    expect(runs.runs).toHaveLength(0);
  });

  it('keeps stopped, early-stopped and diverged runs; not failed ones, nor runs without an epoch', async () => {
    const runs = history();
    const ends: [DoneReason, EpochPoint[]][] = [
      ['stopped', [epoch(1, 0.4)]],
      ['early-stopped', [epoch(1, 0.4)]],
      ['diverged', [epoch(1, 0.1)]],
      ['failed', [epoch(1, 0.4)]],
      ['stopped', []],
    ];
    for (const [outcome, epochs] of ends) {
      await runs.observe(session('training', null));
      await runs.observe(session('done', outcome, 'adam', epochs));
    }
    expect(runs.runs.map((r) => r.outcome)).toEqual(['stopped', 'early-stopped', 'diverged']);
  });

  it('renames, deletes and unticks, and a reload reads back what is stored', async () => {
    const store = new MemoryStore();
    const runs = history(store);
    for (const optimizer of ['sgd', 'adam'] as const) {
      await runs.observe(session('training', null));
      await runs.observe(session('done', 'completed', optimizer));
    }
    const [first, second] = runs.runs;
    await runs.rename(first.id, '  <b>SGD</b> baseline ');
    await runs.rename(second.id, '   ');
    runs.toggle(first.id);
    runs.toggle(second.id);
    expect(runs.overlay.map((r) => r.id)).toEqual([first.id, second.id]);
    await runs.remove(second.id);
    expect(runs.selected).toEqual([first.id]);
    const reloaded = history(store);
    await reloaded.load();
    expect(reloaded.runs.map((r) => r.name)).toEqual(['<b>SGD</b> baseline']);
  });

  it('a stopped run that is continued replaces its record, keeping its name; a fresh run does not', async () => {
    const runs = history();
    await runs.observe(session('training', null));
    await runs.observe(session('done', 'stopped', 'adam', [epoch(1, 0.5)]));
    await runs.rename(runs.runs[0].id, 'mine');
    const resumed = session('training', null);
    resumed.progress = { ...resumed.progress, firstEpoch: 2 };
    await runs.observe(resumed);
    await runs.observe({ ...resumed, status: 'done', busy: false, outcome: 'completed' });
    expect(runs.runs.map((r) => [r.name, r.outcome, r.history.epochs.length])).toEqual([['mine', 'completed', 2]]);
    await runs.observe(session('training', null));
    await runs.observe(session('done', 'completed'));
    expect(runs.runs).toHaveLength(2);
  });

  it("lists the open project's runs, and every project's when asked", async () => {
    const runs = history();
    const train = async (projectId: string) => {
      runs.projectId = projectId;
      await runs.observe(session('training', null));
      await runs.observe(session('done', 'completed'));
    };
    await train('a');
    await train('a');
    await train('b');
    // Numbered across projects, so the runs of every project listed together have distinct names.
    expect(runs.rows.map((r) => r.name)).toEqual([`${defaultSpec().name} #3`]);
    expect(runs.elsewhere).toBe(2);
    runs.toggle('run-1');
    runs.toggle('run-3');
    expect(runs.overlay.map((r) => r.id)).toEqual(['run-3']);
    runs.everyProject = true;
    expect(runs.rows.map((r) => r.id)).toEqual(['run-1', 'run-2', 'run-3']);
    expect(runs.overlay.map((r) => r.id)).toEqual(['run-1', 'run-3']);
    runs.everyProject = false;
    runs.projectId = 'a';
    expect(runs.rows.map((r) => r.id)).toEqual(['run-1', 'run-2']);
    expect(runs.elsewhere).toBe(1);
  });

  it("copies a project's runs to its duplicate as new runs, and forgets a deleted project's runs", async () => {
    const store = new MemoryStore();
    const runs = history(store);
    runs.projectId = 'a';
    await runs.observe(session('training', null));
    await runs.observe(session('done', 'completed'));
    runs.toggle('run-1');
    await runs.copyProject('a', 'b');
    expect(runs.runs.map((r) => [r.id, r.projectId, r.name])).toEqual([
      ['run-1', 'a', `${defaultSpec().name} #1`],
      ['run-2', 'b', `${defaultSpec().name} #1`],
    ]);
    await runs.forgetProject('a');
    expect(runs.runs.map((r) => r.id)).toEqual(['run-2']);
    expect(runs.selected).toEqual([]);
    const reloaded = history(store);
    await reloaded.load();
    expect(reloaded.runs.map((r) => [r.id, r.projectId])).toEqual([['run-2', 'b']]);
  });

  it('sorts its rows by a clicked column', async () => {
    const runs = history();
    for (const acc of [0.5, 0.9, 0.7]) {
      await runs.observe(session('training', null));
      await runs.observe(session('done', 'completed', 'adam', [epoch(1, acc)]));
    }
    runs.sortBy('bestValAcc');
    expect(runs.rows.map((r) => r.bestValAcc)).toEqual([0.9, 0.7, 0.5]);
    runs.sortBy('bestValAcc');
    expect(runs.rows.map((r) => r.bestValAcc)).toEqual([0.5, 0.7, 0.9]);
  });

  it('restores the graph and settings, but not while training or into a locked graph', async () => {
    const runs = history();
    await runs.observe(session('training', null));
    await runs.observe(session('done', 'completed', 'sgd'));
    const loaded: GraphSpec[] = [];
    const target = { editor: { readOnly: false, load: (spec: GraphSpec) => loaded.push(spec) }, session: { busy: false, settings: defaultSettings() } };
    expect(runs.restore(runs.runs[0].id, { ...target, session: { ...target.session, busy: true } })).toBe(false);
    expect(runs.restore(runs.runs[0].id, { ...target, editor: { ...target.editor, readOnly: true } })).toBe(false);
    expect(loaded).toHaveLength(0);
    expect(runs.restore(runs.runs[0].id, target)).toBe(true);
    expect(loaded).toEqual([runs.runs[0].spec]);
    expect(target.session.settings.config.optimizer.name).toBe('sgd');
  });

  it('a storage failure is reported, and the list stays as it was', async () => {
    const store = new MemoryStore();
    store.save = async () => {
      throw new Error('QuotaExceededError');
    };
    const runs = history(store);
    await runs.observe(session('training', null));
    await runs.observe(session('done', 'completed'));
    expect(runs.runs).toHaveLength(0);
    expect(runs.error).toMatch(/QuotaExceededError/);
  });
});
