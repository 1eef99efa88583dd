/** Opening an ONNX classifier made elsewhere on the Use tab. Part of `messages` (see messages.ts). */
import { formatShape } from '$lib/onnx/foreign/dims';
import type { Shape } from '$lib/onnx/foreign/model';

const count = (n: number) => n.toLocaleString('en-US');

const kib = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

export const foreignText = {
  foreignOpen: 'Open ONNX model…',
  foreignHelp: 'Try an image classifier trained elsewhere (PyTorch, Keras via tf2onnx): open or drop its .onnx file here. It runs in ONNX Runtime Web, in this browser.',
  foreignReading: (name: string) => `Reading “${name}”…`,
  foreignModelFrom: (name: string, classes: number) => `Model: the ONNX file “${name}” · ${classes} classes`,
  foreignClose: 'Close this model',
  foreignProducer: (producer: string, opset: number) => `${producer || 'unknown producer'} · opset ${opset}`,
  foreignParameters: (n: number) => `${count(n)} parameters`,
  foreignInitializers: (n: number, bytes: number) => `${n} initializers, ${kib(bytes)}`,
  foreignInput: (name: string, shape: Shape) => `Input “${name}” ${formatShape(shape)}`,
  foreignOutput: (name: string, shape: Shape) => `Output “${name}” ${formatShape(shape)}`,
  foreignGraphTitle: 'Graph, as read from the file',
  foreignInputCard: 'Input',
  foreignNodeParams: (n: number) => (n > 0 ? `${count(n)} params` : ''),
  foreignNodeFrom: (sources: readonly string[]) => `← ${sources.join(' + ')}`,
  foreignInitializerTitle: (name: string, dims: readonly number[], type: string, bytes: number) => `${name}: [${dims.join(', ')}] ${type}, ${kib(bytes)}`,
  foreignNotImage: (shape: Shape) =>
    `This model's input ${formatShape(shape)} is not an image: the live demo needs N×C×H×W or N×H×W×C with 1 or 3 channels.`,
  foreignNoTfjs: 'An ONNX model opened from a file runs in ONNX Runtime only; TensorFlow.js has no copy of it.',
  foreignErrors: {
    notOnnx: (file: string) => `“${file}” is not an ONNX model.`,
    truncated: (file: string) => `“${file}” is cut short: only the start of an ONNX model is there. Download or copy it again.`,
    externalData: (file: string, tensor: string) =>
      `“${file}” keeps its weights in a separate file (tensor “${tensor}” uses external data), which cannot be opened here. Export the model with its weights inside the .onnx file.`,
    missingInputShape: (file: string, input: string) =>
      `The input “${input}” of “${file}” has no fixed shape, so the image size it takes is unknown. Export it with a fixed input shape (only the batch may be dynamic).`,
    unsupportedOps: (file: string, ops: readonly string[]) =>
      `“${file}” uses ${ops.length === 1 ? 'an op' : 'ops'} NetLoom cannot open: ${ops.join(', ')}.` +
      (ops.includes('Shape') ? ' Shape arithmetic usually comes from x.view(x.size(0), -1) in PyTorch: torch.flatten(x, 1), or an export without dynamic axes, leaves it out.' : ''),
    badGraph: (file: string, node: string, detail: string) => `“${file}” does not hold together at node “${node}”: ${detail}.`,
    unreadable: (file: string, why: string) => `“${file}” could not be read: ${why}`,
  },
  foreignPrepTitle: 'Preprocessing',
  foreignPrepNoun: 'ONNX model preprocessing',
  foreignPrepHelp: 'How a picture becomes this model’s input. Remembered for this file.',
  foreignLayout: 'Layout',
  foreignLayoutNames: { NCHW: 'NCHW (PyTorch)', NHWC: 'NHWC (Keras, TensorFlow)' },
  foreignImageSize: (height: number, width: number, channels: number) => `Image ${width}×${height}, ${channels === 1 ? 'grayscale' : 'RGB'} (from the input’s shape)`,
  foreignRange: 'Pixel values',
  foreignRangeNames: { unit: '0 … 1', byte: '0 … 255', signed: '−1 … 1' },
  foreignMean: 'Mean',
  foreignStd: 'Std',
  foreignNumbersInvalid: (channels: number) => `Give ${channels === 1 ? 'one number' : `1 or ${channels} numbers`}, separated by commas; std may not be 0.`,
  foreignLabels: 'Class names',
  foreignLabelsHelp: 'One per line, in the order of the model’s outputs.',
  foreignUnnamedClass: (i: number) => `class ${i}`,
  foreignCheckRunning: 'Comparing WebGPU with WASM on one batch…',
  foreignCheckAgree: (diff: number) => `WebGPU agrees with WASM on one batch (largest difference ${diff.toExponential(1)}).`,
  foreignCheckDiffer: (diff: number, tolerance: number) =>
    `WebGPU’s outputs differ from WASM’s by up to ${diff.toExponential(1)} on the same batch (more than ${tolerance}), so this model runs on WASM.`,
  foreignCheckUnavailable: (reason: string) => `WebGPU was not checked (${reason}); this model runs on WASM.`,
};
