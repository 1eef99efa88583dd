import type { GraphAnalysis } from '$lib/spec/analyze';
import { m } from '$lib/i18n/messages';
import { bytes, compactNumber } from '$lib/util/format';
import type { OptimizerName, TrainingConfig } from './config';

const BYTES_PER_FLOAT = 4;

/** float32 values each optimizer keeps per weight in tfjs (moments, accumulators). */
export const OPTIMIZER_SLOTS: { [N in OptimizerName]: number } = { sgd: 0, momentum: 1, nesterov: 1, adam: 2, adamw: 2, rmsprop: 2, lion: 1 };

/**
 * The memory a run may plan on. A browser gives a tab no reliable figure for its GPU's free memory
 * (WebGPU reports buffer limits, not what is free; WebGL nothing), and tabs that allocate more than
 * about a gigabyte are the ones integrated GPUs and the tab's own heap lose first: the run would die
 * mid-epoch instead of being refused with a reason.
 */
export const TRAINING_MEMORY_LIMIT = 1024 ** 3;

/** Bytes a training run holds at its peak, by what holds them. */
export interface TrainingMemory {
  /** The weights and one gradient per weight. */
  weights: number;
  /** The optimizer's slots. */
  optimizer: number;
  /** Every layer's output for a batch, kept for the backward pass, and its gradient. */
  activations: number;
  total: number;
}

/** A lower bound: tfjs adds temporaries per op on top, but they are freed as the step goes. */
export function estimateTrainingMemory(analysis: GraphAnalysis, config: Pick<TrainingConfig, 'batchSize' | 'optimizer'>): TrainingMemory {
  const { params, activationBytesPerSample } = analysis.totals;
  const weights = 2 * params * BYTES_PER_FLOAT;
  const optimizer = (OPTIMIZER_SLOTS[config.optimizer.name] ?? 0) * params * BYTES_PER_FLOAT;
  const activations = 2 * activationBytesPerSample * config.batchSize;
  return { weights, optimizer, activations, total: weights + optimizer + activations };
}

/**
 * Why the model cannot train within TRAINING_MEMORY_LIMIT, with what to change, or null when it
 * fits. Checked before a run starts (the panel, then the worker), never found out mid-epoch.
 */
export function memoryRefusal(analysis: GraphAnalysis, config: Pick<TrainingConfig, 'batchSize' | 'optimizer'>, limit = TRAINING_MEMORY_LIMIT): string | null {
  const memory = estimateTrainingMemory(analysis, config);
  if (memory.total <= limit) return null;
  const estimate = m.memoryEstimate({ total: bytes(memory.total), weights: bytes(memory.weights), optimizer: bytes(memory.optimizer), activations: bytes(memory.activations), batch: config.batchSize, limit: bytes(limit) });
  // Activations dominate only when the weights fit: then the batch, not a layer, is what to shrink.
  if (memory.activations > memory.weights + memory.optimizer) return `${estimate} ${m.memoryFixBatch()}`;
  const [largest, info] = Object.entries(analysis.nodes).reduce((a, b) => (b[1].params > a[1].params ? b : a));
  return `${estimate} ${m.memoryFixLayer({ layer: largest, params: compactNumber(info.params) })}`;
}
