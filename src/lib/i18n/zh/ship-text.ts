import type { shipText } from '../ship-text';

export const zhShipText = {
  exportInt8: '导出 int8 ONNX',
  int8Title: 'float32 与 int8 权重（逐通道）在同一验证批次上的对比',
  int8Headers: ['模型', '大小', 'wasm ms', 'webgpu ms', '准确率', 'top-1 相同'],
  int8FormatNames: { float32: 'float32', int8: 'int8' },
  int8NotRun: '—',
  exportPytorch: 'PyTorch（.py + 权重）',
  exportPytorchHelp: '一个 zip：包含一个 Python 脚本（模型写成 PyTorch nn.Module、一个权重加载器和一个使用这些训练设置的训练循环），以及它加载的训练好的权重（.npz）',
} satisfies typeof shipText;
