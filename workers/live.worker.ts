import * as Comlink from 'comlink';
import type { ForeignLiveModel, FrameOptions, LiveApi, LiveImage, LiveModel, LiveRuntime, LoadReport, Prediction } from '$lib/live/shared/protocol';
import { softmax } from '$lib/live/shared/ranking';
import { endsInSoftmax, inputFormat } from '$lib/spec/io';
import { m } from '$lib/i18n/messages';
import { setLocale } from '$lib/i18n/locale';
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
  if (!format || (format.channels !== 1 && format.channels !== 3)) throw new Error(m.liveNoInput());
  return install({ runner: await createRunner(model, runtime), size: { ...format, channels: format.channels }, probabilities: endsInSoftmax(model.spec) });
}

async function loadForeign(model: ForeignLiveModel, runtime: LiveRuntime): Promise<LoadReport> {
  if (runtime === 'tfjs') throw new Error(m.foreignNoTfjs());
  const { foreignRunner } = await import('./live/foreign-runner');
  const runner = await foreignRunner(model, runtime === 'ort-webgpu' ? 'webgpu' : 'wasm');
  return install({ runner, size: model.input.geometry, probabilities: model.probabilities });
}

async function install(next: Loaded): Promise<LoadReport> {
  const previous = loaded;
  loaded = next;
  await previous?.runner.dispose();
  return next.runner.report;
}

function requireLoaded(): Loaded {
  if (!loaded) throw new Error(m.liveNoModel());
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

const compareForeign = async (model: ForeignLiveModel) => (await import('./live/foreign-runner')).compareProviders(model);

const api: LiveApi = { load, loadForeign, compareForeign, classifyImage, classifyPixels: (pixels) => classifyPixels(pixels), setLocale };
Comlink.expose(api);
