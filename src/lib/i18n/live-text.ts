/** Using a model live: webcam, drawing pad, images. Part of `messages` (see messages.ts). */
export const liveText = {
  workspaceLive: 'Use',
  liveTitle: 'Use the model',
  liveNoModel: 'No model is loaded. Train one (Model → Train), then come back here.',
  liveNoInput: 'This model has no single image Input of 1 or 3 channels, so it cannot classify images.',
  liveOnOrt: (provider: string) => `ONNX Runtime Web on ${provider === 'webgpu' ? 'WebGPU' : 'WASM'}`,
  liveOnTfjs: (backend: string) => `TensorFlow.js on ${backend}`,
  liveRuntime: 'Runtime',
  liveRuntimeNames: { 'ort-wasm': 'ONNX Runtime · WASM', 'ort-webgpu': 'ONNX Runtime · WebGPU', tfjs: 'TensorFlow.js' },
  liveModelFrom: (name: string, classes: number) => `Model: the trained graph “${name}” · ${classes} classes`,
  liveLoading: 'Loading the model…',
  liveLoadFailed: (runtime: string, why: string) => `${runtime} cannot run this model here: ${why} Pick another runtime.`,
  liveUseTrained: 'Use the trained model',
  liveNotSure: 'not sure',
  liveTopClass: (name: string, pct: string) => `${name} · ${pct}`,
};
