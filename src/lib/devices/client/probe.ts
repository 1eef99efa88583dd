/// <reference types="@webgpu/types" />
import type { WebGpuProbe } from '$lib/devices/shared/table';
import { messages } from '$lib/i18n/messages';

let probe: Promise<WebGpuProbe> | undefined;

async function requestAdapterInfo(): Promise<WebGpuProbe> {
  if (!('gpu' in navigator) || !navigator.gpu) {
    return { ok: false, reason: messages.webgpuMissing };
  }
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) {
    return { ok: false, reason: messages.webgpuNoAdapter };
  }
  const info = adapter.info;
  const software = Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter);
  const label = [info.vendor, info.architecture].filter(Boolean).join(' ') || messages.unknownAdapter;
  return { ok: true, label: software ? messages.softwareAdapterLabel(label) : label, software };
}

/**
 * Asks for a WebGPU adapter once per page or worker: the adapter does not change during their
 * life, and every requestAdapter call costs. Works in the page and in the training worker alike.
 */
export function probeWebGpu(): Promise<WebGpuProbe> {
  probe ??= requestAdapterInfo().catch((error: Error) => ({ ok: false, reason: messages.webgpuRequestFailed(error.message) }));
  return probe;
}
