import type * as tfType from '@tensorflow/tfjs';
import { buildModel } from '$workers/model/build-model';
import { loadDataset } from '$workers/datasets/load-dataset';
import { allPositions } from '$workers/datasets/source';
import { throughput, type LoopTiming, type PlainFitRequest } from './protocol';
import { VAL_FRACTION } from './train-plan';

/**
 * The reference: tfjs's own model.fit on the same model, data, optimizer and batch size, on the
 * backend already active. Shared by the browser's fit worker and the Node bench (bench/node-train.ts).
 */
export async function plainFit(tf: typeof tfType, r: PlainFitRequest): Promise<LoopTiming> {
  const { train, val } = await loadDataset({ kind: 'shapes', count: r.samples, seed: r.seed, valFraction: VAL_FRACTION });
  const tensors = async (d: typeof train) => {
    const n = d.count;
    return [tf.tensor4d(await d.read(allPositions(d)), [n, d.height, d.width, d.channels]), tf.oneHot(tf.tensor1d(d.labels, 'int32'), d.classes.length).toFloat()];
  };
  const [xs, ys] = await tensors(train);
  const [vx, vy] = await tensors(val);
  const model = buildModel(tf, r.spec, r.seed);
  model.compile({ optimizer: tf.train.adam(r.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const seconds: number[] = [];
  const tensorsPerEpoch: number[] = [];
  let started = 0;
  await model.fit(xs, ys, {
    epochs: r.epochs,
    batchSize: r.batchSize,
    shuffle: true,
    validationData: [vx, vy],
    callbacks: {
      onEpochBegin: async () => {
        started = performance.now();
      },
      onEpochEnd: async () => {
        seconds.push((performance.now() - started) / 1000);
        tensorsPerEpoch.push(tf.memory().numTensors);
      },
    },
  });
  tf.dispose([xs, ys, vx, vy]);
  model.dispose();
  return { samplesPerSec: throughput(train.labels.length, seconds), tensorsPerEpoch };
}
