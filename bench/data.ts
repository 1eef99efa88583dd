/**
 * The data benchmarks, run one per page load of bench.html?suite=… (bench/data-run.mjs drives
 * them and measures memory from outside): LeNet-5 on the bundled MNIST split, and a user's
 * dataset of 10,000 64×64×3 images imported through the storage module, trained for an epoch
 * by the app's worker (streamed from IndexedDB) and counted again after the profile is reopened.
 */
import * as Comlink from 'comlink';
import { LAYERS } from '$lib/spec/layers';
import { PRESETS } from '$lib/spec/presets';
import { SPEC_FORMAT, SPEC_VERSION, type GraphSpec, type LayerKind, type LayerNode } from '$lib/spec/types';
import { DEFAULT_TRAINING, defaultOptimizer } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT } from '$lib/training/shared/augment';
import type { BackendName, DatasetRequest, TrainEvent, TrainerApi, TrainRequest } from '$lib/training/shared/protocol';
import { userDatasetKey } from '$lib/datasets/shared/catalog';
import type { NewSample, UserDataset } from '$lib/datasets/shared/user-dataset';
import { addSamples, countSamples, listSamples, readPixels, saveUserDataset } from '$lib/storage/database';
import { SYNTHETIC_CLASSES, syntheticSample } from './synthetic';

const SEED = 1;
const SCALE_SIZE = 64;
/** Samples per addSamples call: one transaction each, as an import of a folder stores a batch at a time. */
const IMPORT_BATCH = 250;
/** Fewer, larger steps: an epoch over 8,000 images is dominated by per-step overhead on a software GPU. */
const SCALE_BATCH = 64;

type Params = URLSearchParams;

interface TrainOutcome {
  trainSamples: number;
  valSamples: number;
  epochs: { valAcc: number; trainAcc: number; seconds: number }[];
  wallSeconds: number;
  reason: string;
  message?: string;
}

function trainer(): { api: Comlink.Remote<TrainerApi>; close: () => void } {
  const worker = new Worker(new URL('../workers/trainer.worker.ts', import.meta.url), { type: 'module' });
  return { api: Comlink.wrap<TrainerApi>(worker), close: () => worker.terminate() };
}

/**
 * With `hold` in the URL, waits until the harness calls window.__release(): it instruments the
 * worker (a peak counter on tfjs's byte count) between backend start and training.
 */
async function harnessReady(params: Params): Promise<void> {
  if (!params.has('hold')) return;
  await new Promise<void>((resolve) => {
    (window as unknown as { __release: () => void }).__release = resolve;
  });
}

/**
 * Trains through the app's worker, as the Train button does. The run is stopped after the first
 * epoch whose validation accuracy reaches `stopAt`, or once its epochs took `maxSeconds`.
 */
async function train(api: Comlink.Remote<TrainerApi>, request: TrainRequest, stopAt = Infinity, maxSeconds = Infinity): Promise<TrainOutcome> {
  const outcome: TrainOutcome = { trainSamples: 0, valSamples: 0, epochs: [], wallSeconds: 0, reason: '' };
  const started = performance.now();
  let finished: () => void = () => undefined;
  // Events come through their own channel: `train` may resolve before the last of them arrives.
  const done = new Promise<void>((resolve) => (finished = resolve));
  const onEvent = (e: TrainEvent) => {
    if (e.type === 'start') [outcome.trainSamples, outcome.valSamples] = [e.trainSamples, e.valSamples];
    if (e.type === 'epoch') {
      outcome.epochs.push({ valAcc: e.valAcc, trainAcc: e.trainAcc, seconds: e.seconds });
      console.info(`bench: epoch ${e.epoch}: ${e.seconds.toFixed(1)} s, train acc ${e.trainAcc.toFixed(4)}, validation acc ${e.valAcc.toFixed(4)}`);
      const spent = outcome.epochs.reduce((sum, p) => sum + p.seconds, 0);
      if (e.valAcc >= stopAt || spent >= maxSeconds) void api.stop();
    }
    if (e.type === 'done') {
      [outcome.reason, outcome.message] = [e.reason, e.message];
      finished();
    }
  };
  await Promise.all([api.train(request, Comlink.proxy(onEvent)), done]);
  outcome.wallSeconds = (performance.now() - started) / 1000;
  return outcome;
}

