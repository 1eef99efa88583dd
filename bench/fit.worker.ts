import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { describeWasm, prepareWasm } from '$workers/devices/wasm-backend';
import { WASM_FILES } from '$workers/devices/wasm-files';
import { plainFit } from './plain-fit';
import type { LoopTiming, PlainFitApi, PlainFitRequest } from './protocol';

async function fit(r: PlainFitRequest): Promise<LoopTiming> {
  // The app's own wasm set-up (its binaries, its gradient kernels), so both sides run the same build.
  if (r.backend === 'wasm') prepareWasm(WASM_FILES, { threads: r.wasmThreads });
  if (!(await tf.setBackend(r.backend)) || tf.getBackend() !== r.backend) throw new Error(`${r.backend} did not start`);
  if (r.backend === 'webgpu') tf.env().set('WEBGPU_CONV_SEPARATE_IM2COL_SHADER', r.im2col);
  const timing = await plainFit(tf, r);
  return r.backend === 'wasm' ? { ...timing, build: await describeWasm() } : timing;
}

const api: PlainFitApi = { fit };
Comlink.expose(api);
