import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { allPositions, type SampleSource } from './datasets/source';
import type { AugmentPreview, BackendChoice, DatasetRequest, TrainEvent, TrainRequest, TrainerApi, ValidationBatch } from '$lib/training/shared/protocol';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { clearCheckpoint, finishCheckpoint, loadCheckpoint } from '$lib/storage/database';
import type { Checkpoint } from '$lib/training/shared/checkpoint';
import { parseTrainableSpec } from '$lib/training/shared/trainable';
import { evaluatedSplit, type EvaluatedSplit, type Evaluation } from '$lib/training/shared/evaluation';
import { endsInSoftmax } from '$lib/spec/io';
import { m } from '$lib/i18n/messages';
import { setLocale } from '$lib/i18n/locale';
import { ensureBackend, selectBackend } from './devices/backend';
import { chooseBySpeed } from './devices/backend-auto';
import { buildModel, readWeights, writeWeights } from './model/build-model';
import { loadDataset } from './datasets/load-dataset';
import { previewAugmentation } from './training/augment-preview';
import { RunControl } from './training/control';
import { runTraining } from './training/run';
import { evaluateSplit, samplePixels } from './training/evaluate-split';
import { inspectTrained, inspectionBuffers } from './inspect/inspect-request';
import type { InspectRequest, Inspection } from '$lib/training/shared/inspection';

interface TrainedModel {
  model: tf.LayersModel;
  spec: GraphSpec;
  /** Absent for a model from a file whose dataset is not in this browser. */
  val?: SampleSource;
  /** What `val` is to the user: MNIST's held-out side is its test set. */
  split: EvaluatedSplit;
}

let trained: TrainedModel | undefined;
let control = new RunControl();
let running = false;

/** The graph in a message from the page; a bad one is refused with the reasons, which the page shows. */
function checkedSpec(value: unknown): GraphSpec {
  const parsed = parseTrainableSpec(value);
  if (!parsed.ok) throw new Error(m.workerBadSpec({ reason: parsed.errors.join(' ') }));
  return parsed.value;
}

function requireTrained(): TrainedModel {
  if (!trained) throw new Error(m.exportNeedsTraining());
  return trained;
}

async function run(request: TrainRequest, resumeFrom: Checkpoint | undefined, onEvent: (event: TrainEvent) => void): Promise<void> {
  // The bridge runs one at a time; this guards the worker's single model and control anyway.
  if (running) throw new Error(m.runInProgress());
  running = true;
  control = new RunControl();
  trained?.model.dispose();
  trained = undefined;
  try {
    const spec = checkedSpec(request.spec);
    // A new run replaces the saved one: "resume" must never continue a different run.
    if (!resumeFrom && request.checkpoints) await clearCheckpoint();
    const result = await runTraining(tf, { ...request, spec }, resumeFrom, control, onEvent);
    trained = { model: result.model, spec, val: result.val, split: evaluatedSplit(request.dataset.kind) };
    const { reason, message, gpuFault } = result.outcome;
    // A finished run has nothing left to resume; stopped and diverged runs keep their last good checkpoint.
    if (request.checkpoints && (reason === 'completed' || reason === 'early-stopped')) await finishCheckpoint();
    onEvent({ type: 'done', reason, message, restartWorker: gpuFault });
  } catch (error) {
    onEvent({ type: 'done', reason: 'failed', message: m.trainingFailed({ why: (error as Error).message }) });
  } finally {
    // Releases anyone still waiting for a pause acknowledgement.
    control.stop();
    running = false;
  }
}

async function resume(onEvent: (event: TrainEvent) => void): Promise<void> {
  const loaded = await loadCheckpoint();
  if (loaded && !loaded.ok) {
    onEvent({ type: 'done', reason: 'failed', message: m.checkpointIgnored({ reason: loaded.errors[0] }) });
    return;
  }
  if (!loaded || loaded.value.finished) {
    onEvent({ type: 'done', reason: 'failed', message: m.noRunToResume() });
    return;
  }
  await run(loaded.value.request, loaded.value, onEvent);
}

async function validationBatch(maxSamples: number): Promise<ValidationBatch> {
  const { model, val } = requireTrained();
  if (!val) throw new Error(m.projectNoValidation());
  const n = Math.min(maxSamples, val.count);
  const shape: [number, number, number, number] = [n, val.height, val.width, val.channels];
  const images = await val.read(allPositions(val).subarray(0, n));
  const output = tf.tidy(() => model.predict(tf.tensor4d(images, shape)) as tf.Tensor);
  const outputs = (await output.data()) as Float32Array;
  output.dispose();
  return Comlink.transfer({ images, shape, labels: val.labels.slice(0, n), outputs, classes: [...val.classes] }, [images.buffer, outputs.buffer]);
}

/** The trained model with held-out data to evaluate it on. */
function evaluable(): Required<TrainedModel> {
  if (running) throw new Error(m.runInProgress());
  if (!trained) throw new Error(m.evaluationNeedsModel());
  const { val } = trained;
  if (!val) throw new Error(m.evaluationNoData());
  return { ...trained, val };
}

async function evaluate(): Promise<Evaluation> {
  const { model, spec, val, split } = evaluable();
  const result = await evaluateSplit(tf, model, val, split, !endsInSoftmax(spec));
  return Comlink.transfer(result, [result.labels.buffer, result.predictions.buffer]);
}

async function evaluationPixels(positions: number[]): Promise<Uint8Array> {
  const pixels = await samplePixels(evaluable().val, positions);
  return Comlink.transfer(pixels, [pixels.buffer]);
}

async function inspect(request: InspectRequest): Promise<Inspection> {
  if (running) throw new Error(m.runInProgress());
  if (!trained) throw new Error(m.insideNeedsModel());
  const result = await inspectTrained(tf, trained, request);
  return Comlink.transfer(result, inspectionBuffers(result));
}

async function weights(): Promise<ModelWeights> {
  const { model, spec } = requireTrained();
  const result = await readWeights(model, spec);
  const buffers = Object.values(result).flatMap((ws) => ws.map((w) => w.data.buffer as ArrayBuffer));
  return Comlink.transfer(result, buffers);
}

async function loadModel(value: GraphSpec, given: ModelWeights, dataset: DatasetRequest): Promise<void> {
  if (running) throw new Error(m.runInProgress());
  const spec = checkedSpec(value);
  await ensureBackend();
  const model = buildModel(tf, spec);
  try {
    writeWeights(tf, model, given);
  } catch (error) {
    model.dispose();
    throw error;
  }
  // The checks against ONNX Runtime need validation samples; without the data the model still exports.
  const val = await loadDataset(dataset).then(
    (split) => split.val,
    () => undefined,
  );
  trained?.model.dispose();
  trained = { model, spec, val, split: evaluatedSplit(dataset.kind) };
}

const api: TrainerApi = {
  selectBackend: async (choice: BackendChoice, spec?: GraphSpec) => (choice === 'auto' && spec ? chooseBySpeed(checkedSpec(spec)) : selectBackend(choice)),
  train: (request, onEvent) => run(request, undefined, onEvent),
  resume,
  pause: () => (running ? control.pause() : Promise.resolve()),
  proceed: () => control.proceed(),
  stop: () => control.stop(),
  ping: () => true,
  setLocale,
  weights,
  loadModel,
  validationBatch,
  evaluate,
  evaluationPixels,
  inspect,
  augmentPreview: async (...args): Promise<AugmentPreview> => {
    await ensureBackend();
    const preview = await previewAugmentation(tf, ...args);
    return Comlink.transfer(preview, [preview.images.buffer]);
  },
};

Comlink.expose(api);
