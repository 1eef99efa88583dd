import { openModel, runModel } from '$lib/onnx/runtime';
import { inputDims, toModelInput } from '$lib/onnx/foreign/input';
import { PARITY_TOLERANCE } from '$lib/onnx/verify';
import { ortProviderUsable, type OrtProvider } from '$lib/devices/shared/table';
import { probeWebGpu } from '$lib/devices/client/probe';
import type { ForeignLiveModel, ProviderAgreement } from '$lib/live/shared/protocol';
import { maxAbsDiff } from '$lib/util/compare';
import { Rng } from '$lib/util/random';
import { m } from '$lib/i18n/messages';
import type { Runner } from './runner';

/** A foreign ONNX file opened in ONNX Runtime Web; images are converted as the user's preprocessing says. */
export async function foreignRunner(model: ForeignLiveModel, provider: OrtProvider): Promise<Runner> {
  const open = await openModel(model.bytes, provider);
  const dims = inputDims(model.input.geometry, model.input.layout);
  return {
    report: { runtime: provider === 'webgpu' ? 'ort-webgpu' : 'ort-wasm', detail: m.liveOnOrt({ provider }) },
    outputs: async (image) => (await open.run(toModelInput(image, model.input), dims)).output,
    dispose: () => open.release(),
  };
}

/** Two images unless the file fixes the batch: a batch of one could hide a kernel that mixes samples up. */
const CHECK_BATCH = 2;

/** The same seeded batch of random images through WASM and WebGPU. */
export async function compareProviders(model: ForeignLiveModel): Promise<ProviderAgreement> {
  if (!ortProviderUsable('webgpu', await probeWebGpu())) return { kind: 'unavailable', reason: m.providerUnavailable() };
  const rng = new Rng(13);
  const n = model.fixedBatch ?? CHECK_BATCH;
  const one = inputDims(model.input.geometry, model.input.layout);
  const size = one.reduce((a, b) => a * b, 1);
  const batch = new Float32Array(n * size);
  for (let i = 0; i < n; i++) {
    batch.set(toModelInput(Float32Array.from({ length: size }, () => rng.next()), model.input), i * size);
  }
  const dims = [n, ...one.slice(1)];
  const wasm = await runModel(model.bytes, 'wasm', batch, dims, 1);
  let webgpu;
  try {
    webgpu = await runModel(model.bytes, 'webgpu', batch, dims, 1);
  } catch (error) {
    return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
  }
  const diff = maxAbsDiff(wasm.output, webgpu.output);
  return diff <= PARITY_TOLERANCE ? { kind: 'agree', maxAbsDiff: diff } : { kind: 'differ', maxAbsDiff: diff };
}
