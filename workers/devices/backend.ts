import * as tf from '@tensorflow/tfjs';
import { watchGpu } from './gpu-faults';
import * as fmt from '$lib/i18n/format';
import '@tensorflow/tfjs-backend-webgpu';
import { describeWasm, prepareWasm } from './wasm-backend';
import { WASM_FILES } from './wasm-files';
import type { BackendAttempt, BackendChoice, BackendName, BackendReport } from '$lib/training/shared/protocol';
import { DEVICES, TFJS_BACKENDS } from '$lib/devices/shared/table';
import { probeWebGpu } from '$lib/devices/client/probe';
import { m } from '$lib/i18n/messages';

/**
 * Separate im2col shader for WebGPU convolutions. `npm run bench` measured plain model.fit of
 * the default model on SwiftShader at 79–130 samples/s with it and 18–34 without (3.9–4.4×); the fused
 * forward Conv2D shader dominates each step there (docs/training.md).
 */
export const WEBGPU_SEPARATE_IM2COL = true;

/** Whether any backend was switched to: tfjs would otherwise pick webgpu lazily and throw. */
let selected = false;

/** Switches tfjs to `name` and reads it back: setBackend resolves false (keeping the old one) when init fails. */
export async function activate(name: BackendName): Promise<BackendAttempt> {
  if (DEVICES[name].needsWebGpu) {
    const probe = await probeWebGpu();
    if (!probe.ok) return { name, ok: false, reason: probe.reason };
  }
  if (name === 'wasm') prepareWasm(WASM_FILES);
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (name === 'webgpu') tf.env().set('WEBGPU_CONV_SEPARATE_IM2COL_SHADER', WEBGPU_SEPARATE_IM2COL);
    if (ok && tf.getBackend() === name) {
      if (name === 'webgpu') watchGpu();
      selected = true;
      return { name, ok: true };
    }
    return { name, ok: false, reason: m.backendFailedToStart({ name }) };
  } catch (error) {
    return { name, ok: false, reason: m.backendFailedWith({ name, why: (error as Error).message }) };
  }
}

export async function report(active: BackendName, attempts: BackendAttempt[]): Promise<BackendReport> {
  if (active === 'wasm') return { active, attempts, adapter: await describeWasm() };
  const probe = DEVICES[active].needsWebGpu ? await probeWebGpu() : undefined;
  return probe?.ok ? { active, attempts, adapter: probe.label, softwareAdapter: probe.software } : { active, attempts };
}

/**
 * Switches tfjs to the chosen backend, falling back in the order webgpu → webgl → wasm → cpu when it
 * cannot start; 'auto' takes the first that starts (backend-auto.ts chooses by measurement).
 */
export async function selectBackend(choice: BackendChoice): Promise<BackendReport> {
  const candidates = choice === 'auto' ? TFJS_BACKENDS : [choice, ...TFJS_BACKENDS.filter((b) => b !== choice)];
  const attempts: BackendAttempt[] = [];
  for (const name of candidates) {
    const attempt = await activate(name);
    attempts.push(attempt);
    if (attempt.ok) return report(name, attempts);
  }
  throw new Error(m.noBackendStarted({ tried: fmt.list(candidates) }));
}

/** For work outside a training run (previews): the first backend that starts, unless one was chosen. */
export async function ensureBackend(): Promise<void> {
  if (!selected) await selectBackend('auto');
}
