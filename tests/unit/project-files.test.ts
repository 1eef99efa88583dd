import { describe, expect, it } from 'vitest';
import { ProjectFiles, type ImportedDataset, type ProjectPorts } from '$lib/project/client/project-files.svelte';
import { writeProject, type Project } from '$lib/project/shared/project-file';
import { weightShapes } from '$lib/project/shared/weight-shapes';
import { TrainingSession } from '$lib/training/client/session.svelte';
import { EditorState } from '$lib/editor/editor.svelte';
import { defaultSettings } from '$lib/training/client/settings';
import { writeDatasetZip } from '$lib/datasets/shared/dataset-zip';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { m } from '$lib/i18n/messages';

const UNTOUCHED = defaultSpec(4);

function zeros(spec: GraphSpec): ModelWeights {
  return Object.fromEntries(Object.entries(weightShapes(spec)!).map(([id, ws]) => [id, ws.map((w) => ({ ...w, data: new Float32Array(w.shape.reduce((a, b) => a * b, 1)) }))]));
}

function lenetProject(overrides: Partial<Project> = {}): Project {
  const spec = PRESETS.lenet5(4);
  return {
    spec,
    settings: { settings: { ...defaultSettings(), seed: 9 }, backendChoice: 'cpu' },
    run: { spec, history: { batches: [{ x: 1, loss: 0.5, lr: 0.01 }], epochs: [], bestEpoch: null }, outcome: 'completed', classes: null },
    weights: zeros(spec),
    dataset: null,
    ...overrides,
  };
}

function setup(start: GraphSpec = UNTOUCHED, imported: ImportedDataset = { ok: true, key: 'user:new-id', name: 'Hands' }) {
  const editor = new EditorState(start);
  const session = new TrainingSession({
    bridge: { run: async () => {}, pause: async () => {}, proceed: () => {}, stop: () => {} },
    loadCheckpoint: async () => undefined,
    prefs: { load: () => null, save: () => {} },
  });
  const calls: string[] = [];
  const ports: ProjectPorts = {
    weights: async () => ({}),
    loadModel: async (spec) => void calls.push(`load ${spec.name}`),
    datasetZip: async () => new Uint8Array(),
    importDataset: async () => (calls.push('import'), imported),
    datasetName: () => null,
    download: () => {},
  };
  return { editor, session, calls, projects: new ProjectFiles(editor, session, UNTOUCHED, ports) };
}

const file = (bytes: Uint8Array, name = 'lenet.netloom') => ({ name, arrayBuffer: async () => bytes.slice().buffer });

describe('opening a project', () => {
  it('opens at once over the untouched starting model: graph, settings, run and model', async () => {
    const { editor, session, calls, projects } = setup();
    await projects.openFile(file(writeProject(lenetProject())));
    expect(projects.offer).toBeNull();
    expect(editor.spec.name).toBe('LeNet-5');
    expect(session.settings.seed).toBe(9);
    expect(session.backendChoice).toBe('cpu');
    expect(calls).toEqual(['load LeNet-5']);
    expect(session.hasModel && session.status === 'done' && session.trainedSpec?.name).toBe('LeNet-5');
    expect(session.batches).toHaveLength(1);
    expect(projects.notice).toBe(m.projectOpened({ name: 'LeNet-5' }));
  });

  it("asks first over the user's own graph, naming it; keeping it changes nothing, opening leaves it one undo away", async () => {
    const mine = PRESETS.mlp(4);
    const { editor, session, calls, projects } = setup(mine);
    await projects.openFile(file(writeProject(lenetProject())));
    expect(projects.offer?.project.spec.name).toBe('LeNet-5');
    expect(projects.replaces).toEqual([m.projectReplacesGraph({ name: 'MLP', layers: mine.nodes.length }), m.projectReplacesSettings()]);
    expect(editor.spec.name).toBe('MLP');
    projects.keep();
    expect(editor.spec.name).toBe('MLP');
    expect(calls).toEqual([]);

    await projects.openFile(file(writeProject(lenetProject())));
    expect(await projects.open()).toBe(true);
    expect(editor.spec.name).toBe('LeNet-5');
    expect(session.hasModel).toBe(true);
    editor.undo();
    expect(editor.spec.name).toBe('MLP');
  });

  it('refuses a broken file with its reasons and changes nothing', async () => {
    const mine = PRESETS.mlp(4);
    const { editor, session, calls, projects } = setup(mine);
    await projects.openFile(file(new Uint8Array([1, 2, 3]), 'broken.netloom'));
    expect(projects.problem).toEqual({ title: m.projectRefused({ file: 'broken.netloom' }), reasons: [m.projectNotZip()] });
    expect(projects.offer).toBeNull();
    expect(editor.spec.name).toBe('MLP');
    expect(session.settings).toEqual(defaultSettings());
    expect(calls).toEqual([]);
  });

  it('stores an included dataset first and points the settings at it; a dataset that fails to store stops the open', async () => {
    const zip = writeDatasetZip('Hands', { height: 28, width: 28, channels: 1, fit: 'crop' }, ['a'], [{ classIndex: 0, name: 'x', pixels: new Uint8Array(784) }]);
    const ok = setup();
    await ok.projects.openFile(file(writeProject(lenetProject({ dataset: zip }))));
    expect(ok.calls).toEqual(['import', 'load LeNet-5']);
    expect(ok.session.settings.dataset).toBe('user:new-id');

    const full = setup(UNTOUCHED, { ok: false, title: 'Storage is full', reasons: ['No room'] });
    await full.projects.openFile(file(writeProject(lenetProject({ dataset: zip }))));
    expect(full.projects.problem).toEqual({ title: 'Storage is full', reasons: ['No room'] });
    expect(full.calls).toEqual(['import']);
    expect(full.editor.spec.name).toBe(UNTOUCHED.name);
    expect(full.session.hasModel).toBe(false);
  });
});
