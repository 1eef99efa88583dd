import { describe, expect, it } from 'vitest';
import { InsideState, type InsidePort } from '$lib/training/client/inside.svelte';
import type { InspectRequest, Inspection } from '$lib/training/shared/inspection';

/** An inspection that says which request it answers: its single pixel is the sample's position. */
function inspection(request: InspectRequest, sampleCount = 5): Inspection {
  const position = request.input.kind === 'sample' ? request.input.position : -1;
  return {
    height: 1,
    width: 1,
    channels: 1,
    pixels: Uint8Array.of(position),
    classes: ['a', 'b'],
    label: 0,
    sampleCount,
    probabilities: Float32Array.of(0.7, 0.3),
    predicted: 0,
    layers: [],
    gradCam: { layer: 'conv', classIndex: request.classIndex ?? 0, map: Float32Array.of(1) },
  };
}

/** A worker whose answers the test releases one at a time, in order. */
function fakePort() {
  const pending: { request: InspectRequest; resolve: (i: Inspection) => void; reject: (e: Error) => void }[] = [];
  const port: InsidePort = { inspect: (request) => new Promise((resolve, reject) => pending.push({ request, resolve, reject })) };
  const answer = async (value?: Error) => {
    const next = pending.shift()!;
    if (value) next.reject(value);
    else next.resolve(inspection(next.request));
    await new Promise((r) => setTimeout(r, 0));
  };
  return { port, pending, answer };
}

const modelA = {};
const modelB = {};

describe('the "Inside the network" state', () => {
  it('asks nothing until a model is ready and the section is open, then shows the first sample', async () => {
    const fake = fakePort();
    const inside = new InsideState(fake.port);
    inside.sync(null, true);
    inside.sync(modelA, false);
    expect(fake.pending).toHaveLength(0);
    inside.sync(modelA, true);
    expect(fake.pending.map((p) => p.request)).toEqual([{ input: { kind: 'sample', position: 0 }, classIndex: undefined }]);
    await fake.answer();
    expect(inside.status).toBe('done');
    expect(inside.result?.pixels[0]).toBe(0);
    // Closing and opening again keeps what is shown.
    inside.sync(modelA, false);
    inside.sync(modelA, true);
    expect(fake.pending).toHaveLength(0);
  });

  it('steps through the samples, wrapping around, and Grad-CAM follows each new prediction', async () => {
    const fake = fakePort();
    const inside = new InsideState(fake.port);
    inside.sync(modelA, true);
    await fake.answer();
    void inside.explain(1);
    expect(fake.pending[0].request).toEqual({ input: { kind: 'sample', position: 0 }, classIndex: 1 });
    await fake.answer();
    expect(inside.result?.gradCam?.classIndex).toBe(1);
    void inside.step(-1);
    expect(fake.pending[0].request).toEqual({ input: { kind: 'sample', position: 4 }, classIndex: undefined });
    await fake.answer();
    void inside.step(1);
    expect(fake.pending[0].request.input).toEqual({ kind: 'sample', position: 0 });
  });

  it('drops an answer that a newer request or another model overtook', async () => {
    const fake = fakePort();
    const inside = new InsideState(fake.port);
    inside.sync(modelA, true);
    await fake.answer();
    void inside.step(1);
    void inside.step(1);
    await fake.answer();
    // The first step's answer (position 1) arrived after the second step was asked for.
    expect(inside.result?.pixels[0]).toBe(0);
    expect(inside.status).toBe('running');
    await fake.answer();
    expect(inside.result?.pixels[0]).toBe(2);
    void inside.step(1);
    inside.sync(null, true);
    await fake.answer();
    expect(inside.result).toBeNull();
    expect(inside.status).toBe('idle');
    inside.sync(modelB, true);
    expect(fake.pending[0].request.input).toEqual({ kind: 'sample', position: 0 });
  });

  it('says why when the worker refuses', async () => {
    const fake = fakePort();
    const inside = new InsideState(fake.port);
    inside.sync(modelA, true);
    await fake.answer(new Error('no data here'));
    expect(inside.status).toBe('failed');
    expect(inside.error).toContain('no data here');
  });
});

describe('"Inside the network" for pixels (a drawing)', () => {
  it('shows the pixels it is given, again when they change, and keeps them for another model', async () => {
    const fake = fakePort();
    const inside = new InsideState(fake.port);
    const first = Uint8Array.of(7);
    inside.input = { kind: 'pixels', pixels: first };
    inside.sync(modelA, true);
    expect(fake.pending.map((p) => p.request)).toEqual([{ input: { kind: 'pixels', pixels: first }, classIndex: undefined }]);
    await fake.answer();
    inside.sync(modelA, true);
    expect(fake.pending).toHaveLength(0);
    const second = Uint8Array.of(9);
    inside.input = { kind: 'pixels', pixels: second };
    inside.sync(modelA, true);
    expect(fake.pending[0].request.input).toEqual({ kind: 'pixels', pixels: second });
    await fake.answer();
    inside.sync(modelB, true);
    expect(fake.pending[0].request.input).toEqual({ kind: 'pixels', pixels: second });
  });
});
