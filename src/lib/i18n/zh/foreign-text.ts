import { formatShape } from '$lib/onnx/foreign/dims';
import type { foreignText } from '../foreign-text';

const count = (n: number) => n.toLocaleString('zh-CN');

const kib = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

export const zhForeignText = {
  foreignOpen: '打开 ONNX 模型…',
  foreignHelp: '试用在别处训练的图像分类器（PyTorch，或经 tf2onnx 转换的 Keras）：在这里打开或拖入它的 .onnx 文件。它在此浏览器中用 ONNX Runtime Web 运行。',
  foreignReading: (name) => `正在读取“${name}”…`,
  foreignModelFrom: (name, classes) => `模型：ONNX 文件“${name}” · ${classes} 个类别`,
  foreignClose: '关闭这个模型',
  foreignProducer: (producer, opset) => `${producer || '未知生成工具'} · opset ${opset}`,
  foreignParameters: (n) => `${count(n)} 个参数`,
  foreignInitializers: (n, bytes) => `${n} 个初始化张量，${kib(bytes)}`,
  foreignInput: (name, shape) => `输入“${name}” ${formatShape(shape)}`,
  foreignOutput: (name, shape) => `输出“${name}” ${formatShape(shape)}`,
  foreignGraphTitle: '从文件读出的图',
  foreignInputCard: '输入',
  foreignNodeFrom: (sources) => `← ${sources.join(' + ')}`,
  foreignNodeParams: (n) => (n > 0 ? `${count(n)} 参数` : ''),
  foreignInitializerTitle: (name, dims, type, bytes) => `${name}：[${dims.join(', ')}] ${type}，${kib(bytes)}`,
  foreignNotImage: (shape) => `这个模型的输入 ${formatShape(shape)} 不是图像：实时演示需要 1 或 3 通道的 N×C×H×W 或 N×H×W×C。`,
  foreignNoTfjs: '从文件打开的 ONNX 模型只能在 ONNX Runtime 中运行；TensorFlow.js 没有它的副本。',
  foreignErrors: {
    notOnnx: (file) => `“${file}”不是 ONNX 模型。`,
    truncated: (file) => `“${file}”不完整：只有 ONNX 模型的开头部分。请重新下载或复制。`,
    externalData: (file, tensor) => `“${file}”把权重放在单独的文件中（张量“${tensor}”使用外部数据），这里无法打开。请把权重放在 .onnx 文件内重新导出模型。`,
    missingInputShape: (file, input) => `“${file}”的输入“${input}”没有固定形状，因此不知道它接受的图像尺寸。请用固定的输入形状导出（只有批大小可以是动态的）。`,
    unsupportedOps: (file, ops) => `“${file}”使用了 NetLoom 无法打开的算子：${ops.join(', ')}。`,
    badGraph: (file, node, detail) => `“${file}”在节点“${node}”处不一致：${detail}。`,
    unreadable: (file, why) => `无法读取“${file}”：${why}`,
  },
  foreignPrepTitle: '预处理',
  foreignPrepNoun: 'ONNX 模型预处理设置',
  foreignPrepHelp: '图片如何变成这个模型的输入。会针对这个文件记住。',
  foreignLayout: '布局',
  foreignLayoutNames: { NCHW: 'NCHW（PyTorch）', NHWC: 'NHWC（Keras、TensorFlow）' },
  foreignImageSize: (height, width, channels) => `图像 ${width}×${height}，${channels === 1 ? '灰度' : 'RGB'}（来自输入的形状）`,
  foreignRange: '像素值',
  foreignRangeNames: { unit: '0 … 1', byte: '0 … 255', signed: '−1 … 1' },
  foreignMean: '均值',
  foreignStd: '标准差',
  foreignNumbersInvalid: (channels) => `请给出${channels === 1 ? '一个数' : `1 个或 ${channels} 个数`}，用逗号分隔；标准差不能为 0。`,
  foreignLabels: '类别名称',
  foreignLabelsHelp: '每行一个，按模型输出的顺序。',
  foreignUnnamedClass: (i) => `类别 ${i}`,
  foreignCheckRunning: '正在用一个批次比较 WebGPU 与 WASM…',
  foreignCheckAgree: (diff) => `WebGPU 与 WASM 在一个批次上一致（最大差异 ${diff.toExponential(1)}）。`,
  foreignCheckDiffer: (diff, tolerance) => `在同一批次上，WebGPU 的输出与 WASM 相差最多 ${diff.toExponential(1)}（超过 ${tolerance}），所以这个模型在 WASM 上运行。`,
  foreignCheckUnavailable: (reason) => `没有检查 WebGPU（${reason}）；这个模型在 WASM 上运行。`,
} satisfies typeof foreignText;
