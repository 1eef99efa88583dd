import * as tf from '@tensorflow/tfjs';
import { m } from '$lib/i18n/messages';

/**
 * WebGPU reports rejected work and device loss asynchronously, never as an exception from a tfjs
 * call: a rejected command buffer silently drops every update in it. They are recorded here so
 * the training loop stops with a message instead of training on work that never ran.
 */
let fault: string | null = null;
const watched = new WeakSet<GPUDevice>();

export function watchGpu(): void {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  if (!device || watched.has(device)) return;
  watched.add(device);
  device.addEventListener('uncapturederror', (event) => {
    fault ??= m.gpuRejectedWork({ detail: (event as GPUUncapturedErrorEvent).error.message.split('\n')[0] });
  });
  void device.lost.then((info) => {
    fault ??= m.gpuDeviceLost({ detail: info.message || info.reason });
  });
}

/** The first fault since the last call, if any. */
export function takeGpuFault(): string | null {
  const found = fault;
  fault = null;
  return found;
}
