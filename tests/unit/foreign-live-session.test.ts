/**
 * The live session with a foreign model: WebGPU is checked against WASM when the model opens and,
 * when they disagree (or WebGPU cannot run it), the model runs on WASM with WebGPU not offered;
 * closing it, or a new training run, brings the trained model back.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveSession } from '$lib/live/client/live-session.svelte';
import type { ForeignLiveModel, LiveApi, LiveModel, LiveRuntime, ProviderAgreement } from '$lib/live/shared/protocol';
import { PRESETS } from '$lib/spec/presets';

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

/** A live worker stand-in on a MessageChannel, recording which model went to which runtime. */
function session(agreement: ProviderAgreement) {
  const loads: { kind: 'trained' | 'foreign'; runtime: LiveRuntime }[] = [];
  const api: Partial<LiveApi> = {
    load: async (_model: LiveModel, runtime) => (loads.push({ kind: 'trained', runtime }), { runtime, detail: runtime }),
    loadForeign: async (_model: ForeignLiveModel, runtime) => (loads.push({ kind: 'foreign', runtime }), { runtime, detail: runtime }),
    compareForeign: async () => agreement,
  };
  const channel = new MessageChannel();
  channels.push(channel);
  Comlink.expose(api, channel.port1);
  const live = new LiveSession(() => channel.port2 as unknown as Worker);
  return { live, loads };
}

const foreign: ForeignLiveModel = {
  bytes: new Uint8Array([1, 2, 3]),
  input: { geometry: { height: 28, width: 28, channels: 1 }, layout: 'NCHW', range: 'unit', mean: [0], std: [1] },
  probabilities: true,
  fixedBatch: null,
};

const trained = (spec = PRESETS.lenet5(10)) => ({ spec, classes: ['a', 'b'], weights: async () => ({}) });

describe('a foreign model in the live session', () => {
  it('runs on WASM with WebGPU not offered when WebGPU disagreed with WASM, even if WebGPU was picked', async () => {
    const { live, loads } = session({ kind: 'differ', maxAbsDiff: 10 });
    await live.setRuntime('ort-webgpu');
    await live.useForeign('lenet.onnx', foreign, ['zero', 'one']);
    expect(live.agreement).toEqual({ kind: 'differ', maxAbsDiff: 10 });
    expect(live.runtime).toBe('ort-wasm');
    expect(loads).toEqual([{ kind: 'foreign', runtime: 'ort-wasm' }]);
    expect(live.status).toBe('ready');
    expect(live.size).toEqual({ height: 28, width: 28, channels: 1 });
    expect(['ort-wasm', 'ort-webgpu', 'tfjs'].map((r) => live.runtimeUsable(r as LiveRuntime))).toEqual([true, false, false]);
  });

  it('keeps WebGPU when it agreed, and never offers tfjs', async () => {
    const { live, loads } = session({ kind: 'agree', maxAbsDiff: 2e-7 });
    await live.setRuntime('tfjs');
    await live.useForeign('lenet.onnx', foreign, ['zero', 'one']);
    expect(live.runtime).toBe('ort-wasm');
    await live.setRuntime('ort-webgpu');
    expect(loads.at(-1)).toEqual({ kind: 'foreign', runtime: 'ort-webgpu' });
    expect(live.runtimeUsable('ort-webgpu')).toBe(true);
    expect(live.runtimeUsable('tfjs')).toBe(false);
  });

  it('closing it brings back the trained model and its classes; a new training run replaces it', async () => {
    const { live, loads } = session({ kind: 'unavailable', reason: 'no adapter' });
    const first = trained();
    await live.useTrained(first);
    await live.useForeign('lenet.onnx', foreign, ['zero', 'one', 'two']);
    expect(live.classes).toEqual(['zero', 'one', 'two']);
    // The Use tab shown again with the same run does not replace the opened model.
    await live.useTrained(first);
    expect(live.foreign?.name).toBe('lenet.onnx');
    await live.closeForeign();
    expect(live.foreign).toBeNull();
    expect(live.classes).toEqual(['a', 'b']);
    expect(loads.at(-1)?.kind).toBe('trained');

    await live.useForeign('lenet.onnx', foreign, ['zero']);
    await live.useTrained(trained(PRESETS.lenet5(2)));
    expect(live.foreign).toBeNull();
    expect(loads.at(-1)?.kind).toBe('trained');
  });
});
