import type * as tfType from '@tensorflow/tfjs';
import type { GraphSpec } from '$lib/spec/types';
import { buildModel } from '$workers/model/build-model';
import { outputLoss } from '$workers/training/output';
import { trainStep } from '$workers/training/step';

const BATCH = 16;
/** Per backend: enough steps to time, but the whole measurement stays at a couple of seconds. */
const MIN_STEPS = 2;
const MAX_MS = 1200;

/**
 * Training samples per second of `spec` on the active backend: one warm-up step (shader
 * compilation, uploads) then timed steps of the same loop the trainer runs, on random data.
 */
export async function measureTrainingSpeed(tf: typeof tfType, spec: GraphSpec): Promise<number> {
  const model = buildModel(tf, spec, 1);
  const optimizer = tf.train.adam(1e-3);
  const [, h, w, c] = model.inputs[0].shape as number[];
  const classes = (model.outputs[0].shape as number[])[1];
  const xs = tf.randomUniform([BATCH, h, w, c]) as tfType.Tensor4D;
  const ys = tf.tidy(() => tf.oneHot(tf.randomUniform([BATCH], 0, classes, 'int32') as tfType.Tensor1D, classes).toFloat()) as tfType.Tensor2D;
  const loss = outputLoss(tf, spec, { labelSmoothing: 0 });
  const step = async (): Promise<void> => {
    const stats = tf.tidy(() =>
      trainStep(tf, model, optimizer, loss, xs, ys, { l2: 0, clipNorm: null }),
    );
    await stats.data();
    stats.dispose();
  };
  try {
    await step();
    const started = performance.now();
    let steps = 0;
    while (steps < MIN_STEPS || performance.now() - started < MAX_MS / 3) {
      await step();
      steps++;
      if (performance.now() - started > MAX_MS) break;
    }
    return (steps * BATCH * 1000) / (performance.now() - started);
  } finally {
    tf.dispose([xs, ys]);
    optimizer.dispose();
    model.dispose();
  }
}
