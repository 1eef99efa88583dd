import type * as tfType from '@tensorflow/tfjs';
import type { DeviceDataset } from '$workers/datasets/device-dataset';
import { countCorrect, type LossFn } from './step';

/** Mean loss and accuracy over a dataset, in inference mode, read back with a single await. */
export async function evaluate(
  tf: typeof tfType,
  model: tfType.LayersModel,
  data: DeviceDataset,
  loss: LossFn,
  batchSize: number,
): Promise<{ loss: number; acc: number }> {
  const totals = tf.tidy(() => {
    let lossSum = tf.scalar(0);
    let correct = tf.scalar(0);
    for (let start = 0; start < data.count; start += batchSize) {
      const size = Math.min(batchSize, data.count - start);
      const xb = data.xs.slice(start, size);
      const yb = data.ys.slice(start, size);
      const outputs = model.predict(xb) as tfType.Tensor2D;
      lossSum = lossSum.add(loss(yb, outputs).mul(size));
      correct = correct.add(countCorrect(tf, yb, outputs));
    }
    return tf.stack([lossSum, correct]);
  });
  const [lossSum, correct] = await totals.data();
  totals.dispose();
  return { loss: lossSum / data.count, acc: correct / data.count };
}
