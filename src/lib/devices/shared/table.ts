/**
 * The one table of compute devices, as transformers.js keeps its device → execution-provider map:
 * which tfjs backend trains on a device and which ONNX Runtime provider checks exports on it.
 * Pure data: the worker, the training panel and the ONNX check all read it.
 */

export type Device = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type TfjsBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** ONNX Runtime Web's names; its CPU path in a browser is WebAssembly. */
export type OrtProvider = 'webgpu' | 'wasm';

export interface DeviceEntry {
  tfjs: TfjsBackend;
  /** null: ORT-web has no provider for it (its WebGL provider is deprecated and not bundled). */
  ort: OrtProvider | null;
  /** Starts only when the WebGPU probe found an adapter. */
  needsWebGpu: boolean;
}

export const DEVICES: { readonly [D in Device]: DeviceEntry } = {
  webgpu: { tfjs: 'webgpu', ort: 'webgpu', needsWebGpu: true },
  webgl: { tfjs: 'webgl', ort: null, needsWebGpu: false },
  wasm: { tfjs: 'wasm', ort: 'wasm', needsWebGpu: false },
  cpu: { tfjs: 'cpu', ort: 'wasm', needsWebGpu: false },
};

/**
 * The order fallbacks and the first-that-starts choice (previews) try; 'auto' for training measures
 * every backend instead. wasm comes after webgl because this order only matters where nothing was
 * measured, and a machine with a real GPU does best on it; without one, WebGL runs on a software
 * renderer and Auto finds wasm far faster (headless Chromium, 2 shared cores, default CNN:
 * wasm ~1,070 samples/s, webgl ~73, cpu ~43; LeNet-5: 154, 16, 10). cpu (plain JS) is the last resort.
 */
export const DEVICE_ORDER: readonly Device[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export const TFJS_BACKENDS: readonly TfjsBackend[] = DEVICE_ORDER.map((d) => DEVICES[d].tfjs);

/** The CPU provider's result is the reference, so ONNX checks run it first. */
export const ORT_PROVIDERS: readonly OrtProvider[] = [...new Set([...DEVICE_ORDER].reverse().flatMap((d) => DEVICES[d].ort ?? []))];

/** What the one WebGPU probe found; plain data so it can cross to and from the worker. */
export type WebGpuProbe = { ok: true; label: string; software: boolean } | { ok: false; reason: string };

/** Whether a device can start here, judged from the probe alone (a backend may still fail to initialise). */
export function deviceUsable(device: Device, probe: WebGpuProbe): boolean {
  return !DEVICES[device].needsWebGpu || probe.ok;
}

export function ortProviderUsable(provider: OrtProvider, probe: WebGpuProbe): boolean {
  return DEVICE_ORDER.some((d) => DEVICES[d].ort === provider && deviceUsable(d, probe));
}
