import { describe, expect, it } from 'vitest';
import { ProjectFiles, type ProjectPorts } from '$lib/project/client/project-files.svelte';
import { ProjectLibrary, type ProjectStore } from '$lib/project/client/project-library.svelte';
import type { ProjectEntry } from '$lib/project/shared/project-entry';
import { readProject, writeProject } from '$lib/project/shared/project-file';
import { weightShapes } from '$lib/project/shared/weight-shapes';
import { TrainingSession } from '$lib/training/client/session.svelte';
import { EditorState } from '$lib/editor/editor.svelte';
import { defaultSettings } from '$lib/training/client/settings';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { m } from '$lib/i18n/messages';

const UNTOUCHED = defaultSpec(4);

function ones(spec: GraphSpec): ModelWeights {
  return Object.fromEntries(Object.entries(weightShapes(spec)!).map(([id, ws]) => [id, ws.map((w) => ({ ...w, data: new Float32Array(w.shape.reduce((a, b) => a * b, 1)).fill(0.5) }))]));
}

/** An in-memory store; `full` makes writes fail as a full disk does. */
function memoryStore(active: string | null = null) {
  const entries = new Map<string, ProjectEntry>();
  const files = new Map<string, Uint8Array>();
  const state = { active, full: false };
  const store: ProjectStore = {
    list: async () => [...entries.values()],
    read: async (id) => files.get(id),
    write: async (entry, bytes) => {
      if (state.full) throw new DOMException('full', 'QuotaExceededError');
      entries.set(entry.id, entry);
      files.set(entry.id, bytes);
    },
    remove: async (id) => void (entries.delete(id), files.delete(id)),
    loadActive: () => state.active,
    saveActive: (id) => void (state.active = id),
  };
  return { store, entries, files, state };
}

/** A page: editor, training session and project files over a fake worker that keeps the loaded weights. */
function page(start: GraphSpec = UNTOUCHED) {
  const editor = new EditorState(start);
  const session = new TrainingSession({
    bridge: { run: async () => {}, pause: async () => {}, proceed: () => {}, stop: () => {} },
    loadCheckpoint: async () => undefined,
    prefs: { load: () => null, save: () => {} },
  });
  const worker = { weights: {} as ModelWeights };
  const ports: ProjectPorts = {
    weights: async () => worker.weights,
    loadModel: async (_spec, weights) => void (worker.weights = weights),
    datasetZip: async () => new Uint8Array(),
    importDataset: async () => ({ ok: false, title: '', reasons: [] }),
    datasetName: () => null,
    download: () => {},
  };
  const files = new ProjectFiles(editor, session, UNTOUCHED, ports);
  const host = { editor, files, get busy() { return session.busy; }, get resumable() { return session.resumable; } };
  return { editor, session, files, worker, host };
}

let ids = 0;
const options = { delayMs: 0, now: () => 1000 + ids, newId: () => `p${++ids}` };

/** A finished LeNet-5 run with trained weights, as the worker would leave it. */
async function trained(p: ReturnType<typeof page>) {
  const spec = PRESETS.lenet5(4);
  const project = { spec, settings: { settings: { ...defaultSettings(), seed: 7 }, backendChoice: 'cpu' as const }, run: { spec, history: { batches: [], epochs: [], bestEpoch: null }, outcome: 'completed' as const, classes: null }, weights: ones(spec), dataset: null };
  await p.files.openStored(project, false);
}

/** A first visit whose finished LeNet-5 run has been saved: what a reload finds in the store. */
async function storedTrainedProject() {
  const { store } = memoryStore();
  const first = page();
  const library = new ProjectLibrary(first.host, store, options);
  await library.start();
  await trained(first);
  await library.saveNow();
  return { store, first };
}

