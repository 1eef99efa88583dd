import * as tf from '@tensorflow/tfjs';

/** tfjs-core's NamedTensor, which the package does not export. */
export type NamedTensor = Awaited<ReturnType<tf.Optimizer['getWeights']>>[number];

interface Slot {
  /** `<weight name>/<suffix>`, as tfjs names its optimizer state. */
  originalName: string;
  variable: tf.Variable;
}

/**
 * Base for the optimizers tfjs lacks (AdamW, Lion). It owns the per-weight state ("slots":
 * AdamW's m and v, Lion's m) as non-trainable tf.Variables and saves it in tfjs's own layout,
 * [iterations, every weight's first slot, every weight's second slot, …], so checkpoint code
 * treats these optimizers exactly like tf.train.adam.
 *
 * As in tfjs, state is matched to weights by position in the gradient list, not by variable
 * name: names gain suffixes when a model is rebuilt, positions do not.
 */
export abstract class SlotOptimizer extends tf.Optimizer {
  /** Read on every step, so assigning it between steps changes the next update. */
  learningRate: number;
  private readonly suffixes: readonly string[];
  /** slots[k][i]: slot kind k of the i-th weight. */
  private slots: Slot[][];

  protected constructor(learningRate: number, suffixes: readonly string[]) {
    super();
    this.learningRate = learningRate;
    this.suffixes = suffixes;
    this.slots = suffixes.map(() => []);
  }

  /**
   * Updates one weight and its slots (given in `suffixes` order) in place; runs inside tidy.
   * `step` counts from 1, for bias corrections.
   */
  protected abstract updateWeight(weight: tf.Variable, grad: tf.Tensor, slots: tf.Variable[], step: number): void;

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const entries = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(variableGradients);
    const step = this.iterations + 1;
    tf.tidy(() => {
      entries.forEach(([name, grad], i) => {
        const weight = tf.engine().registeredVariables[name];
        // Created even without a gradient so that slot positions stay aligned with weights.
        const slots = this.slotsFor(i, name, weight);
        if (grad != null) this.updateWeight(weight, grad, slots, step);
      });
    });
    this.incrementIterations();
  }

  private slotsFor(i: number, name: string, weight: tf.Variable): tf.Variable[] {
    return this.slots.map((list, k) => {
      list[i] ??= { originalName: `${name}/${this.suffixes[k]}`, variable: tf.variable(tf.zerosLike(weight), false) };
      return list[i].variable;
    });
  }

  /** As tfjs: the slot tensors are the live variables, so read them before the next step and do not dispose them. */
  override async getWeights(): Promise<NamedTensor[]> {
    const state = this.slots.flat().map((s) => ({ name: s.originalName, tensor: s.variable as tf.Tensor }));
    return [await this.saveIterations(), ...state];
  }

  /** The new variables hold their own reference to the data: the caller may dispose `weightValues` afterwards. */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const kinds = this.suffixes.length;
    const count = weightValues.length - 1;
    if (count < 0 || count % kinds !== 0) {
      throw new Error(`${this.getClassName()} state needs the iteration count and ${kinds} tensors per weight; got ${weightValues.length} tensors.`);
    }
    const state = await this.extractIterations(weightValues);
    const perKind = count / kinds;
    this.disposeSlots();
    this.slots = this.suffixes.map((_, k) =>
      state.slice(k * perKind, (k + 1) * perKind).map((s) => ({ originalName: s.name, variable: tf.variable(s.tensor, false) })),
    );
  }

  private disposeSlots(): void {
    tf.dispose(this.slots.flat().map((s) => s.variable));
  }

  override dispose(): void {
    this.disposeSlots();
    this.slots = this.suffixes.map(() => []);
    super.dispose();
  }
}
