import type * as tfType from '@tensorflow/tfjs';
import type { DeviceFeed } from '$workers/datasets/device-feed';
import { countCorrect, type LossFn } from './step';

/** Mean loss and accuracy over a dataset, in inference mode, read back with a single await. */
export async function evaluate(
  tf: typeof tfType,
  model: tfType.LayersModel,
  data: DeviceFeed,
  loss: LossFn,
  batchSize: number,
): Promise<{ loss: number; acc: number }> {
  let totals = tf.zeros([2]);
  for (let start = 0; start < data.count; start += batchSize) {
    const size = Math.min(batchSize, data.count - start);
    const { xs, ys } = await data.take(null, start, start + size);
    const previous = totals;
    totals = tf.tidy(() => {
      const outputs = model.predict(xs) as tfType.Tensor2D;
      return previous.add(tf.stack([loss(ys, outputs).mul(size), countCorrect(tf, ys, outputs)]));
    });
    tf.dispose([previous, xs, ys]);
  }
  const [lossSum, correct] = await totals.data();
  totals.dispose();
  return { loss: lossSum / data.count, acc: correct / data.count };
}
