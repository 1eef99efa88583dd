/// <reference types="@webgpu/types" />
import type { WebGpuProbe } from '$lib/devices/shared/table';

let probe: Promise<WebGpuProbe> | undefined;

async function requestAdapterInfo(): Promise<WebGpuProbe> {
  if (!('gpu' in navigator) || !navigator.gpu) {
    return { ok: false, reason: 'this browser does not expose WebGPU (navigator.gpu is missing)' };
  }
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) {
    return { ok: false, reason: 'no WebGPU adapter: the GPU is blocklisted or WebGPU is switched off in this browser' };
  }
  const info = adapter.info;
  const software = Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter);
  const label = [info.vendor, info.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  return { ok: true, label: software ? `${label} (software adapter)` : label, software };
}

/**
 * Asks for a WebGPU adapter once per page or worker: the adapter does not change during their
 * life, and every requestAdapter call costs. Works in the page and in the training worker alike.
 */
export function probeWebGpu(): Promise<WebGpuProbe> {
  probe ??= requestAdapterInfo().catch((error: Error) => ({ ok: false, reason: `requesting a WebGPU adapter failed: ${error.message}` }));
  return probe;
}
