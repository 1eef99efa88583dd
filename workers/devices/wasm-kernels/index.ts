import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { depthwiseBackpropFilterConfig } from './depthwise-backprop-filter';
import { depthwiseBackpropInputConfig } from './depthwise-backprop-input';

/** Gradient kernels tfjs-backend-wasm 4.22 lacks, composed from kernels it has, so NetLoom's layers can train on it. */
const TRAINING_KERNELS = [conv2dBackpropFilterConfig, depthwiseBackpropFilterConfig, depthwiseBackpropInputConfig];

/** Registers the missing kernels once (tfjs warns when a kernel is registered twice). */
export function registerWasmTrainingKernels(): void {
  for (const config of TRAINING_KERNELS) {
    if (!tf.getKernel(config.kernelName, 'wasm')) tf.registerKernel(config);
  }
}
