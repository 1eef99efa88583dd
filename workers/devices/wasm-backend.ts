import * as tf from '@tensorflow/tfjs';
// Importing the package registers the 'wasm' backend with tfjs.
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './wasm-kernels';
import { m } from '$lib/i18n/messages';

/** Where each of tfjs's WASM builds is served: plain, SIMD, and SIMD with threads. */
export type WasmFiles = Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>;

export interface WasmOptions {
  /**
   * 1: the single-threaded SIMD build. More: the threaded build with up to that many threads, where
   * the page is cross-origin isolated. Absent: as many as tfjs allows. tfjs caps its pool at half the
   * logical cores (at most 8), leaving a core per pair to the page: a 2-core machine runs the
   * threaded build on 1 thread, which is how the browser tests exercise that build's start here.
   */
  threads?: number;
}

let prepared = false;

/**
 * Readies the wasm backend before its first start: where its binaries are (a file map in the
 * browser, a folder in Node), how many threads, and the gradient kernels tfjs lacks. The first
 * call wins: tfjs refuses new paths once the backend has started.
 */
export function prepareWasm(files: WasmFiles | string, { threads }: WasmOptions = {}): void {
  if (prepared) return;
  prepared = true;
  setWasmPaths(files);
  // Threads need SharedArrayBuffer, which a browser only grants a cross-origin isolated page.
  const isolated = typeof crossOriginIsolated !== 'boolean' || crossOriginIsolated;
  if (!isolated || threads === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  else if (threads !== undefined) setThreadsCount(threads);
  registerWasmTrainingKernels();
}

/** Which build runs, for the backend report: SIMD or not, and how many threads. Call once wasm is active. */
export async function describeWasm(): Promise<string> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const threaded = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean;
  return m.wasmBuild({ simd: simd ? 'yes' : 'no', threads: simd && threaded ? getThreadsCount() : 1 });
}
