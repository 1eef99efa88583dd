/**
 * Opening a foreign ONNX file on the Use tab: the model handed to the live session with the
 * preprocessing guessed or remembered for that file, one message for a file that cannot be
 * opened (the model open before stays), and how an image becomes the model's input.
 */
import { describe, expect, it } from 'vitest';
import { ForeignOpener, type ForeignTarget } from '$lib/live/client/foreign-opener.svelte';
import type { ForeignLiveModel } from '$lib/live/shared/protocol';
import { parseChannelNumbers, toModelInput } from '$lib/onnx/foreign/input';
import { Fixture, digitClassifier } from './support/onnx-fixtures';
import { memoryStorage } from './support/memory-storage';

interface Used {
  name: string;
  model: ForeignLiveModel;
  classes: string[];
}

function setup(storage = memoryStorage()) {
  const used: Used[] = [];
  let closed = 0;
  const target: ForeignTarget = {
    useForeign: async (name, model, classes) => void used.push({ name, model, classes }),
    closeForeign: async () => void closed++,
  };
  return { opener: new ForeignOpener(() => target, () => storage), used, closed: () => closed, storage };
}

const file = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

describe('opening a foreign model', () => {
  it('hands the model to the live session with the input read from the file and the labels from its metadata', async () => {
    const { opener, used } = setup();
    await opener.open(file(digitClassifier().bytes()), 'lenet.onnx');
    expect(opener.error).toBeNull();
    expect(opener.opened?.geometry).toEqual({ height: 28, width: 28, channels: 1 });
    expect(used).toHaveLength(1);
    expect(used[0].name).toBe('lenet.onnx');
    expect(used[0].classes[3]).toBe('three');
    expect(used[0].model.probabilities).toBe(true);
    expect(used[0].model.fixedBatch).toBeNull();
    expect(used[0].model.input).toEqual({ geometry: { height: 28, width: 28, channels: 1 }, layout: 'NCHW', range: 'unit', mean: [0], std: [1] });
  });

  it('remembers the preprocessing per file, and a file of another hash starts from the guess', async () => {
    const first = setup();
    await first.opener.open(file(digitClassifier().bytes()), 'lenet.onnx');
    const prep = first.opener.opened!.prep;
    await first.opener.setPreprocess({ ...prep, range: 'byte', mean: [33], std: [78], labels: ['nought'] });
    expect(first.used.at(-1)?.model.input).toMatchObject({ range: 'byte', mean: [33], std: [78] });
    // Labels the user left out are named by their index.
    expect(first.used.at(-1)?.classes.slice(0, 2)).toEqual(['nought', 'class 1']);

    const again = setup(first.storage);
    await again.opener.open(file(digitClassifier().bytes()), 'renamed.onnx');
    expect(again.used[0].model.input).toMatchObject({ range: 'byte', mean: [33], std: [78] });
    const other = setup(first.storage);
    await other.opener.open(file(digitClassifier(4).bytes()), 'other.onnx');
    expect(other.used[0].model.input).toMatchObject({ range: 'unit', mean: [0], std: [1] });
  });

  it('a corrupt file gets one message and the open model stays', async () => {
    const { opener, used } = setup();
    await opener.open(file(digitClassifier().bytes()), 'lenet.onnx');
    const bytes = digitClassifier().bytes();
    await opener.open(file(bytes.slice(0, 300)), 'cut.onnx');
    expect(opener.error).toBe('“cut.onnx” is cut short: only the start of an ONNX model is there. Download or copy it again.');
    expect(opener.opened?.name).toBe('lenet.onnx');
    expect(used).toHaveLength(1);
  });

  it('names the unsupported ops, and refuses an input that is not an image', async () => {
    const { opener, used } = setup();
    const f = new Fixture();
    f.output(f.node('Erf', [f.node('Resize', [f.input('x', ['N', 3, 8, 8]), '', f.floats([1, 1, 2, 2])])]));
    await opener.open(file(f.bytes()), 'gelu.onnx');
    expect(opener.error).toBe('“gelu.onnx” uses ops NetLoom cannot open: Resize, Erf.');
    const flattened = new Fixture();
    const x = flattened.input('x', ['N', 3, 8, 8]);
    const size = flattened.node('Unsqueeze', [flattened.node('Gather', [flattened.node('Shape', [x]), flattened.int64s([0])]), flattened.int64s([0])]);
    flattened.output(flattened.node('Reshape', [x, flattened.node('Concat', [size, flattened.int64s([-1])], { axis: 0 })]));
    await opener.open(file(flattened.bytes()), 'view.onnx');
    expect(opener.error).toMatch(/^“view.onnx” uses ops NetLoom cannot open: Shape, Gather, Unsqueeze\. .*torch\.flatten\(x, 1\)/);
    const mlp = new Fixture();
    mlp.output(mlp.node('Gemm', [mlp.input('x', ['N', 784]), mlp.weight([784, 10])]));
    await opener.open(file(mlp.bytes()), 'mlp.onnx');
    expect(opener.error).toMatch(/input \[N, 784\] is not an image/);
    expect(used).toHaveLength(0);
  });

  it('passes on a batch size the file fixes (PyTorch without dynamic axes), for the WebGPU check', async () => {
    const { opener, used } = setup();
    const f = new Fixture();
    f.output(f.node('Relu', [f.input('x', [1, 3, 16, 16])]));
    await opener.open(file(f.bytes()), 'fixed.onnx');
    expect(used[0].model.fixedBatch).toBe(1);
  });

  it('counts the classes of a conv-only head ([N, 10, 1, 1]) past the batch', async () => {
    const { opener, used } = setup();
    const f = new Fixture();
    const h = f.node('GlobalAveragePool', [f.node('Conv', [f.input('x', ['N', 3, 8, 8]), f.weight([10, 3, 1, 1])])]);
    f.output(f.node('Softmax', [h], { axis: 1 }));
    await opener.open(file(f.bytes()), 'squeeze.onnx');
    expect(used[0].classes).toEqual(Array.from({ length: 10 }, (_, i) => `class ${i}`));
    expect(used[0].model.probabilities).toBe(true);
  });

  it('guesses NHWC from a Keras-style input', async () => {
    const { opener, used } = setup();
    const f = new Fixture();
    f.output(f.node('Softmax', [f.node('Flatten', [f.input('x', ['unk__1', 32, 32, 3])])]));
    await opener.open(file(f.bytes()), 'keras.onnx');
    expect(used[0].model.input).toMatchObject({ layout: 'NHWC', geometry: { height: 32, width: 32, channels: 3 }, mean: [0, 0, 0] });
  });
});

