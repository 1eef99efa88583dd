import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readProject, writeProject, projectFileName, type Project } from '$lib/project/shared/project-file';
import { weightShapes } from '$lib/project/shared/weight-shapes';
import { writeDatasetZip } from '$lib/datasets/shared/dataset-zip';
import { analyzeGraph } from '$lib/spec/analyze';
import { PRESETS, PRESET_IDS, defaultSpec } from '$lib/spec/presets';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { defaultSettings } from '$lib/training/client/settings';
import { m } from '$lib/i18n/messages';

/** Deterministic weights of the right shapes, with values no rounding would keep (and one NaN). */
function weightsFor(spec: GraphSpec): ModelWeights {
  let s = 7;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 3.7e-3;
  const shapes = weightShapes(spec)!;
  return Object.fromEntries(
    Object.entries(shapes).map(([node, ws]) => [node, ws.map((w) => ({ name: w.name, shape: w.shape, data: Float32Array.from({ length: w.shape.reduce((a, b) => a * b, 1) }, next) }))]),
  );
}

const hash = (weights: ModelWeights): string => {
  const h = createHash('sha256');
  for (const [node, ws] of Object.entries(weights).sort(([a], [b]) => a.localeCompare(b)))
    for (const w of ws) h.update(`${node}/${w.name}[${w.shape}]`).update(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));
  return h.digest('hex');
};

function project(overrides: Partial<Project> = {}): Project {
  const spec = PRESETS.lenet5(4);
  const weights = weightsFor(spec);
  weights.conv1[0].data[3] = Number.NaN;
  return {
    spec: { ...spec, name: 'My LeNet', nodes: spec.nodes.map((n, i) => ({ ...n, position: { x: i * 101.5, y: 3 - i * 7.25 } })) },
    settings: { settings: { ...defaultSettings(), seed: 42, samples: 600 }, backendChoice: 'cpu' },
    run: {
      spec,
      history: {
        batches: [
          { x: 0.5, loss: 1.2345678901234567, lr: 0.01 },
          { x: 1, loss: Number.NaN, lr: 0.001 },
        ],
        epochs: [{ epoch: 1, trainLoss: 0.1 + 0.2, trainAcc: 0.75, valLoss: Number.POSITIVE_INFINITY, valAcc: 0.5, seconds: 1.25, numTensors: 31, lr: 0.01 }],
        bestEpoch: 1,
      },
      outcome: 'completed',
      classes: { classes: ['circle', 'square', 'triangle', 'cross'], counts: [150, 150, 150, 150], weights: null },
    },
    weights,
    dataset: null,
    ...overrides,
  };
}

const refusal = (bytes: Uint8Array): string[] => {
  const read = readProject(bytes);
  if (read.ok) throw new Error('expected the file to be refused');
  return read.errors;
};

/** The file with one part replaced (or removed, for undefined). */
function edited(bytes: Uint8Array, path: string, content: Uint8Array<ArrayBufferLike> | undefined): Uint8Array {
  const files = unzipSync(bytes);
  if (content === undefined) delete files[path];
  else files[path] = content.slice();
  return zipSync(files);
}

const readJson = (bytes: Uint8Array, path: string) => JSON.parse(new TextDecoder().decode(unzipSync(bytes)[path]));
const json = (v: unknown) => strToU8(JSON.stringify(v));

describe('weightShapes', () => {
  it.each(PRESET_IDS)('lists as many values as the analysis counts parameters (%s)', (id) => {
    const spec = PRESETS[id](4);
    const shapes = weightShapes(spec)!;
    const analysis = analyzeGraph(spec);
    for (const node of spec.nodes) {
      const values = (shapes[node.id] ?? []).reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
      expect(values, node.id).toBe(analysis.nodes[node.id].params);
    }
  });
});

describe('.netloom project file', () => {
  it('round-trips graph, settings, history and weights bit for bit', () => {
    const original = project();
    const bytes = writeProject(original);
    const read = readProject(bytes);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.value.spec).toEqual(original.spec);
    expect(read.value.settings).toEqual(original.settings);
    expect(read.value.run).toEqual(original.run);
    expect(Object.is(read.value.run!.history.batches[1].loss, Number.NaN)).toBe(true);
    expect(hash(read.value.weights!)).toBe(hash(original.weights!));
    expect(Number.isNaN(read.value.weights!.conv1[0].data[3])).toBe(true);
    expect(read.value.dataset).toBeNull();
    // Writing what was read gives the same weights again.
    const again = readProject(writeProject(read.value));
    expect(again.ok && hash(again.value.weights!)).toBe(hash(original.weights!));
  });

  it('writes a manifest listing its parts, and float32 little-endian .bin files with a JSON index', () => {
    const original = project();
    const bytes = writeProject(original);
    const manifest = readJson(bytes, 'manifest.json');
    expect(manifest).toMatchObject({ format: 'netloom-project', version: 1, name: 'My LeNet' });
    expect(Object.keys(manifest.parts).sort()).toEqual(['graph', 'run', 'settings', 'weights']);
    const index = readJson(bytes, manifest.parts.weights);
    const first = index[0];
    expect(first).toMatchObject({ node: 'conv1', name: 'kernel', shape: [5, 5, 1, 6] });
    const bin = unzipSync(bytes)[first.file];
    expect(new DataView(bin.buffer, bin.byteOffset).getFloat32(0, true)).toBe(original.weights!.conv1[0].data[0]);
  });

  it('keeps a project without a run as graph and settings only', () => {
    const read = readProject(writeProject(project({ run: null, weights: null })));
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.value.run).toBeNull();
    expect(read.value.weights).toBeNull();
  });

  it('carries a dataset zip nested under dataset/ and hands it back as a zip an import reads', () => {
    const format = { height: 8, width: 8, channels: 1 as const, fit: 'crop' as const };
    const zip = writeDatasetZip('Hands', format, ['open', 'fist'], [
      { classIndex: 0, name: 'a.png', pixels: new Uint8Array(64).fill(9) },
      { classIndex: 1, name: 'b.png', pixels: new Uint8Array(64).fill(200) },
    ]);
    const bytes = writeProject(project({ dataset: zip }));
    expect(Object.keys(unzipSync(bytes)).filter((p) => p.startsWith('dataset/')).sort()).toEqual(['dataset/fist/00001.png', 'dataset/manifest.json', 'dataset/open/00001.png']);
    const read = readProject(bytes);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(unzipSync(read.value.dataset!)).toEqual(unzipSync(zip));
  });

  it('names the file after the graph', () => {
    expect(projectFileName('LeNet-5')).toBe('LeNet-5.netloom');
    expect(projectFileName('a/b: c')).toBe('a_b_ c.netloom');
    expect(projectFileName('')).toBe('project.netloom');
  });
});

