import * as tf from '@tensorflow/tfjs';
import { watchGpu } from './gpu-faults';
import '@tensorflow/tfjs-backend-webgpu';
import { BACKEND_ORDER, type BackendAttempt, type BackendChoice, type BackendName, type BackendReport } from '$lib/training/shared/protocol';

interface AdapterProbe {
  ok: boolean;
  reason?: string;
  label?: string;
  software?: boolean;
}

/**
 * Separate im2col shader for WebGPU convolutions. `npm run bench` measured plain model.fit of
 * the default model on SwiftShader at 79–130 samples/s with it and 18–34 without (3.9–4.4×); the fused
 * forward Conv2D shader dominates each step there (docs/training.md).
 */
export const WEBGPU_SEPARATE_IM2COL = true;

let adapterProbe: Promise<AdapterProbe> | undefined;
/** Whether any backend was switched to: tfjs would otherwise pick webgpu lazily and throw. */
let selected = false;

async function probeAdapter(): Promise<AdapterProbe> {
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

/** The adapter never changes during a page's life; asking once avoids a second requestAdapter per run. */
export function probeWebGpu(): Promise<AdapterProbe> {
  adapterProbe ??= probeAdapter();
  return adapterProbe;
}

/** Switches tfjs to `name` and reads it back: setBackend resolves false (keeping the old one) when init fails. */
export async function activate(name: BackendName): Promise<BackendAttempt> {
  if (name === 'webgpu') {
    const probe = await probeWebGpu();
    if (!probe.ok) return { name, ok: false, reason: probe.reason };
  }
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (name === 'webgpu') tf.env().set('WEBGPU_CONV_SEPARATE_IM2COL_SHADER', WEBGPU_SEPARATE_IM2COL);
    if (ok && tf.getBackend() === name) {
      if (name === 'webgpu') watchGpu();
      selected = true;
      return { name, ok: true };
    }
    return { name, ok: false, reason: `${name} failed to initialise in this browser` };
  } catch (error) {
    return { name, ok: false, reason: `${name} failed to initialise: ${(error as Error).message}` };
  }
}

export async function report(active: BackendName, attempts: BackendAttempt[]): Promise<BackendReport> {
  const probe = active === 'webgpu' ? await probeWebGpu() : undefined;
  return { active, attempts, adapter: probe?.label, softwareAdapter: probe?.software };
}

/**
 * Switches tfjs to the chosen backend, falling back in the order webgpu → webgl → cpu when it
 * cannot start; 'auto' takes the first that starts (backend-auto.ts chooses by measurement).
 */
export async function selectBackend(choice: BackendChoice): Promise<BackendReport> {
  const candidates = choice === 'auto' ? BACKEND_ORDER : [choice, ...BACKEND_ORDER.filter((b) => b !== choice)];
  const attempts: BackendAttempt[] = [];
  for (const name of candidates) {
    const attempt = await activate(name);
    attempts.push(attempt);
    if (attempt.ok) return report(name, attempts);
  }
  throw new Error('No TensorFlow.js backend could start (tried webgpu, webgl and cpu).');
}

/** For work outside a training run (previews): the first backend that starts, unless one was chosen. */
export async function ensureBackend(): Promise<void> {
  if (!selected) await selectBackend('auto');
}
