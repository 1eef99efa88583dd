import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { BACKEND_ORDER, type BackendAttempt, type BackendChoice, type BackendName, type BackendReport } from '../src/lib/trainer/protocol';

interface AdapterProbe {
  ok: boolean;
  reason?: string;
  label?: string;
  software?: boolean;
}

async function probeWebGpu(): Promise<AdapterProbe> {
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

async function activate(name: BackendName): Promise<BackendAttempt> {
  try {
    // setBackend resolves false (and silently keeps the old backend) when init fails, so read it back.
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (ok && tf.getBackend() === name) return { name, ok: true };
    return { name, ok: false, reason: `${name} failed to initialise in this browser` };
  } catch (error) {
    return { name, ok: false, reason: `${name} failed to initialise: ${(error as Error).message}` };
  }
}

/**
 * Switches tfjs to the chosen backend, or for 'auto' to the first that works in the order
 * webgpu → webgl → cpu, and says why each faster one was skipped.
 */
export async function selectBackend(choice: BackendChoice): Promise<BackendReport> {
  const candidates = choice === 'auto' ? BACKEND_ORDER : [choice, ...BACKEND_ORDER.filter((b) => b !== choice)];
  const attempts: BackendAttempt[] = [];
  let webgpu: AdapterProbe | undefined;
  for (const name of candidates) {
    if (name === 'webgpu') {
      webgpu = await probeWebGpu();
      if (!webgpu.ok) {
        attempts.push({ name, ok: false, reason: webgpu.reason });
        continue;
      }
    }
    const attempt = await activate(name);
    attempts.push(attempt);
    if (attempt.ok) {
      const onGpu = name === 'webgpu' && webgpu?.ok;
      return { active: name, attempts, adapter: onGpu ? webgpu?.label : undefined, softwareAdapter: onGpu ? webgpu?.software : undefined };
    }
  }
  throw new Error('No TensorFlow.js backend could start (tried webgpu, webgl and cpu).');
}
