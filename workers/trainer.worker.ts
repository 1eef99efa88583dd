import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import type { ImageDataset } from '../src/lib/data/dataset';
import type { BackendChoice, TrainEvent, TrainRequest, TrainerApi, ValidationBatch } from '../src/lib/trainer/protocol';
import type { ModelWeights } from '../src/lib/spec/types';
import { selectBackend } from './backend';
import { loadDataset, toDevice } from './data';
import { buildModel, readWeights } from './build-model';
import { fit } from './train/fit';
import { probabilityMap } from './train/output';
import { categoricalCrossentropy } from './train/loss';
import { createOptimizer } from './train/optimizers';

interface TrainedModel {
  model: tf.LayersModel;
  request: TrainRequest;
  val: ImageDataset;
}

let trained: TrainedModel | undefined;
let stopRequested = false;

function requireTrained(): TrainedModel {
  if (!trained) throw new Error('Train a model first.');
  return trained;
}

async function train(request: TrainRequest, onEvent: (event: TrainEvent) => void): Promise<void> {
  stopRequested = false;
  trained?.model.dispose();
  trained = undefined;
  const { train: trainSet, val: valSet } = loadDataset(request.dataset);
  const model = buildModel(tf, request.spec, request.seed);
  const optimizer = createOptimizer(tf, { name: 'adam', learningRate: request.learningRate });
  const trainData = toDevice(tf, trainSet);
  const valData = toDevice(tf, valSet);
  trained = { model, request, val: valSet };
  onEvent({
    type: 'start',
    backend: tf.getBackend() as 'webgpu' | 'webgl' | 'cpu',
    epochs: request.epochs,
    batchesPerEpoch: Math.ceil(trainData.count / request.batchSize),
    trainSamples: trainData.count,
    valSamples: valData.count,
    classes: trainSet.classes,
  });
  try {
    const outcome = await fit(
      {
        tf,
        model,
        optimizer,
        loss: (y, p) => categoricalCrossentropy(tf, y, p, { labelSmoothing: 0 }),
        toProbabilities: probabilityMap(tf, request.spec),
        train: trainData,
        val: valData,
        emit: onEvent,
        shouldStop: () => stopRequested,
      },
      request,
    );
    onEvent({ type: 'done', reason: outcome.reason, message: 'message' in outcome ? outcome.message : undefined });
  } catch (error) {
    onEvent({ type: 'done', reason: 'failed', message: `Training failed: ${(error as Error).message}` });
  } finally {
    trainData.dispose();
    valData.dispose();
    optimizer.dispose();
  }
}

async function validationBatch(maxSamples: number): Promise<ValidationBatch> {
  const { model, val } = requireTrained();
  const n = Math.min(maxSamples, val.labels.length);
  const shape: [number, number, number, number] = [n, val.height, val.width, val.channels];
  const images = val.images.slice(0, n * val.height * val.width * val.channels);
  const output = tf.tidy(() => model.predict(tf.tensor4d(images, shape)) as tf.Tensor);
  const outputs = (await output.data()) as Float32Array;
  output.dispose();
  return Comlink.transfer({ images, shape, labels: val.labels.slice(0, n), outputs, classes: val.classes }, [images.buffer, outputs.buffer]);
}

async function weights(): Promise<ModelWeights> {
  const { model, request } = requireTrained();
  const result = await readWeights(model, request.spec);
  const buffers = Object.values(result).flatMap((ws) => ws.map((w) => w.data.buffer as ArrayBuffer));
  return Comlink.transfer(result, buffers);
}

const api: TrainerApi = {
  selectBackend: (choice: BackendChoice) => selectBackend(choice),
  train,
  stop: () => {
    stopRequested = true;
  },
  weights,
  validationBatch,
};

Comlink.expose(api);