function request(spec: GraphSpec, dataset: DatasetRequest, epochs: number, batchSize: number, learningRate: number, schedule = DEFAULT_TRAINING.schedule): TrainRequest {
  return {
    spec,
    dataset,
    config: { ...structuredClone(DEFAULT_TRAINING), epochs, batchSize, optimizer: { ...defaultOptimizer('adam'), learningRate }, schedule },
    augment: { ...DEFAULT_AUGMENT, enabled: false },
    seed: SEED,
    checkpoints: false,
  };
}

async function startBackend(api: Comlink.Remote<TrainerApi>, backend: BackendName): Promise<void> {
  const report = await api.selectBackend(backend);
  if (report.active !== backend) throw new Error(`${backend} unavailable: ${report.attempts.map((a) => a.reason).join('; ')}`);
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * LeNet-5 on the whole bundled MNIST split (8,499 train / 1,501 test) with Adam and a cosine
 * decay over `epochs` (at a constant 0.002 the test accuracy wandered between 95 and 96.5 %),
 * until the test accuracy reaches `stopAt`, the epochs run out or `maxSeconds` of epochs passed.
 */
async function mnist(params: Params): Promise<Record<string, unknown>> {
  const backend = (params.get('backend') ?? 'webgl') as BackendName;
  const epochs = Number(params.get('epochs') ?? 12);
  const maxSeconds = Number(params.get('maxSeconds') ?? 1500);
  const stopAt = Number(params.get('stopAt') ?? 0.975);
  const batchSize = Number(params.get('batch') ?? 32);
  const learningRate = Number(params.get('lr') ?? 0.002);
  const count = Number(params.get('count') ?? 10000);
  const { api, close } = trainer();
  try {
    await startBackend(api, backend);
    const spec = PRESETS.lenet5(10);
    const schedule = { base: { kind: 'cosine', minFactor: 0.05 }, warmupEpochs: 0 } as const;
    const out = await train(api, request(spec, { kind: 'mnist', count, seed: SEED, valFraction: 0 }, epochs, batchSize, learningRate, schedule), stopAt, maxSeconds);
    const accs = out.epochs.map((e) => e.valAcc);
    const reached = accs.findIndex((a) => a >= 0.97);
    const secondsAt = (n: number) => round(out.epochs.slice(0, n).reduce((s, e) => s + e.seconds, 0), 1);
    return {
      model: spec.name,
      backend,
      batch_size: batchSize,
      learning_rate: learningRate,
      schedule: `cosine over ${epochs} epochs to ${schedule.base.minFactor}×`,
      max_epochs: epochs,
      train_samples: out.trainSamples,
      test_samples: out.valSamples,
      epochs: out.epochs.length,
      seconds: secondsAt(out.epochs.length),
      wall_seconds: round(out.wallSeconds, 1),
      test_acc: round(accs.at(-1) ?? 0, 4),
      test_acc_per_epoch: accs.map((a) => round(a, 4)),
      epochs_to_97: reached >= 0 ? reached + 1 : null,
      seconds_to_97: reached >= 0 ? secondsAt(reached + 1) : null,
      outcome: out.message ? `${out.reason}: ${out.message}` : out.reason,
    };
  } finally {
    close();
  }
}

/** Creates a dataset and stores `count` synthetic samples through the storage module, a batch per transaction. */
async function scaleImport(params: Params): Promise<Record<string, unknown>> {
  const count = Number(params.get('count') ?? 10000);
  const dataset: UserDataset = {
    id: crypto.randomUUID(),
    name: `bench ${count} × ${SCALE_SIZE}²×3`,
    height: SCALE_SIZE,
    width: SCALE_SIZE,
    channels: 3,
    fit: 'crop',
    classes: Array.from({ length: SYNTHETIC_CLASSES }, (_, id) => ({ id, name: `class ${id}` })),
    nextClassId: SYNTHETIC_CLASSES,
    nextSampleId: 0,
    createdAt: Date.now(),
  };
  const started = performance.now();
  await saveUserDataset(dataset);
  let storing = 0;
  for (let from = 0; from < count; from += IMPORT_BATCH) {
    const batch: NewSample[] = [];
    for (let i = from; i < Math.min(from + IMPORT_BATCH, count); i++) {
      const { classIndex, pixels } = syntheticSample(i, SCALE_SIZE);
      batch.push({ classId: classIndex, origin: 'file', name: `synthetic-${i}.png`, pixels });
    }
    const t = performance.now();
    await addSamples(dataset.id, batch);
    storing += performance.now() - t;
  }
  const wall = (performance.now() - started) / 1000;
  return {
    dataset_id: dataset.id,
    samples: count,
    image: [SCALE_SIZE, SCALE_SIZE, 3],
    import_batch: IMPORT_BATCH,
    import_seconds: round(storing / 1000),
    import_wall_seconds: round(wall),
    import_images_per_s: round(count / (storing / 1000), 0),
    stored_mb: round((count * SCALE_SIZE * SCALE_SIZE * 3) / 2 ** 20, 1),
  };
}

function chain(name: string, steps: [string, LayerKind, Record<string, unknown>][]): GraphSpec {
  const nodes = steps.map(([id, kind, params], i) => ({ id, kind, params: { ...LAYERS[kind].defaults, ...params }, inputs: i === 0 ? [] : [steps[i - 1][0]] }) as LayerNode);
  return { format: SPEC_FORMAT, version: SPEC_VERSION, name, nodes };
}

/** A small CNN for 64×64×3: the first convolution strides so an epoch of 8,000 images stays minutes long on a software GPU. */
const scaleSpec = (classes: number): GraphSpec =>
  chain('Scale CNN', [
    ['input', 'Input', { height: SCALE_SIZE, width: SCALE_SIZE, channels: 3 }],
    ['conv1', 'Conv2D', { filters: 8, strides: 2 }],
    ['pool1', 'MaxPool2D', {}],
    ['conv2', 'Conv2D', { filters: 16 }],
    ['pool2', 'MaxPool2D', {}],
    ['flatten', 'Flatten', {}],
    ['output', 'Dense', { units: classes, activation: 'softmax' }],
  ]);

/** One epoch on the stored dataset through the worker, which streams it from IndexedDB in shards. */
async function scaleTrain(params: Params): Promise<Record<string, unknown>> {
  const id = params.get('dataset') ?? '';
  const backend = (params.get('backend') ?? 'webgl') as BackendName;
  const { api } = trainer();
  // The worker stays alive with the page: the harness reads its peak counters after the epoch.
  await startBackend(api, backend);
  await harnessReady(params);
  const spec = scaleSpec(SYNTHETIC_CLASSES);
  // The worker checks the request as the training panel does: the count is the dataset's size.
  const count = await countSamples(id);
  const out = await train(api, request(spec, { kind: userDatasetKey(id), count, seed: SEED, valFraction: 0.2 }, 1, SCALE_BATCH, 0.001));
  const epoch = out.epochs[0];
  return {
    model: spec.name,
    backend,
    batch_size: SCALE_BATCH,
    train_samples: out.trainSamples,
    val_samples: out.valSamples,
    epoch_seconds: epoch ? round(epoch.seconds, 1) : null,
    train_samples_per_s: epoch ? round(out.trainSamples / epoch.seconds, 1) : null,
    wall_seconds: round(out.wallSeconds, 1),
    val_acc: epoch ? round(epoch.valAcc, 4) : null,
    outcome: out.message ? `${out.reason}: ${out.message}` : out.reason,
  };
}

/** After the profile is reopened: the stored count, and the first and last samples' bytes against regenerated ones. */
async function scaleCheck(params: Params): Promise<Record<string, unknown>> {
  const id = params.get('dataset') ?? '';
  const count = await countSamples(id);
  const samples = await listSamples(id);
  const ends = [samples[0], samples.at(-1)].filter((s) => s !== undefined);
  const pixels = await readPixels(id, ends.map((s) => s.id));
  const intact = ends.every((s, k) => {
    const expected = syntheticSample(s.id, SCALE_SIZE).pixels;
    return pixels[k].length === expected.length && pixels[k].every((v, i) => v === expected[i]);
  });
  return { samples_after_reopen: count, first_and_last_intact: intact };
}

export const DATA_SUITES: Record<string, (params: Params) => Promise<Record<string, unknown>>> = {
  mnist,
  'scale-import': scaleImport,
  'scale-train': scaleTrain,
  'scale-check': scaleCheck,
};
