import { describe, expect, it } from 'vitest';
import { defaultSpec } from '$lib/spec/presets';
import { SPEC_FORMAT, SPEC_VERSION } from '$lib/spec/types';
import { parseCheckpoint, storedCheckpoint, type Checkpoint } from '$lib/training/shared/checkpoint';
import { defaultSettings, trainRequest } from '$lib/training/client/settings';
import { INITIAL_EARLY_STOPPING } from '$lib/training/shared/early-stopping';
import { parseSpeeds, storedSpeeds } from '$lib/storage/speed-cache';

const array = (name: string, shape: number[]) => ({ name, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5) });

/** A checkpoint after one epoch of the default model, as the worker saves it. */
function checkpoint(): Checkpoint {
  return {
    request: trainRequest(defaultSpec(4), defaultSettings()),
    epoch: 1,
    step: 20,
    rngState: 12345,
    weights: { conv1: [array('kernel', [3, 3, 1, 8]), array('bias', [8])], dense: [array('kernel', [1568, 4]), array('bias', [4])] },
    optimizerState: [array('iter', []), array('conv1/kernel/m', [3, 3, 1, 8])],
    bestWeights: null,
    earlyStopping: { ...INITIAL_EARLY_STOPPING, epochs: 1, bestEpoch: 0, bestLoss: 0.9, improved: true },
    history: {
      batches: [{ x: 0.05, loss: 1.4, lr: 0.01 }],
      epochs: [{ epoch: 1, trainLoss: 1.2, trainAcc: 0.5, valLoss: 0.9, valAcc: 0.6, seconds: 2, numTensors: 40, lr: 0.01 }],
      bestEpoch: 1,
    },
    finished: false,
    savedAt: 1_700_000_000_000,
  };
}

/**
 * A checkpoint as builds before the versioned format saved it: the same fields with no `format`
 * or `version`, holding a graph that was not tagged either (version 0 of both).
 */
function version0(): unknown {
  const current = checkpoint();
  const { format: _format, version: _version, ...graph } = current.request.spec;
  return { ...current, request: { ...current.request, spec: graph } };
}

const errorsOf = (value: unknown): string[] => {
  const parsed = parseCheckpoint(value);
  return parsed.ok ? [] : parsed.errors;
};

describe('parseCheckpoint', () => {
  it('reads back what is stored, tagged with its format and version', () => {
    const stored = storedCheckpoint(checkpoint());
    expect(stored).toMatchObject({ format: 'netloom-checkpoint', version: 1 });
    expect(parseCheckpoint(structuredClone(stored))).toEqual({ ok: true, value: checkpoint() });
  });

  it('upgrades a version-0 checkpoint and the untagged graph inside it', () => {
    const parsed = parseCheckpoint(version0());
    expect(parsed).toEqual({ ok: true, value: checkpoint() });
    if (parsed.ok) expect(parsed.value.request.spec).toMatchObject({ format: SPEC_FORMAT, version: SPEC_VERSION });
  });

  it('refuses a checkpoint from a newer NetLoom, and other records', () => {
    expect(errorsOf({ ...storedCheckpoint(checkpoint()), version: 2 })[0]).toMatch(/training checkpoint version 2: it was made by a newer NetLoom/);
    expect(errorsOf({ ...storedCheckpoint(checkpoint()), format: 'netloom-graph' })[0]).toMatch(/Not a NetLoom training checkpoint/);
    for (const value of [null, 'latest', 3, [checkpoint()]]) expect(errorsOf(value)).toEqual(['It does not contain a NetLoom training checkpoint.']);
  });

  it('names each damaged field', () => {
    const cases: [string, (c: Record<string, unknown>) => void][] = [
      ['epoch', (c) => (c.epoch = -1)],
      ['step', (c) => (c.step = 1.5)],
      ['rngState', (c) => delete c.rngState],
      ['weights', (c) => (c.weights = { conv1: [{ name: 'kernel', shape: [3, 3, 1, 8], data: new Float32Array(3) }] })],
      ['weights', (c) => (c.weights = { conv1: [{ name: 'kernel', shape: [2], data: [0, 0] }] })],
      ['optimizerState', (c) => delete c.optimizerState],
      ['bestWeights', (c) => (c.bestWeights = 'best')],
      ['earlyStopping', (c) => (c.earlyStopping = { ...INITIAL_EARLY_STOPPING, stop: undefined })],
      ['history', (c) => (c.history = { batches: 'none', epochs: [], bestEpoch: null })],
      ['finished', (c) => (c.finished = 'no')],
      ['savedAt', (c) => (c.savedAt = 'yesterday')],
      ['request.config', (c) => (c.request = { ...(c.request as object), config: { epochs: 5 } })],
      ['request.dataset', (c) => (c.request = { ...(c.request as object), dataset: { kind: 'imagenet', count: 10, seed: 1, valFraction: 0.2 } })],
    ];
    for (const [field, damage] of cases) {
      const record = storedCheckpoint(checkpoint()) as unknown as Record<string, unknown>;
      damage(record);
      expect(errorsOf(record), field).toEqual([`The saved run is damaged: ${field} is missing or invalid.`]);
    }
    expect(errorsOf({ ...storedCheckpoint(checkpoint()), request: null })).toEqual(['The saved run is damaged: request is missing or invalid.']);
  });

  it("says why the run's graph cannot be read", () => {
    const record = storedCheckpoint(checkpoint());
    const spec = { ...record.request.spec, nodes: [{ ...record.request.spec.nodes[0], kind: 'Transformer' }] };
    expect(errorsOf({ ...record, request: { ...record.request, spec } })).toEqual(["The saved run's graph cannot be read: Layer 1: unknown layer kind 'Transformer'."]);
  });
});

describe('parseSpeeds (the backend speed cache)', () => {
  const speeds = [
    { name: 'webgpu' as const, samplesPerSec: 900 },
    { name: 'cpu' as const, samplesPerSec: 120 },
  ];

  it('reads back what is stored, and upgrades the untagged list of version 0', () => {
    expect(parseSpeeds(structuredClone(storedSpeeds(speeds)))).toEqual({ ok: true, value: speeds });
    expect(parseSpeeds(speeds)).toEqual({ ok: true, value: speeds });
  });

  it('refuses unknown backends, impossible speeds, newer versions and nothing at all', () => {
    for (const bad of [[{ name: 'tpu', samplesPerSec: 10 }], [{ name: 'cpu', samplesPerSec: -1 }], [{ name: 'cpu' }], undefined, { ...storedSpeeds(speeds), version: 9 }]) {
      expect(parseSpeeds(bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});