describe('projects kept in the browser', () => {
  it('the first visit keeps what is on screen as a project; a reload brings back its trained model', async () => {
    const { store, entries, files } = memoryStore();
    const first = page();
    const library = new ProjectLibrary(first.host, store, options);
    await library.start();
    expect([...entries.values()].map((e) => e.name)).toEqual(['Tiny CNN']);
    await trained(first);
    await library.saveNow();
    const saved = readProject(files.get(library.activeId!)!);
    expect(saved.ok && saved.value.run?.spec.name).toBe('LeNet-5');

    // The reload: the graph and settings come back from their own autosave; the project store adds the run and model.
    const second = page(first.editor.spec);
    const again = new ProjectLibrary(second.host, store, options);
    await again.start();
    expect(again.activeId).toBe(library.activeId);
    expect(second.session.hasModel).toBe(true);
    expect(second.session.trainedSpec?.name).toBe('LeNet-5');
    expect(second.worker.weights).toEqual(first.worker.weights);
    expect(second.files.notice).toBeNull();
  });

  it('a reload before the first save has finished starts again without reporting a lost project', async () => {
    const { store, state } = memoryStore();
    let finishWrite = (): void => {};
    const write = store.write;
    store.write = (entry, bytes) => new Promise((resolve) => (finishWrite = () => resolve(write(entry, bytes))));
    const first = new ProjectLibrary(page().host, store, options);
    const starting = first.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The tab reloads here, while the first project's write is still on its way.
    expect(state.active).toBeNull();
    store.write = write;
    const reloaded = new ProjectLibrary(page().host, store, options);
    await reloaded.start();
    expect(reloaded.problem).toBeNull();
    expect(state.active).toBe(reloaded.activeId);
    finishWrite();
    await starting;
  });

  it('a reload keeps the graph on screen (newer than the stored copy) while restoring the run', async () => {
    const { store } = await storedTrainedProject();
    const edited = PRESETS.mlp(4);
    const second = page(edited);
    await new ProjectLibrary(second.host, store, options).start();
    expect(second.editor.spec.name).toBe('MLP');
    expect(second.session.trainedSpec?.name).toBe('LeNet-5');
  });

  it('settings changed while the restored model loads are kept', async () => {
    const { store, first } = await storedTrainedProject();

    const second = page(first.editor.spec);
    let finishLoading = () => {};
    const loading = new Promise<void>((resolve) => (finishLoading = resolve));
    const ports = (second.files as unknown as { ports: ProjectPorts }).ports;
    const load = ports.loadModel;
    ports.loadModel = async (...args) => (await loading, load(...args));
    const starting = new ProjectLibrary(second.host, store, options).start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    second.session.settings.seed = 42;
    finishLoading();
    await starting;
    expect(second.session.settings.seed).toBe(42);
    expect(second.session.hasModel).toBe(true);
  });

  it('new, open, duplicate, rename and delete', async () => {
    const { store, entries } = memoryStore();
    const p = page();
    const library = new ProjectLibrary(p.host, store, options);
    await library.start();
    await trained(p);
    await library.saveNow();
    const lenet = library.activeId!;

    await library.create();
    expect(p.editor.spec.name).toBe('Tiny CNN');
    expect(p.session.hasModel).toBe(false);
    expect(library.entries.map((e) => e.name).sort()).toEqual(['LeNet-5', 'Tiny CNN']);

    await library.open(lenet);
    expect(p.editor.spec.name).toBe('LeNet-5');
    expect(p.session.hasModel).toBe(true);
    expect(p.files.notice).toBe(m.projectOpened({ name: 'LeNet-5' }));

    await library.duplicate(lenet);
    const copy = library.entries.find((e) => e.name === m.projectCopyName({ name: 'LeNet-5' }))!;
    expect(copy.id).not.toBe(lenet);
    await library.rename(copy.id, '  Digits  ');
    expect(entries.get(copy.id)?.name).toBe('Digits');
    await library.rename(lenet, 'LeNet mine');
    expect(p.editor.spec.name).toBe('LeNet mine');
    expect(entries.get(lenet)?.name).toBe('LeNet mine');

    await library.remove(lenet);
    expect(entries.has(lenet)).toBe(false);
    expect(library.activeId).not.toBe(lenet);
    expect(p.editor.spec.name).toBe(entries.get(library.activeId!)!.name);
  });

  it('a duplicate gets copies of the runs of the project it copies; a deleted project takes its runs along', async () => {
    const { store } = memoryStore();
    const p = page();
    const calls: string[] = [];
    const runs = { copy: async (from: string, to: string) => void calls.push(`copy ${from} → ${to}`), forget: async (id: string) => void calls.push(`forget ${id}`) };
    const library = new ProjectLibrary({ ...p.host, runs }, store, options);
    await library.start();
    const first = library.activeId!;
    await library.duplicate(first);
    const copy = library.entries.find((e) => e.id !== first)!.id;
    await library.remove(copy);
    expect(calls).toEqual([`copy ${first} → ${copy}`, `forget ${copy}`]);
  });

  it('a full disk stops the save with a message and keeps the last good copy', async () => {
    const { store, files, state } = memoryStore();
    const p = page();
    const library = new ProjectLibrary(p.host, store, options);
    await library.start();
    const good = files.get(library.activeId!)!;
    state.full = true;
    p.editor.load(PRESETS.mlp(4));
    await library.saveNow();
    expect(library.error).toBe(m.projectStorageFull());
    expect(files.get(library.activeId!)).toBe(good);
    state.full = false;
    await library.saveNow();
    expect(library.error).toBeNull();
    const saved = readProject(files.get(library.activeId!)!);
    expect(saved.ok && saved.value.spec.name).toBe('MLP');
  });

  it('a damaged stored project is reported and what is on screen stays', async () => {
    const { store, files } = memoryStore('broken');
    files.set('broken', new Uint8Array([1, 2, 3]));
    const p = page(PRESETS.mlp(4));
    const library = new ProjectLibrary(p.host, store, options);
    await library.start();
    expect(library.problem).toContain('could not be opened');
    expect(p.editor.spec.name).toBe('MLP');
    expect(library.activeId).not.toBe('broken');
  });
});

describe('the stored project bytes', () => {
  it('are a .netloom file without the dataset', () => {
    const spec = PRESETS.lenet5(4);
    const bytes = writeProject({ spec, settings: { settings: defaultSettings(), backendChoice: 'auto' }, run: null, weights: null, dataset: null });
    expect(readProject(bytes).ok).toBe(true);
  });
});
