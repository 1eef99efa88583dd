/**
 * What every training benchmark trains, in the browser (bench/train.ts), in Node
 * (bench/node-train.ts) and in PyTorch (bench/pytorch_anchor.py, which gets the spec and these
 * settings): the same models, data, batch size and optimizer.
 */
import { defaultSpec, PRESETS } from '$lib/spec/presets';
import type { GraphSpec } from '$lib/spec/types';
import { DEFAULT_TRAINING, defaultOptimizer } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT } from '$lib/training/shared/augment';
import type { TrainRequest } from '$lib/training/shared/protocol';
import type { LoopTiming } from './protocol';

export interface Sizes {
  samples: number;
  epochs: number;
}

export const CLASSES = 4;
/** The models of the contract, both on the 28×28×1 Shapes set. */
export const MODELS: Record<string, () => GraphSpec> = { default: () => defaultSpec(CLASSES), lenet5: () => PRESETS.lenet5(CLASSES) };
export const BATCH = 32;
export const LR = 0.01;
export const SEED = 1;
/** Share of the samples held out for validation: training throughput counts the rest. */
export const VAL_FRACTION = 0.2;

/** NetLoom's run as the Train button starts it: Adam, augmentation off, no checkpoints. */
export function trainRequest(spec: GraphSpec, sizes: Sizes): TrainRequest {
  return {
    spec,
    dataset: { kind: 'shapes', count: sizes.samples, seed: SEED, valFraction: VAL_FRACTION },
    config: { ...structuredClone(DEFAULT_TRAINING), epochs: sizes.epochs, batchSize: BATCH, optimizer: { ...defaultOptimizer('adam'), learningRate: LR } },
    augment: { ...DEFAULT_AUGMENT, enabled: false },
    seed: SEED,
    checkpoints: false,
  };
}

/** Leak per epoch after the first (which creates the optimizer's state). */
export function leakPerEpoch(counts: number[]): number {
  return counts.length > 2 ? (counts.at(-1)! - counts[1]) / (counts.length - 2) : 0;
}

export const round = (x: number): number => Math.round(x * 100) / 100;
/** The machine is shared: interference only ever slows a run down, so the fastest round is the least noisy. */
export const best = (runs: LoopTiming[]): number => Math.max(...runs.map((r) => r.samplesPerSec));
