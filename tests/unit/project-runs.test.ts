import { describe, expect, it } from 'vitest';
import { zipSync, unzipSync } from 'fflate';
import { defaultSpec } from '$lib/spec/presets';
import { defaultSettings } from '$lib/training/client/settings';
import { storedRunRecord, type RunRecord } from '$lib/training/shared/run-record';
import { readProject, writeProject, type Project } from '$lib/project/shared/project-file';
import { RunHistory, type RunStore } from '$lib/training/client/run-history.svelte';
import { ProjectFiles, type ProjectPorts } from '$lib/project/client/project-files.svelte';
import { TrainingSession } from '$lib/training/client/session.svelte';
import { EditorState } from '$lib/editor/editor.svelte';

function run(id: string, name: string, valAcc: number): RunRecord {
  return {
    id,
    name,
    projectId: 'p1',
    endedAt: 1000,
    spec: defaultSpec(),
    settings: defaultSettings(),
    history: { batches: [{ x: 1, loss: 0.9, lr: 0.01 }], epochs: [{ epoch: 1, trainLoss: 0.9, trainAcc: 0.6, valLoss: 0.8, valAcc, seconds: 2, numTensors: 10, lr: 0.01 }], bestEpoch: 1 },
    outcome: 'completed',
    backend: 'cpu',
    samplesPerSec: 300,
    params: 6356,
    macs: 69000,
  };
}

const project = (runs: RunRecord[]): Project => ({ spec: defaultSpec(4), settings: { settings: defaultSettings(), backendChoice: 'auto' }, run: null, weights: null, dataset: null, runs });

function memoryRuns(): RunStore {
  const kept = new Map<string, RunRecord>();
  return {
    list: async () => [...kept.values()].map((r) => ({ id: r.id, parsed: { ok: true as const, value: r } })),
    save: async (r) => void kept.set(r.id, r),
    remove: async (id) => void kept.delete(id),
  };
}

describe('runs in the project file', () => {
  it('round-trip with every field, in order', () => {
    const runs = [run('a', 'SGD <b>run</b>', 0.8), run('b', 'Adam', 0.9)];
    const opened = readProject(writeProject(project(runs)));
    expect(opened.ok && opened.value.runs).toEqual(runs);
    const none = readProject(writeProject(project([])));
    expect(none.ok && none.value.runs).toEqual([]);
  });

  it('a damaged run refuses the file, naming the run', () => {
    const files = unzipSync(writeProject(project([run('a', 'A', 0.8), run('b', 'B', 0.9)])));
    const runs = JSON.parse(new TextDecoder().decode(files['runs.json']));
    runs[1] = { ...storedRunRecord(run('b', 'B', 0.9)), params: 'many' };
    files['runs.json'] = new TextEncoder().encode(JSON.stringify(runs));
    const read = readProject(zipSync(files));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors.join(' ')).toContain('run 2');
  });

  it("the project on screen carries its project's runs, and an opened file's runs are kept as this project's", async () => {
    const history = new RunHistory(memoryRuns());
    await history.adopt([run('a', 'A', 0.8)], 'p1');
    await history.adopt([run('x', 'Other project', 0.5)], 'p2');
    const session = new TrainingSession({
      bridge: { run: async () => {}, pause: async () => {}, proceed: () => {}, stop: () => {} },
      loadCheckpoint: async () => undefined,
      prefs: { load: () => null, save: () => {} },
    });
    let active = 'p1';
    const ports: ProjectPorts = {
      weights: async () => ({}),
      loadModel: async () => {},
      datasetZip: async () => new Uint8Array(),
      importDataset: async () => ({ ok: false, title: '', reasons: [] }),
      datasetName: () => null,
      download: () => {},
      runs: () => history.ofProject(active),
      adoptRuns: (runs) => history.adopt(runs, active),
    };
    const files = new ProjectFiles(new EditorState(defaultSpec(4)), session, defaultSpec(4), ports);
    expect((await files.current()).runs?.map((r) => r.name)).toEqual(['A']);

    active = 'p3';
    await files.openStored(project([run('b', 'From a file', 0.7)]), true);
    expect(history.ofProject('p3').map((r) => r.name)).toEqual(['From a file']);
    expect(history.runs.map((r) => r.id).sort()).toEqual(['a', 'b', 'x']);
  });
});
