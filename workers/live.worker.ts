import * as Comlink from 'comlink';
import type { FrameOptions, LiveApi, LiveImage, LiveModel, LiveRuntime, LoadReport, Prediction } from '$lib/live/shared/protocol';
import { softmax } from '$lib/live/shared/ranking';
import { endsInSoftmax, inputFormat } from '$lib/spec/io';
import { messages } from '$lib/i18n/messages';
import { createRunner, type Runner } from './live/runner';
import { imageToPixels } from './live/preprocess';

interface Loaded {
  runner: Runner;
  size: { height: number; width: number; channels: 1 | 3 };
  probabilities: boolean;
}

let loaded: Loaded | undefined;

async function load(model: LiveModel, runtime: LiveRuntime): Promise<LoadReport> {
  const format = inputFormat(model.spec);
  if (!format || (format.channels !== 1 && format.channels !== 3)) throw new Error(messages.liveNoInput);
  const runner = await createRunner(model, runtime);
  const previous = loaded;
  loaded = { runner, size: { ...format, channels: format.channels }, probabilities: endsInSoftmax(model.spec) };
  await previous?.runner.dispose();
  return runner.report;
}

function requireLoaded(): Loaded {
  if (!loaded) throw new Error(messages.liveNoModel);
  return loaded;
}

async function classifyPixels(pixels: Uint8Array, started = performance.now()): Promise<Prediction> {
  const { runner, probabilities } = requireLoaded();
  const outputs = await runner.outputs(Float32Array.from(pixels, (v) => v / 255));
  const result = { probabilities: probabilities ? outputs : softmax(outputs), ms: performance.now() - started, input: pixels };
  return Comlink.transfer(result, [result.input.buffer as ArrayBuffer]);
}

async function classifyImage(image: LiveImage, options: FrameOptions): Promise<Prediction> {
  const started = performance.now();
  try {
    return await classifyPixels(imageToPixels(image, requireLoaded().size, options), started);
  } finally {
    image.close();
  }
}

const api: LiveApi = { load, classifyImage, classifyPixels: (pixels) => classifyPixels(pixels) };
Comlink.expose(api);
