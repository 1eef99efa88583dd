import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '$workers/devices/wasm-kernels';
import { text } from './text';
import type { CliBackend } from './tfjs-backends';

export { tf };

// tfjs's "install tfjs-node" banner and debug checks are for people writing tfjs code, not for this command's output.
tf.env().set('PROD', true);

/** The backend's .wasm files, read from node_modules: nothing is downloaded. */
const wasmDir = (): string => `${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`;

/** Runs `start` holding back what it logs: a backend that fails to start logs its failure several times over. */
async function capturingLogs<T>(start: () => Promise<T>): Promise<{ result: T; logged: string[] }> {
  const logged: string[] = [];
  const { error, warn } = console;
  console.error = console.warn = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  try {
    return { result: await start(), logged };
  } finally {
    Object.assign(console, { error, warn });
  }
}

async function startWasm(): Promise<true | string> {
  try {
    setWasmPaths(wasmDir());
    registerWasmTrainingKernels();
    const { result, logged } = await capturingLogs(() => tf.setBackend('wasm'));
    if (result && tf.getBackend() === 'wasm') {
      for (const line of logged) process.stderr.write(`${line}\n`);
      return true;
    }
    return logged[0]?.split('\n')[0] ?? 'tfjs refused it';
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Switches tfjs to `preferred`. wasm (XNNPACK, with the gradient kernels NetLoom adds so convolutions
 * train) is many times faster than the plain-JS cpu backend; if it cannot start, training still
 * runs on cpu and `note` says why.
 */
export async function startBackend(preferred: CliBackend, note: (line: string) => void): Promise<CliBackend> {
  if (preferred === 'wasm') {
    const started = await startWasm();
    if (started === true) return 'wasm';
    note(text.backendFallback(started));
  }
  await tf.setBackend('cpu');
  return 'cpu';
}
