/** Shipping a trained model in other forms: int8 ONNX, PyTorch code. Part of `messages` (see messages.ts). */
export const shipText = {
  exportInt8: 'Export int8 ONNX',
  int8Title: 'float32 vs int8 weights (per channel) on the same validation batch',
  int8Headers: ['model', 'size', 'wasm ms', 'webgpu ms', 'accuracy', 'same top-1'],
  int8FormatNames: { float32: 'float32', int8: 'int8' },
  int8NotRun: '—',
  exportPytorch: 'PyTorch (.py + weights)',
  exportPytorchHelp:
    'One zip: a Python script with the model as a PyTorch nn.Module, a weight loader and a training loop with these training settings, and the trained weights (.npz) it loads',
};
