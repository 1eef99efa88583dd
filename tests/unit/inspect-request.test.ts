import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '$workers/model/build-model';
import { memorySource } from '$workers/datasets/source';
import { inspectTrained, inspectionBuffers } from '$workers/inspect/inspect-request';
import { generateShapes } from '$lib/datasets/shared/shapes';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import { MAX_MAPS } from '$lib/training/shared/inspection';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = generateShapes({ count: 20, seed: 3 });
const val = memorySource(data);
const SIZE = 28 * 28;

describe('inspecting the trained model for the page', () => {
  it('answers the same for a validation sample and for the same pixels sent as an image, and says the sample’s true class', async () => {
    // Quantised images, so the bytes the page gets are exactly what the model saw.
    const images = data.images.map((v) => Math.round(v * 255) / 255);
    const source = memorySource({ ...data, images });
    const model = buildModel(tf, defaultSpec(4), 2);
    const fromSample = await inspectTrained(tf, { model, spec: defaultSpec(4), val: source }, { input: { kind: 'sample', position: 5 } });
    expect(fromSample.label).toBe(data.labels[5]);
    expect(fromSample.sampleCount).toBe(20);
    expect(fromSample.classes).toEqual([...data.classes]);
    expect([fromSample.height, fromSample.width, fromSample.channels]).toEqual([28, 28, 1]);
    const fromPixels = await inspectTrained(tf, { model, spec: defaultSpec(4) }, { input: { kind: 'pixels', pixels: fromSample.pixels.slice() } });
    expect(fromPixels.label).toBeUndefined();
    expect(fromPixels.sampleCount).toBe(0);
    expect([...fromPixels.probabilities]).toEqual([...fromSample.probabilities]);
    expect([...fromPixels.gradCam!.map]).toEqual([...fromSample.gradCam!.map]);
    // Every array the page gets can be handed over, each buffer once.
    const buffers = inspectionBuffers(fromSample);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(fromSample.gradCam!.map.buffer);
    model.dispose();
  });

  it('refuses pixels of the wrong size, a class the model lacks and a sample the split lacks', async () => {
    const model = buildModel(tf, defaultSpec(4), 2);
    const trained = { model, spec: defaultSpec(4), val };
    await expect(inspectTrained(tf, trained, { input: { kind: 'pixels', pixels: new Uint8Array(SIZE - 1) } })).rejects.toThrow(`${SIZE - 1} values; the model takes ${SIZE}`);
    await expect(inspectTrained(tf, trained, { input: { kind: 'sample', position: 0 }, classIndex: 4 })).rejects.toThrow('no class 4');
    await expect(inspectTrained(tf, trained, { input: { kind: 'sample', position: 20 } })).rejects.toThrow();
    await expect(inspectTrained(tf, { model, spec: defaultSpec(4) }, { input: { kind: 'sample', position: 0 } })).rejects.toThrow('not in this browser');
    model.dispose();
  });

  it('shows at most MAX_MAPS channels of a wide layer, and says how many it has', async () => {
    const spec = defaultSpec(4);
    Object.assign(spec.nodes.find((n) => n.id === 'conv1')!.params, { filters: 40 });
    const model = buildModel(tf, spec, 2);
    const result = await inspectTrained(tf, { model, spec, val }, { input: { kind: 'sample', position: 0 } });
    expect(result.layers.map((l) => [l.id, l.channels, l.shown, l.maps.length])).toEqual([
      ['conv1', 40, MAX_MAPS, MAX_MAPS * SIZE],
      ['pool1', 40, MAX_MAPS, (MAX_MAPS * SIZE) / 4],
    ]);
    expect([result.filters!.count, result.filters!.shown]).toEqual([40, 32]);
    model.dispose();
  });

  it('shows a model without convolutions without filters or Grad-CAM', async () => {
    const model = buildModel(tf, PRESETS.mlp(4), 2);
    const result = await inspectTrained(tf, { model, spec: PRESETS.mlp(4), val }, { input: { kind: 'sample', position: 0 } });
    expect(result.layers).toEqual([]);
    expect(result.filters).toBeUndefined();
    expect(result.gradCam).toBeUndefined();
    expect(result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    model.dispose();
  });
});

describe('inspecting any model the editor can build', () => {
  it('works on every preset and on a first layer of each conv kind (depthwise kernels as one filter per channel, a leaky ReLU in a layer of its own)', async () => {
    const head = defaultSpec(4);
    const first = head.nodes.find((n) => n.id === 'conv1')!;
    const kinds = [
      { kind: 'DepthwiseConv2D', params: { kernelSize: 3, strides: 1, padding: 'same', depthMultiplier: 3, activation: 'leakyRelu', useBias: true }, filters: 3 },
      { kind: 'SeparableConv2D', params: { filters: 5, kernelSize: 3, strides: 1, padding: 'same', depthMultiplier: 2, activation: 'relu', useBias: true }, filters: 2 },
    ];
    for (const { kind, params, filters } of kinds) {
      const spec = structuredClone(head);
      Object.assign(spec.nodes.find((n) => n.id === first.id)!, { kind, params });
      const model = buildModel(tf, spec, 2);
      const result = await inspectTrained(tf, { model, spec, val }, { input: { kind: 'sample', position: 1 } });
      expect(result.filters).toMatchObject({ id: 'conv1', size: 3, channels: 1, count: filters });
      expect(result.gradCam?.layer).toBe('conv1');
      model.dispose();
    }
    for (const [id, preset] of Object.entries(PRESETS)) {
      const spec = preset(4);
      const model = buildModel(tf, spec, 2);
      const result = await inspectTrained(tf, { model, spec, val }, { input: { kind: 'sample', position: 2 } });
      const conv = spec.nodes.some((n) => n.kind === 'Conv2D');
      expect([id, result.gradCam !== undefined, result.filters !== undefined]).toEqual([id, conv, conv]);
      for (const layer of result.layers) expect(layer.maps.length).toBe(layer.shown * layer.height * layer.width);
      expect((result.gradCam?.map ?? []).every((v) => v >= 0 && v <= 1)).toBe(true);
      model.dispose();
    }
  });
});
