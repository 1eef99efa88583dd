import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { prepareWasm } from '$workers/devices/wasm-backend';
import { selectBackend } from '$workers/devices/backend';
import { chooseBySpeed } from '$workers/devices/backend-auto';
import { runTraining } from '$workers/training/run';
import { RunControl } from '$workers/training/control';
import { defaultSettings, trainRequest } from '$lib/training/client/settings';
import { defaultOptimizer } from '$lib/training/shared/config';
import { PRESETS, PRESET_IDS, defaultSpec, type PresetId } from '$lib/spec/presets';
import { SHAPE_CLASSES } from '$lib/datasets/shared/catalog';
import type { BackendName, TrainEvent } from '$lib/training/shared/protocol';

beforeAll(() => {
  // Auto keys its cached speeds by the user agent; Node 20 has no navigator.
  vi.stubGlobal('navigator', { userAgent: 'vitest' });
  // In the browser the worker serves Vite's copies of the binaries; Node reads them from the package.
  prepareWasm(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
});

describe('the wasm backend in the worker', () => {
  it('starts when chosen and says which build runs', async () => {
    const report = await selectBackend('wasm');
    expect(report.active).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    // Node has WebAssembly SIMD; tfjs never runs its threaded build in Node.
    expect(report.adapter).toBe('SIMD, 1 thread');
  });

  it('is measured by Auto, which picks it over cpu when it trains faster', async () => {
    const report = await chooseBySpeed(defaultSpec());
    const names = report.speeds?.map((s) => s.name);
    // Node has neither WebGPU nor WebGL: wasm and cpu are the backends that start.
    expect(names?.sort()).toEqual(['cpu', 'wasm']);
    const speed = (name: BackendName) => report.speeds!.find((s) => s.name === name)!.samplesPerSec;
    expect(speed('wasm')).toBeGreaterThan(speed('cpu'));
    expect(report.active).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  }, 120_000);
});

/**
 * One epoch of the worker's own training run on Shapes (64 training samples, batch 16, seed 7): its
 * train and validation loss. Plain SGD, so a loss difference is a gradient difference: Adam divides
 * each gradient by its own size, and turns rounding noise in gradients that are zero in exact
 * arithmetic (a convolution's bias before BatchNorm) into full-size steps (ResNet-tiny: 1.5e-3 apart).
 */
async function oneEpoch(backend: 'wasm' | 'cpu', preset: PresetId): Promise<number[]> {
  expect((await selectBackend(backend)).active).toBe(backend);
  const settings = defaultSettings();
  settings.samples = 80;
  settings.seed = 7;
  settings.config.epochs = 1;
  settings.config.batchSize = 16;
  settings.config.optimizer = { ...defaultOptimizer('sgd'), learningRate: 0.05 };
  const request = { ...trainRequest(PRESETS[preset](SHAPE_CLASSES.length), settings), checkpoints: false };
  const events: TrainEvent[] = [];
  const result = await runTraining(tf, request, undefined, new RunControl(), (e) => events.push(e));
  result.model.dispose();
  expect(result.outcome.reason).toBe('completed');
  return events.flatMap((e) => (e.type === 'epoch' ? [e.trainLoss, e.valLoss] : []));
}

describe('every preset trains on wasm as on cpu', () => {
  it.each(PRESET_IDS)('%s: one epoch from the same seed reaches the same losses', async (preset) => {
    const wasm = await oneEpoch('wasm', preset);
    const cpu = await oneEpoch('cpu', preset);
    expect(wasm).toHaveLength(2);
    expect(wasm.every(Number.isFinite)).toBe(true);
    // Float32 sums in another order (XNNPACK vs plain JS) over four steps: at most 8e-5 apart (ResNet-tiny's BatchNorm).
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(wasm[i] - cpu[i])).toBeLessThanOrEqual(5e-4 * Math.abs(cpu[i]));
  }, 300_000);
});
