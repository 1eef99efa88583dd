import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer';

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"):
 *   c = β1·m + (1−β1)·g
 *   w ← w − lr·(sign(c) + λ·w)
 *   m ← β2·m + (1−β2)·g
 * The update interpolates with β1 but the kept momentum uses the slower β2, so the sign reacts
 * to the current gradient while the memory stays long. Every weight moves by ±lr, which is why
 * Lion wants a smaller lr (and a proportionally larger λ) than AdamW.
 */
export class Lion extends SlotOptimizer {
  static readonly className = 'Lion';

  constructor(
    learningRate: number,
    readonly beta1: number,
    readonly beta2: number,
    readonly weightDecay: number,
  ) {
    super(learningRate, ['m']);
  }

  protected updateWeight(w: tf.Variable, g: tf.Tensor, [m]: tf.Variable[]): void {
    const c = tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
    const direction = tf.add(tf.sign(c), tf.mul(w, this.weightDecay));
    w.assign(tf.sub(w, tf.mul(direction, this.learningRate)));
    m.assign(tf.add(tf.mul(m, this.beta2), tf.mul(g, 1 - this.beta2)));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, weightDecay: this.weightDecay };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.beta1, config.beta2, config.weightDecay);
  }
}

tf.serialization.registerClass(Lion);
