import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '$lib/spec/analyze';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import type { GraphSpec } from '$lib/spec/types';
import { defaultOptimizer } from '$lib/training/shared/config';
import { OPTIMIZER_SLOTS, TRAINING_MEMORY_LIMIT, estimateTrainingMemory, memoryRefusal } from '$lib/training/shared/memory';
import { requestErrors } from '$lib/training/shared/validate';
import { defaultSettings, trainRequest } from '$lib/training/client/settings';

/** Input 28×28×1 → Conv2D (`filters`, same padding) → Flatten → Dense(`units`) → Dense(4). */
function wideHead(filters: number, units: number): GraphSpec {
  const relu = { activation: 'relu', useBias: true } as const;
  return {
    format: 'netloom-graph',
    version: 1,
    name: 'wide head',
    nodes: [
      { id: 'input', kind: 'Input', params: { height: 28, width: 28, channels: 1 }, inputs: [] },
      { id: 'conv', kind: 'Conv2D', params: { filters, kernelSize: 3, strides: 1, padding: 'same', dilation: 1, ...relu }, inputs: ['input'] },
      { id: 'flatten', kind: 'Flatten', params: {}, inputs: ['conv'] },
      { id: 'wide', kind: 'Dense', params: { units, ...relu }, inputs: ['flatten'] },
      { id: 'out', kind: 'Dense', params: { units: 4, activation: 'softmax', useBias: true }, inputs: ['wide'] },
    ],
  };
}

const adam = (batchSize: number) => ({ batchSize, optimizer: defaultOptimizer('adam') });

describe('training memory estimate', () => {
  it('counts weights and gradients, the optimizer slots per weight, and every activation and its gradient per sample of the batch', () => {
    const analysis = analyzeGraph(wideHead(8, 16));
    const { params, activationBytesPerSample } = analysis.totals;
    // conv 8·(9+1) = 80, wide 6272·16 + 16 = 100,368, out 16·4 + 4 = 68.
    expect(params).toBe(80 + 100_368 + 68);
    // input 784, conv 6272, flatten 6272, wide 16, out 4 floats.
    expect(activationBytesPerSample).toBe((784 + 6272 + 6272 + 16 + 4) * 4);
    const memory = estimateTrainingMemory(analysis, adam(32));
    expect(memory).toEqual({
      weights: 2 * params * 4,
      optimizer: 2 * params * 4,
      activations: 2 * activationBytesPerSample * 32,
      total: 4 * params * 4 + 2 * activationBytesPerSample * 32,
    });
    expect(estimateTrainingMemory(analysis, { batchSize: 32, optimizer: defaultOptimizer('sgd') }).optimizer).toBe(0);
    expect(estimateTrainingMemory(analysis, { batchSize: 32, optimizer: defaultOptimizer('lion') }).optimizer).toBe(params * 4);
  });

  it('knows the slots of every optimizer the panel offers', () => {
    expect(Object.keys(OPTIMIZER_SLOTS).sort()).toEqual(['adam', 'adamw', 'lion', 'momentum', 'nesterov', 'rmsprop', 'sgd']);
  });

  it('lets every preset train at the default batch size', () => {
    for (const build of [defaultSpec, ...Object.values(PRESETS)]) {
      expect(memoryRefusal(analyzeGraph(build(4)), adam(32)), build(4).name).toBeNull();
    }
  });

  it('refuses a huge Dense after a large Flatten with its estimate, naming the layer and what to do', () => {
    // Within every field's range: 28·28·64 = 50,176 inputs × 4096 units, 206 M parameters, 0.77 GB of weights.
    const analysis = analyzeGraph(wideHead(64, 4096));
    expect(analysis.valid).toBe(true);
    const refusal = memoryRefusal(analysis, adam(32)) ?? '';
    const gb = Number(/^Too large to train here: this model needs about (\d+\.\d\d) GB/.exec(refusal)?.[1]);
    expect(gb).toBeCloseTo(estimateTrainingMemory(analysis, adam(32)).total / 1024 ** 3, 2);
    expect(gb).toBeGreaterThan(3);
    expect(refusal).toContain('more than the 1.00 GB a browser tab can count on');
    expect(refusal).toContain('"wide" (206M parameters): give it fewer units, or put a pooling layer before Flatten');
  });

  it('points at the batch size when the activations, not the weights, are what does not fit', () => {
    const analysis = analyzeGraph(wideHead(1024, 4));
    const batch = 128;
    expect(estimateTrainingMemory(analysis, adam(batch)).total).toBeGreaterThan(TRAINING_MEMORY_LIMIT);
    expect(memoryRefusal(analysis, adam(batch))).toContain('use a smaller batch size');
    expect(memoryRefusal(analysis, adam(8))).toBeNull();
  });

  it('is checked again by the worker before a run starts', () => {
    const settings = defaultSettings();
    expect(requestErrors(trainRequest(wideHead(8, 16), settings))).toEqual([]);
    expect(requestErrors(trainRequest(wideHead(64, 4096), settings)).join(' ')).toMatch(/Too large to train here/);
  });
});
