import type * as tfType from '@tensorflow/tfjs';

export type LossFn = (yTrue: tfType.Tensor2D, yPred: tfType.Tensor2D) => tfType.Scalar;

/**
 * One optimisation step, returning [loss, correct predictions] of the batch so the caller reads
 * both with one await. Gradients are computed and applied separately (not `minimize`) so the
 * loop can inspect or clip them between the two.
 */
export function trainStep(
  tf: typeof tfType,
  model: tfType.LayersModel,
  optimizer: tfType.Optimizer,
  loss: LossFn,
  toProbabilities: (out: tfType.Tensor2D) => tfType.Tensor2D,
  xb: tfType.Tensor4D,
  yb: tfType.Tensor2D,
): tfType.Tensor1D {
  let correct: tfType.Scalar | undefined;
  const { value, grads } = optimizer.computeGradients(() => {
    const probs = toProbabilities(model.apply(xb, { training: true }) as tfType.Tensor2D);
    correct = tf.keep(countCorrect(tf, yb, probs));
    return loss(yb, probs);
  });
  optimizer.applyGradients(grads);
  const stats = tf.stack([value, correct!]) as tfType.Tensor1D;
  tf.dispose([value, correct!, ...Object.values(grads)]);
  return stats;
}

export function countCorrect(tf: typeof tfType, yTrue: tfType.Tensor2D, probs: tfType.Tensor2D): tfType.Scalar {
  return tf.tidy(() => tf.equal(tf.argMax(yTrue, -1), tf.argMax(probs, -1)).sum().toFloat() as tfType.Scalar);
}
