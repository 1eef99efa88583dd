import { describe, expect, it } from 'vitest';
import { ExportService, type ExportPorts } from '$lib/onnx/export-service.svelte';
import type { ProviderCheck } from '$lib/onnx/verify';
import { PRESETS } from '$lib/spec/presets';
import type { GraphSpec, LayerNode, ModelWeights } from '$lib/spec/types';
import type { ValidationBatch } from '$lib/training/shared/protocol';
import { Cell, FakeTrainedModel } from './support/reactive.svelte';

const withUnits = (spec: GraphSpec, id: string, units: number): GraphSpec => ({
  ...spec,
  nodes: spec.nodes.map((n) => (n.id === id ? ({ ...n, params: { ...n.params, units } } as LayerNode) : n)),
});

/** Ports that record what reached the worker, the runtime and the browser. */
function fakePorts(options: { failBuild?: boolean } = {}) {
  const log = { built: [] as GraphSpec[], downloads: [] as string[], verified: [] as Uint8Array[] };
  const batch = { images: new Float32Array(4), shape: [1, 2, 2, 1], labels: new Uint8Array(1), outputs: new Float32Array(4) } as ValidationBatch;
  const check = (latencyMs: number, agreement: number): ProviderCheck => ({
    provider: 'wasm',
    ok: true,
    latencyMs,
    maxAbsDiff: 0,
    agrees: true,
    accuracy: 0.75,
    agreement,
  });
  const ports: ExportPorts = {
    weights: async () => ({}) as ModelWeights,
    validationBatch: async () => batch,
    verify: async (model) => {
      log.verified.push(model);
      // The fake int8 file is the float one with a trailing marker byte.
      const int8 = model[model.length - 1] === 8;
      return [int8 ? check(2, 0.9) : check(1, 1)];
    },
    quantize: (model) => Uint8Array.from([...model.subarray(0, 2), 8]),
    download: (_bytes, filename) => log.downloads.push(filename),
    build: (spec) => {
      if (options.failBuild) throw new Error('unsupported layer');
      log.built.push(spec);
      return new Uint8Array(spec.nodes.length);
    },
  };
  return { ports, log };
}

function setup(options: { failBuild?: boolean } = {}) {
  const trained = PRESETS.lenet5(4);
  const session = new FakeTrainedModel();
  const canvas = new Cell(trained);
  const { ports, log } = fakePorts(options);
  const service = new ExportService(() => session, () => canvas.value, ports);
  return { trained, session, canvas, service, log };
}

describe('ExportService', () => {
  it('stays disabled until a run has finished', async () => {
    const { session, service, trained, log } = setup();
    expect(service.ready).toBe(false);
    await service.exportFile();
    expect(log.downloads).toEqual([]);
    session.finish(trained);
    expect(service.ready).toBe(true);
    expect(service.exportLabel).toBe('Export ONNX');
  });

  it('downloads the trained graph as <name>.onnx and checks that same file in ONNX Runtime', async () => {
    const { session, service, trained, log } = setup();
    session.finish(trained);
    await service.exportFile();
    expect(log.downloads).toEqual(['LeNet-5.onnx']);
    await service.verify();
    expect(log.built).toHaveLength(1);
    expect(log.verified[0]).toBe(service.model);
    expect(service.checks.map((c) => c.provider)).toEqual(['wasm']);
    expect(service.working).toBeNull();
  });

  it('checks the int8 twin on the same batch and sets it beside the float model; downloads it as <name>.int8.onnx', async () => {
    const { session, service, trained, log } = setup();
    session.finish(trained);
    await service.verify();
    expect(log.verified).toEqual([service.model, service.int8Model]);
    expect(service.comparison).toEqual([
      { format: 'float32', bytes: trained.nodes.length, latencyMs: { wasm: 1 }, accuracy: 0.75, agreement: 1 },
      { format: 'int8', bytes: 3, latencyMs: { wasm: 2 }, accuracy: 0.75, agreement: 0.9 },
    ]);
    await service.exportInt8File();
    expect(log.downloads).toEqual(['LeNet-5.int8.onnx']);
    expect(log.built).toHaveLength(1);
  });

  it('after an edit, says what changed and still writes the graph as trained, named as such', async () => {
    const { session, service, trained, canvas, log } = setup();
    session.finish(trained);
    canvas.value = withUnits(trained, 'fc1', 100);
    expect(service.stale).toBe(true);
    expect(service.changedSinceTraining).toEqual(['fc1']);
    expect(service.exportLabel).toBe('Export trained graph (LeNet-5 as trained)');
    expect(service.verifyLabel).toContain('LeNet-5 as trained');
    await service.exportFile();
    await service.verify();
    expect(log.built).toEqual([trained]);
    // The float file and its int8 twin.
    expect(log.verified).toHaveLength(2);
  });

  it('moving a node is not a change', () => {
    const { session, service, trained, canvas } = setup();
    session.finish(trained);
    canvas.value = { ...trained, nodes: trained.nodes.map((n) => ({ ...n, position: { x: 9, y: 9 } })) };
    expect(service.stale).toBe(false);
    expect(service.exportLabel).toBe('Export ONNX');
  });

  it('a new run drops the previous file and its check', async () => {
    const { session, service, trained, canvas, log } = setup();
    session.finish(trained);
    await service.verify();
    expect(service.model).not.toBeNull();
    session.status = 'training';
    expect(service.ready).toBe(false);
    expect(service.model).toBeNull();
    const edited = withUnits(trained, 'fc1', 100);
    canvas.value = edited;
    session.finish(edited);
    expect(service.stale).toBe(false);
    expect(service.model).toBeNull();
    expect(service.checks).toEqual([]);
    await service.exportFile();
    expect(log.built).toEqual([trained, edited]);
  });

  it('reports a failed export in words and can be tried again', async () => {
    const { session, service, trained, log } = setup({ failBuild: true });
    session.finish(trained);
    await service.exportFile();
    expect(service.error).toBe('Export failed: unsupported layer');
    expect(log.downloads).toEqual([]);
    expect(service.working).toBeNull();
  });
});
