import type { LiveModel, LiveRuntime, LoadReport } from '$lib/live/shared/protocol';

/** A model loaded on one runtime: classifies NHWC float images in [0, 1], one at a time. */
export interface Runner {
  report: LoadReport;
  /** Raw outputs (probabilities or logits, as the model's last layer gives them) for one image. */
  outputs(image: Float32Array): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** Each runtime's code is loaded only when it is first picked: ORT's and tfjs's bundles are large. */
export async function createRunner(model: LiveModel, runtime: LiveRuntime): Promise<Runner> {
  if (runtime === 'tfjs') return (await import('./tfjs-runner')).tfjsRunner(model);
  return (await import('./ort-runner')).ortRunner(model, runtime === 'ort-webgpu' ? 'webgpu' : 'wasm');
}
