import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer';

/**
 * AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization"):
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  m̂ = m/(1−β1ᵗ),  v̂ = v/(1−β2ᵗ)
 *   w ← w − lr·(m̂/(√v̂+ε) + λ·w)
 * The decay term bypasses m and v; folded into the gradient (plain Adam + L2) it would be divided
 * by √v̂ and so shrink rarely-updated weights the most. Decay scales with lr, as in PyTorch and
 * Keras, so a schedule anneals it together with the step size.
 */
export class AdamW extends SlotOptimizer {
  static readonly className = 'AdamW';

  constructor(
    learningRate: number,
    readonly beta1: number,
    readonly beta2: number,
    readonly epsilon: number,
    readonly weightDecay: number,
  ) {
    super(learningRate, ['m', 'v']);
  }

  protected updateWeight(w: tf.Variable, g: tf.Tensor, [m, v]: tf.Variable[], step: number): void {
    const newM = tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
    const newV = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
    const mHat = tf.div(newM, 1 - this.beta1 ** step);
    const vHat = tf.div(newV, 1 - this.beta2 ** step);
    const direction = tf.add(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), tf.mul(w, this.weightDecay));
    w.assign(tf.sub(w, tf.mul(direction, this.learningRate)));
    m.assign(newM);
    v.assign(newV);
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.beta1, config.beta2, config.epsilon, config.weightDecay);
  }
}

tf.serialization.registerClass(AdamW);
