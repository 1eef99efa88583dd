import type * as tfType from '@tensorflow/tfjs';
import type { DeviceFeed } from '$workers/datasets/device-feed';
import { SKIP_DROPOUT } from '$workers/model/dropout';

type Tf = typeof tfType;

/**
 * Most training images the statistics are estimated from. Convolution outputs give every image
 * hundreds of values per channel, so the estimates settle early: MobileNet-tiny after a 3-epoch
 * run validates at 0.71-0.75 with statistics from 32, 64, 128, 256 or all 320 training images.
 * The bound keeps the pass a small fraction of an epoch on large datasets.
 */
export const BN_STATS_MAX_SAMPLES = 256;

/** Running per-channel moments: mean and sum of squared deviations (m2) over `count` values per channel. */
type Moments = {
  mean: tfType.Tensor1D;
  m2: tfType.Tensor1D;
  count: number;
};

interface Probe {
  /** The same layers, outputting every BatchNormalization layer's input. */
  inputs: tfType.LayersModel;
  stats: { mean: tfType.LayerVariable; variance: tfType.LayerVariable }[];
}

const probes = new WeakMap<tfType.LayersModel, Probe | null>();

function statistic(layer: tfType.layers.Layer, name: string): tfType.LayerVariable {
  const variable = layer.weights.find((v) => v.originalName.endsWith(`/${name}`));
  if (!variable) throw new Error(`BatchNorm layer "${layer.name}" has no ${name}`);
  return variable;
}

/** Built once per model; it shares the model's layers and weights, so it must never be disposed. */
function probeOf(tf: Tf, model: tfType.LayersModel): Probe | null {
  if (probes.has(model)) return probes.get(model)!;
  const layers = model.layers.filter((l) => l.getClassName() === 'BatchNormalization');
  const probe =
    layers.length === 0
      ? null
      : {
          inputs: tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.input as tfType.SymbolicTensor) }),
          stats: layers.map((l) => ({ mean: statistic(l, 'moving_mean'), variance: statistic(l, 'moving_variance') })),
        };
  probes.set(model, probe);
  return probe;
}

/** Chan et al.'s pairwise update: merges a batch's moments into the running ones without cancellation. */
function merge(tf: Tf, run: Moments | null, x: tfType.Tensor): Moments {
  const axes = x.shape.map((_, i) => i).slice(0, -1);
  const n = x.size / x.shape[x.shape.length - 1];
  const { mean, variance } = tf.moments(x, axes);
  const m2 = tf.mul(variance, n);
  if (!run) return { mean: mean as tfType.Tensor1D, m2: m2 as tfType.Tensor1D, count: n };
  const count = run.count + n;
  const delta = tf.sub(mean, run.mean);
  return {
    mean: tf.add(run.mean, tf.mul(delta, n / count)),
    m2: tf.add(tf.add(run.m2, m2), tf.mul(tf.square(delta), (run.count * n) / count)),
    count,
  };
}

/** `samples` positions spread evenly over `count` items. */
function evenlySpaced(samples: number, count: number): Int32Array {
  return Int32Array.from({ length: samples }, (_, k) => Math.floor((k * count) / samples));
}

const disposeMoments = (tf: Tf, moments: Moments[]): void => tf.dispose(moments.flatMap((m) => [m.mean, m.m2]));

/**
 * "Precise BatchNorm" (Wu & Johnson, 2021): replaces every BatchNormalization layer's moving mean
 * and variance with the population statistics of its input under the current weights. The moving
 * averages lag a network that changes fast: over a run of a few dozen steps they describe weights
 * long gone, and validation sees a different network from the one training measured.
 *
 * The layers run as in training (each batch normalised by its own statistics, at the training
 * batch size, so every layer sees the inputs training gave it) but with dropout off and no
 * gradients, over at most `maxSamples` un-augmented training images, i.e. images like those
 * inference will see. They are taken evenly across the whole set, so a set stored class by class
 * is still covered in proportion. Everything stays on the device: no read-back.
 */
export async function recomputeBatchNormStats(
  tf: Tf,
  model: tfType.LayersModel,
  data: DeviceFeed,
  batchSize: number,
  maxSamples = BN_STATS_MAX_SAMPLES,
): Promise<void> {
  const probe = probeOf(tf, model);
  if (!probe) return;
  const samples = Math.min(data.count, maxSamples);
  const order = samples === data.count ? null : evenlySpaced(samples, data.count);
  let moments: Moments[] | null = null;
  for (let start = 0; start < samples; start += batchSize) {
    const size = Math.min(batchSize, samples - start);
    const previous: Moments[] | null = moments;
    const { xs, ys } = await data.take(order, start, start + size);
    moments = tf.tidy(() => {
      const out = probe.inputs.apply(xs, { training: true, [SKIP_DROPOUT]: true }) as tfType.Tensor | tfType.Tensor[];
      return (Array.isArray(out) ? out : [out]).map((x, i) => merge(tf, previous?.[i] ?? null, x));
    });
    tf.dispose([xs, ys]);
    if (previous) disposeMoments(tf, previous);
  }
  if (!moments) return;
  const final = moments;
  tf.tidy(() =>
    final.forEach((m, i) => {
      probe.stats[i].mean.write(m.mean);
      probe.stats[i].variance.write(tf.div(m.m2, m.count));
    }),
  );
  disposeMoments(tf, final);
}