describe('a file that cannot be opened is refused with its reasons', () => {
  it('refuses what is not a zip', () => {
    expect(refusal(strToU8('hello, not a zip'))).toEqual([m.projectNotZip()]);
  });

  it('refuses a foreign zip, and a dataset zip', () => {
    expect(refusal(zipSync({ 'readme.txt': strToU8('hi') }))).toEqual([m.projectNoManifest()]);
    const dataset = writeDatasetZip('D', { height: 8, width: 8, channels: 1, fit: 'crop' }, ['a'], []);
    expect(refusal(dataset)[0]).toBe(m.recordWrongFormat({ noun: m.recordNounProject(), found: JSON.stringify('netloom-dataset-zip'), expected: 'netloom-project' }));
  });

  it('refuses a manifest of a newer version', () => {
    const bytes = writeProject(project());
    const newer = edited(bytes, 'manifest.json', json({ ...readJson(bytes, 'manifest.json'), version: 2 }));
    expect(refusal(newer)).toEqual([m.recordNewer({ noun: m.recordNounProject(), found: 2, current: 1 })]);
  });

  it("refuses a damaged graph with parseSpec's reasons", () => {
    const bytes = writeProject(project());
    const graph = readJson(bytes, 'graph.json');
    graph.nodes[1].kind = 'Conv3D';
    const errors = refusal(edited(bytes, 'graph.json', json(graph)));
    expect(errors).toEqual([m.projectBadGraph({ reasons: m.specLayerProblem({ n: 2, problem: m.specUnknownKind({ kind: 'Conv3D' }) }) })]);
    expect(refusal(edited(bytes, 'graph.json', strToU8('{"nodes": [')))).toEqual([m.projectPartNotJson({ path: 'graph.json' })]);
    expect(refusal(edited(bytes, 'graph.json', undefined))).toEqual([m.projectPartMissing({ path: 'graph.json' })]);
  });

  it('refuses weights that do not fit the trained graph', () => {
    const bytes = writeProject(project());
    const index = readJson(bytes, 'weights/index.json');
    index[0].shape = [3, 3, 1, 6];
    expect(refusal(edited(bytes, 'weights/index.json', json(index)))).toEqual([m.projectWeightShape({ weight: 'conv1/kernel', found: ([3, 3, 1, 6]).join(', '), wanted: ([5, 5, 1, 6]).join(', ') })]);
    // A run whose graph changed (fc1 120 → 100 units) no longer fits its weights.
    const run = readJson(bytes, 'run.json');
    run.spec.nodes.find((n: { id: string }) => n.id === 'fc1').params.units = 100;
    const errors = refusal(edited(bytes, 'run.json', json(run)));
    expect(errors).toContain(m.projectWeightShape({ weight: 'fc1/kernel', found: ([400, 120]).join(', '), wanted: ([400, 100]).join(', ') }));
  });

  it('refuses a truncated .bin', () => {
    const bytes = writeProject(project());
    const index = readJson(bytes, 'weights/index.json');
    const file = index[2].file;
    const bin = unzipSync(bytes)[file];
    expect(refusal(edited(bytes, file, bin.subarray(0, bin.length - 3)))).toEqual([m.projectWeightBytes({ file, found: bin.length - 3, wanted: bin.length })]);
    expect(refusal(edited(bytes, file, undefined))).toEqual([m.projectPartMissing({ path: file })]);
  });

  it('refuses a damaged history and a damaged nested dataset', () => {
    const bytes = writeProject(project());
    const run = readJson(bytes, 'run.json');
    run.history.epochs[0].valAcc = 'high';
    expect(refusal(edited(bytes, 'run.json', json(run)))).toEqual([m.projectBadRun({ field: 'history' })]);
    const zip = writeDatasetZip('Hands', { height: 8, width: 8, channels: 1, fit: 'crop' }, ['open'], [{ classIndex: 0, name: 'a.png', pixels: new Uint8Array(64) }]);
    const withData = writeProject(project({ dataset: zip }));
    expect(refusal(edited(withData, 'dataset/open/00001.png', undefined))).toEqual([m.projectBadDataset({ reasons: m.zipFileMissing({ file: 'open/00001.png' }) })]);
  });

  it('accepts graphs of the default model with no positions (a file written by hand)', () => {
    const spec = defaultSpec(4);
    const read = readProject(writeProject(project({ spec, run: null, weights: null })));
    expect(read.ok && read.value.spec).toEqual(spec);
  });
});
