import type * as tfType from '@tensorflow/tfjs';

export interface CrossentropyOptions {
  /** ε in Keras's label smoothing: targets become y·(1 − ε) + ε/K. */
  labelSmoothing: number;
  /** One weight per class, applied by the sample's true class; e.g. from balancedClassWeights. */
  classWeights?: readonly number[];
  /** `yPred` holds logits: the log-probabilities come from logSoftmax, with no clipping. */
  fromLogits?: boolean;
}

/** Keras's clip: keeps log() finite when the model is certain and wrong. */
const PROB_EPSILON = 1e-7;

/**
 * Mean categorical cross-entropy of a batch. `yTrue` is one-hot (batch × K) and `yPred` holds
 * probabilities (softmax outputs), clipped to [1e-7, 1 − 1e-7] before the log, or logits with
 * `fromLogits` (Keras's from_logits: exact, and the gradient never vanishes in the clip).
 *
 * Class weights follow Keras's `class_weight`: each sample's loss is multiplied by the weight of
 * its true class and the result is averaged over the batch size, not over the sum of weights.
 * The batch loss therefore changes scale with the batch's class mix, and balanced weights (mean
 * sample weight 1) keep the usual scale on average. The weight is read from the unsmoothed
 * labels as Σ_k y_k·w_k, which is the true class's weight for one-hot labels and the expected
 * weight for soft ones.
 */
export function categoricalCrossentropy(
  tf: typeof tfType,
  yTrue: tfType.Tensor2D,
  yPred: tfType.Tensor2D,
  opts: CrossentropyOptions,
): tfType.Scalar {
  return tf.tidy(() => {
    const classes = yTrue.shape[1];
    const eps = opts.labelSmoothing;
    const target = eps > 0 ? tf.add(tf.mul(yTrue, 1 - eps), eps / classes) : yTrue;
    const logP = opts.fromLogits ? tf.logSoftmax(yPred) : tf.log(tf.clipByValue(yPred, PROB_EPSILON, 1 - PROB_EPSILON));
    const perSample = tf.neg(tf.sum(tf.mul(target, logP), -1));
    if (!opts.classWeights) return tf.mean(perSample);
    if (opts.classWeights.length !== classes) {
      throw new Error(`Got ${opts.classWeights.length} class weights for ${classes} classes.`);
    }
    const weights = tf.sum(tf.mul(yTrue, tf.tensor1d([...opts.classWeights])), -1);
    return tf.mean(tf.mul(perSample, weights));
  });
}

/**
 * Scales all gradients together so their global L2 norm is at most `maxNorm`, as TensorFlow's
 * clip_by_global_norm: g · maxNorm / max(norm, maxNorm). Scaling them together keeps the update
 * direction; gradients already within the limit are multiplied by exactly 1.
 *
 * Returns new tensors, including `norm` (the norm before clipping, for logging without a sync);
 * the caller disposes them and still owns the input gradients.
 */
export function clipByGlobalNorm(
  tf: typeof tfType,
  grads: tfType.NamedTensorMap,
  maxNorm: number,
): { grads: tfType.NamedTensorMap; norm: tfType.Scalar } {
  return tf.tidy(() => {
    const names = Object.keys(grads);
    const norm = globalNorm(tf, grads);
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    const clipped: tfType.NamedTensorMap = {};
    for (const name of names) clipped[name] = tf.mul(grads[name], scale);
    return { grads: clipped, norm: norm as tfType.Scalar };
  });
}

/**
 * Σ‖t‖² over any number of tensors. Not `tf.addN`: tfjs-webgpu's AddN binds every input in one
 * shader and, past the device's 8 storage buffers, the whole GPU submission is silently dropped
 * (seen on SwiftShader: skipped weight updates and garbage BatchNorm statistics). `stack` runs
 * through Concat, which splits its inputs.
 */
export function sumOfSquares(tf: typeof tfType, tensors: tfType.Tensor[]): tfType.Scalar {
  return tf.tidy(() => (tensors.length === 0 ? tf.scalar(0) : tf.sum(tf.stack(tensors.map((t) => tf.sum(tf.square(t)))))) as tfType.Scalar);
}

export function globalNorm(tf: typeof tfType, grads: tfType.NamedTensorMap): tfType.Scalar {
  return tf.tidy(() => tf.sqrt(sumOfSquares(tf, Object.values(grads))) as tfType.Scalar);
}
