/// <reference types="@webgpu/types" />
import type { WebGpuProbe } from '$lib/devices/shared/table';
import { m } from '$lib/i18n/messages';

let probe: Promise<WebGpuProbe> | undefined;

async function requestAdapterInfo(): Promise<WebGpuProbe> {
  if (!('gpu' in navigator) || !navigator.gpu) {
    return { ok: false, reason: m.webgpuMissing() };
  }
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) {
    return { ok: false, reason: m.webgpuNoAdapter() };
  }
  const info = adapter.info;
  const software = Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter);
  const label = [info.vendor, info.architecture].filter(Boolean).join(' ') || m.unknownAdapter();
  return { ok: true, label: software ? m.softwareAdapterLabel({ label }) : label, software };
}

/**
 * Asks for a WebGPU adapter once per page or worker: the adapter does not change during their
 * life, and every requestAdapter call costs. Works in the page and in the training worker alike.
 */
export function probeWebGpu(): Promise<WebGpuProbe> {
  probe ??= requestAdapterInfo().catch((error: Error) => ({ ok: false, reason: m.webgpuRequestFailed({ why: error.message }) }));
  return probe;
}
