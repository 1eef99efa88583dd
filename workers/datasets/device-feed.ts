import type * as tfType from '@tensorflow/tfjs';
import type { SampleSource } from './source';

export interface Batch {
  xs: tfType.Tensor4D;
  ys: tfType.Tensor2D;
}

/**
 * A source's samples on the backend. A set that fits the device budget is uploaded once and
 * batches are gathered on the device; a bigger one is streamed in shards: the shard a batch
 * falls in is uploaded when first needed, and the next one is read ahead while it trains.
 */
export interface DeviceFeed {
  count: number;
  /**
   * The samples at `order[from … to)` (positions in the source; null: storage order) as tensors
   * the caller disposes. Walk an order front to back in equal steps: that is what shards suit.
   */
  take(order: Int32Array | null, from: number, to: number): Promise<Batch>;
  dispose(): void;
}

/** Images a feed keeps on the device at most: MNIST and every Shapes set fit whole; 10,000 64×64×3 images stream. */
export const DEVICE_BUDGET_BYTES = 64 * 2 ** 20;

const at = (order: Int32Array | null, from: number, to: number): Int32Array =>
  order ? order.subarray(from, to) : Int32Array.from({ length: to - from }, (_, k) => from + k);

function oneHot(tf: typeof tfType, source: SampleSource, positions: Int32Array): tfType.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(Uint8Array.from(positions, (p) => source.labels[p]), 'int32'), source.classes.length).toFloat() as tfType.Tensor2D);
}

function upload(tf: typeof tfType, source: SampleSource, positions: Int32Array, images: Float32Array): Batch {
  return { xs: tf.tensor4d(images, [positions.length, source.height, source.width, source.channels]), ys: oneHot(tf, source, positions) };
}

async function residentFeed(tf: typeof tfType, source: SampleSource): Promise<DeviceFeed> {
  const all = at(null, 0, source.count);
  const { xs, ys } = upload(tf, source, all, await source.read(all));
  return {
    count: source.count,
    take: async (order, from, to) =>
      tf.tidy(() => {
        if (!order) return { xs: xs.slice(from, to - from), ys: ys.slice(from, to - from) };
        const idx = tf.tensor1d(order.subarray(from, to), 'int32');
        return { xs: tf.gather(xs, idx), ys: tf.gather(ys, idx) };
      }),
    dispose: () => tf.dispose([xs, ys]),
  };
}

interface Shard extends Batch {
  order: Int32Array | null;
  from: number;
  to: number;
}

interface ReadAhead {
  order: Int32Array | null;
  from: number;
  to: number;
  images: Promise<Float32Array>;
}

function streamedFeed(tf: typeof tfType, source: SampleSource, shardSamples: number): DeviceFeed {
  let shard: Shard | null = null;
  let ahead: ReadAhead | null = null;
  const release = (): void => {
    if (shard) tf.dispose([shard.xs, shard.ys]);
    shard = null;
  };
  const load = async (order: Int32Array | null, from: number, step: number): Promise<Shard> => {
    // Whole steps per shard, so consecutive batches never straddle two shards.
    const length = Math.max(step, Math.floor(shardSamples / step) * step);
    const to = Math.min(from + length, source.count);
    const positions = at(order, from, to);
    const hit = ahead && ahead.order === order && ahead.from === from && ahead.to === to ? ahead : null;
    const images = await (hit ? hit.images : source.read(positions));
    release();
    shard = { ...upload(tf, source, positions, images), order, from, to };
    const next = Math.min(to + length, source.count);
    ahead = to < source.count ? { order, from: to, to: next, images: source.read(at(order, to, next)) } : null;
    // A read-ahead nobody takes (the run stopped) must not surface as an unhandled rejection.
    ahead?.images.catch(() => undefined);
    return shard;
  };
  return {
    count: source.count,
    take: async (order, from, to) => {
      const s = shard && shard.order === order && from >= shard.from && to <= shard.to ? shard : await load(order, from, to - from);
      return tf.tidy(() => ({ xs: s.xs.slice(from - s.from, to - from), ys: s.ys.slice(from - s.from, to - from) }));
    },
    dispose: () => {
      release();
      ahead = null;
    },
  };
}

/** Puts a source on the backend, whole when it fits `budgetBytes` and in shards when it does not. */
export async function toDevice(tf: typeof tfType, source: SampleSource, budgetBytes = DEVICE_BUDGET_BYTES): Promise<DeviceFeed> {
  const sampleBytes = source.height * source.width * source.channels * 4;
  if (source.count * sampleBytes <= budgetBytes) return residentFeed(tf, source);
  // Half the budget per shard: the batches sliced from it need device memory too.
  return streamedFeed(tf, source, Math.max(1, Math.floor(budgetBytes / 2 / sampleBytes)));
}
