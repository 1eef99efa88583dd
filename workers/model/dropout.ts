import * as tf from '@tensorflow/tfjs';
import { layerSeed } from './seed';

/**
 * The training step about to run. The loop sets it before each step so every dropout layer draws
 * a fresh mask per step that is still fixed by the run's seed (tfjs's own seeded dropout repeats
 * one mask forever, its unseeded one cannot be replayed).
 */
let currentStep = 0;

export function setDropoutStep(step: number): void {
  currentStep = step;
}

/**
 * Call option that keeps dropout off in a training-mode pass, for passes that want BatchNorm's
 * training behaviour without noise (recomputing BatchNorm statistics).
 */
export const SKIP_DROPOUT = 'skipDropout';

interface StepDropoutArgs {
  name: string;
  rate: number;
  /** Run seed; undefined draws unseeded masks. */
  seed?: number;
}

/** Dropout whose mask is a function of (run seed, layer name, step). Identity at inference. */
export class StepDropout extends tf.layers.Layer {
  static readonly className = 'StepDropout';
  private readonly rate: number;
  private readonly runSeed?: number;

  constructor(args: StepDropoutArgs) {
    super({ name: args.name });
    this.rate = args.rate;
    this.runSeed = args.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean; [SKIP_DROPOUT]?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || kwargs[SKIP_DROPOUT] || this.rate <= 0) return tf.clone(x);
    const seed = this.runSeed === undefined ? undefined : layerSeed(this.runSeed, this.name, `dropout:${currentStep}`);
    return tf.dropout(x, this.rate, undefined, seed);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.runSeed ?? null };
  }
}

tf.serialization.registerClass(StepDropout);
