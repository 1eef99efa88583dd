import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { describeWasm, prepareWasm } from '$workers/devices/wasm-backend';
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

/** Started: the build that runs (SIMD, threads); not started: why. */
async function startWasm(): Promise<{ build: string } | string> {
  try {
    prepareWasm(wasmDir());
    const { result, logged } = await capturingLogs(() => tf.setBackend('wasm'));
    if (result && tf.getBackend() === 'wasm') {
      for (const line of logged) process.stderr.write(`${line}\n`);
      return { build: await describeWasm() };
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
export async function startBackend(preferred: CliBackend, note: (line: string) => void): Promise<{ backend: CliBackend; build: string | null }> {
  if (preferred === 'wasm') {
    const started = await startWasm();
    if (typeof started !== 'string') return { backend: 'wasm', build: started.build };
    note(text.backendFallback(started));
  }
  await tf.setBackend('cpu');
  return { backend: 'cpu', build: null };
}
