import type * as tfType from '@tensorflow/tfjs';
import { clipByGlobalNorm, globalNorm, sumOfSquares } from './loss';

/** Loss of a batch from the model's raw outputs (probabilities or logits: the function knows which). */
export type LossFn = (yTrue: tfType.Tensor2D, outputs: tfType.Tensor2D) => tfType.Scalar;

export interface StepOptions {
  /** λ of the L2 penalty on kernels; 0 leaves the loss alone. */
  l2: number;
  /** Largest global gradient norm, or null for no clipping. */
  clipNorm: number | null;
}

/**
 * One optimisation step, returning [data loss, correct predictions, gradient norm] of the batch
 * so the caller reads all three with one await. Gradients are computed and applied separately
 * (not `minimize`) so they can be clipped in between. The norm is the one before clipping: a
 * non-finite norm means the gradients themselves overflowed. The loss reported excludes the L2
 * penalty so it stays comparable with the validation loss.
 */
export function trainStep(
  tf: typeof tfType,
  model: tfType.LayersModel,
  optimizer: tfType.Optimizer,
  loss: LossFn,
  xb: tfType.Tensor,
  yb: tfType.Tensor2D,
  opts: StepOptions,
): tfType.Tensor1D {
  let correct: tfType.Scalar | undefined;
  let dataLoss: tfType.Scalar | undefined;
  const kernels = opts.l2 > 0 ? model.trainableWeights.filter((w) => w.originalName.endsWith('kernel')) : [];
  const { value, grads } = optimizer.computeGradients(() => {
    const outputs = model.apply(xb, { training: true }) as tfType.Tensor2D;
    correct = tf.keep(countCorrect(tf, yb, outputs));
    dataLoss = tf.keep(loss(yb, outputs));
    if (kernels.length === 0) return dataLoss;
    const penalty = sumOfSquares(tf, kernels.map((k) => k.read()));
    return tf.add(dataLoss, tf.mul(penalty, opts.l2)) as tfType.Scalar;
  });
  const clipped = opts.clipNorm === null ? { grads, norm: globalNorm(tf, grads) } : clipByGlobalNorm(tf, grads, opts.clipNorm);
  optimizer.applyGradients(clipped.grads);
  const stats = tf.stack([dataLoss!, correct!, clipped.norm]) as tfType.Tensor1D;
  const extra = clipped.grads === grads ? [] : Object.values(clipped.grads);
  tf.dispose([value, dataLoss!, correct!, clipped.norm, ...Object.values(grads), ...extra]);
  return stats;
}

/** Softmax keeps the order of its inputs, so this works on logits and probabilities alike. */
export function countCorrect(tf: typeof tfType, yTrue: tfType.Tensor2D, outputs: tfType.Tensor2D): tfType.Scalar {
  return tf.tidy(() => tf.equal(tf.argMax(yTrue, -1), tf.argMax(outputs, -1)).sum().toFloat() as tfType.Scalar);
}
