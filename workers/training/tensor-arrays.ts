import type * as tfType from '@tensorflow/tfjs';
import type { NamedArray } from '$lib/training/shared/checkpoint';
import type { NamedTensor } from './slot-optimizer';

type Tf = typeof tfType;

async function toArray(name: string, t: tfType.Tensor): Promise<NamedArray> {
  // Copied: the cpu backend returns its own storage, which later steps overwrite.
  return { name, shape: [...t.shape], data: new Float32Array(await t.data()) };
}

/** The optimizer's state as plain arrays; tfjs puts the iteration count first and creates it anew each call. */
export async function readOptimizerState(optimizer: tfType.Optimizer): Promise<NamedArray[]> {
  const [iterations, ...slots] = await optimizer.getWeights();
  try {
    return await Promise.all([iterations, ...slots].map((w) => toArray(w.name, w.tensor)));
  } finally {
    iterations.tensor.dispose();
  }
}

export async function writeOptimizerState(tf: Tf, optimizer: tfType.Optimizer, state: NamedArray[]): Promise<void> {
  if (state.length === 0) return;
  const named: NamedTensor[] = state.map((s, i) => ({
    name: s.name,
    // tfjs reads the first entry as the integer iteration count.
    tensor: tf.tensor(s.data, s.shape, i === 0 ? 'int32' : 'float32'),
  }));
  await optimizer.setWeights(named);
  tf.dispose(named.map((n) => n.tensor));
}

export async function readTensors(tensors: tfType.Tensor[]): Promise<NamedArray[]> {
  return Promise.all(tensors.map((t, i) => toArray(String(i), t)));
}

export function toTensors(tf: Tf, arrays: NamedArray[]): tfType.Tensor[] {
  return arrays.map((a) => tf.tensor(a.data, a.shape, 'float32'));
}
