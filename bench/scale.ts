/**
 * The `scale` suite of bench.html: one model trained by the app's worker on `samples` Shapes
 * images, one page load per run. With `hold`, the worker waits after starting its backend until
 * the harness has put a peak counter on its tfjs engine (bench/memory.mjs) and calls
 * window.__release().
 */
import * as Comlink from 'comlink';
import { analyzeGraph } from '$lib/spec/analyze';
import { PRESETS, type PresetId } from '$lib/spec/presets';
import { DEFAULT_TRAINING, defaultOptimizer } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT } from '$lib/training/shared/augment';
import type { BackendName, TrainEvent, TrainerApi } from '$lib/training/shared/protocol';
import { throughput } from './protocol';

const CLASSES = 4;
const BATCH = 32;

/** `?suite=scale&preset=tiny&samples=1000&epochs=2&backend=webgl&hold`. */
export async function scaleSuite(params: URLSearchParams): Promise<Record<string, unknown>> {
  const preset = (params.get('preset') ?? 'tiny') as PresetId;
  const samples = Number(params.get('samples') ?? 1000);
  // The first epoch compiles shaders and uploads the data: throughput counts the epochs after it.
  const epochs = Number(params.get('epochs') ?? 2);
  const backend = (params.get('backend') ?? 'webgl') as BackendName;
  const spec = PRESETS[preset](CLASSES);
  const worker = new Worker(new URL('../workers/trainer.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<TrainerApi>(worker);
  try {
    const report = await api.selectBackend(backend);
    if (report.active !== backend) throw new Error(`${backend} unavailable`);
    if (params.has('hold')) await new Promise<void>((resolve) => ((window as unknown as { __release: () => void }).__release = resolve));
    const seconds: number[] = [];
    let trainSamples = 0;
    let failure: string | undefined;
    let finished: () => void = () => undefined;
    // Events come through their own channel: `train` may resolve before the last epoch's arrives.
    const done = new Promise<void>((resolve) => (finished = resolve));
    const onEvent = (e: TrainEvent) => {
      if (e.type === 'start') trainSamples = e.trainSamples;
      if (e.type === 'epoch') seconds.push(e.seconds);
      if (e.type === 'done') {
        if (e.reason !== 'completed') failure = e.message ?? e.reason;
        finished();
      }
    };
    const training = api.train(
      {
        spec,
        dataset: { kind: 'shapes', count: samples, seed: 1, valFraction: 0.2 },
        config: { ...structuredClone(DEFAULT_TRAINING), epochs, batchSize: BATCH, optimizer: { ...defaultOptimizer('adam'), learningRate: 0.001 } },
        augment: { ...DEFAULT_AUGMENT, enabled: false },
        seed: 1,
        checkpoints: false,
      },
      Comlink.proxy(onEvent),
    );
    await Promise.all([training, done]);
    if (failure) throw new Error(failure);
    const sps = throughput(trainSamples, seconds);
    return {
      model: spec.name,
      preset,
      params: analyzeGraph(spec).totals.params,
      samples,
      train_samples: trainSamples,
      backend,
      sps: Math.round(sps * 10) / 10,
      epoch_seconds: Math.round((trainSamples / sps) * 100) / 100,
    };
  } finally {
    // The harness reads the peak from this worker's engine before the page moves on.
    if (!params.has('hold')) worker.terminate();
  }
}
