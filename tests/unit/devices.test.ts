import { describe, expect, it } from 'vitest';
import { DEVICE_ORDER, DEVICES, ORT_PROVIDERS, TFJS_BACKENDS, deviceUsable, ortProviderUsable, type WebGpuProbe } from '$lib/devices/shared/table';

const noGpu: WebGpuProbe = { ok: false, reason: 'no adapter' };
const swiftshader: WebGpuProbe = { ok: true, label: 'google swiftshader (software adapter)', software: true };

describe('the device table', () => {
  it('gives training its fallback order and ONNX checks the CPU reference first', () => {
    expect(TFJS_BACKENDS).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(ORT_PROVIDERS).toEqual(['wasm', 'webgpu']);
    for (const device of DEVICE_ORDER) expect(DEVICES[device].tfjs).toBe(device);
  });

  it('offers WebGPU, to tfjs and to ONNX Runtime alike, only when the probe found an adapter', () => {
    expect(deviceUsable('webgpu', noGpu)).toBe(false);
    expect(ortProviderUsable('webgpu', noGpu)).toBe(false);
    expect(ortProviderUsable('wasm', noGpu)).toBe(true);
    expect(deviceUsable('webgpu', swiftshader)).toBe(true);
    expect(ortProviderUsable('webgpu', swiftshader)).toBe(true);
  });
});
