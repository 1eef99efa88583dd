import type * as tfType from '@tensorflow/tfjs';
import { OPTIMIZERS, type OptimizerConfig, type OptimizerParam } from '$lib/training/shared/config';
import { AdamW } from './adamw';
import { Lion } from './lion';

/** A field the config left out takes the optimizer's default from the same table the UI shows. */
function param(cfg: OptimizerConfig, key: OptimizerParam): number {
  const value = cfg[key] ?? OPTIMIZERS[cfg.name].defaults[key];
  if (value === undefined) throw new Error(`The ${cfg.name} optimizer has no default for ${key}.`);
  return value;
}

export function createOptimizer(tf: typeof tfType, cfg: OptimizerConfig): tfType.Optimizer {
  const lr = cfg.learningRate;
  const p = (key: OptimizerParam) => param(cfg, key);
  switch (cfg.name) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, p('momentum'), false);
    case 'nesterov':
      return tf.train.momentum(lr, p('momentum'), true);
    case 'adam':
      return tf.train.adam(lr, p('beta1'), p('beta2'), p('epsilon'));
    case 'rmsprop':
      return tf.train.rmsprop(lr, p('rho'), p('momentum'), p('epsilon'));
    case 'adamw':
      return new AdamW(lr, p('beta1'), p('beta2'), p('epsilon'), p('weightDecay'));
    case 'lion':
      return new Lion(lr, p('beta1'), p('beta2'), p('weightDecay'));
  }
}

/**
 * Sets the learning rate the next step uses, for any optimizer from createOptimizer (schedules
 * call it every batch). tfjs's SGD and momentum optimizers turn the rate into a cached −lr tensor
 * at construction, so assigning their `learningRate` field does nothing; their own
 * setLearningRate rebuilds that tensor. Adam, RMSprop, AdamW and Lion read the field each step.
 */
export function setLearningRate(optimizer: tfType.Optimizer, lr: number): void {
  const target = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (target.setLearningRate) target.setLearningRate(lr);
  else target.learningRate = lr;
}