describe('an image as the model input', () => {
  // Two pixels, RGB, values in [0, 1].
  const image = Float32Array.from([0, 0.5, 1, 1, 0.5, 0]);
  const geometry = { height: 1, width: 2, channels: 3 as const };

  it('scales, normalises per channel and lays out as NCHW or NHWC', () => {
    const t = { geometry, range: 'byte' as const, mean: [0, 100, 200], std: [1, 2, 5] };
    expect(Array.from(toModelInput(image, { ...t, layout: 'NHWC' }))).toEqual([0, (127.5 - 100) / 2, (255 - 200) / 5, 255, (127.5 - 100) / 2, -40]);
    expect(Array.from(toModelInput(image, { ...t, layout: 'NCHW' }))).toEqual([0, 255, (127.5 - 100) / 2, (127.5 - 100) / 2, (255 - 200) / 5, -40]);
    expect(Array.from(toModelInput(image, { geometry, layout: 'NHWC', range: 'signed', mean: [0], std: [1] }))).toEqual([-1, 0, 1, 1, 0, -1]);
  });

  it('reads one number for all channels or one per channel', () => {
    expect(parseChannelNumbers('0.485, 0.456,0.406', 3)).toEqual([0.485, 0.456, 0.406]);
    expect(parseChannelNumbers('0.5', 3)).toEqual([0.5]);
    expect(parseChannelNumbers('1, 2', 3)).toBeNull();
    expect(parseChannelNumbers('a', 1)).toBeNull();
    expect(parseChannelNumbers('0', 1, true)).toBeNull();
  });
});
