import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { LiveModel } from '$lib/live/shared/protocol';
import { inputFormat } from '$lib/spec/io';
import { m } from '$lib/i18n/messages';
import { ensureBackend } from '$workers/devices/backend';
import { buildModel, writeWeights } from '$workers/model/build-model';
import type { Runner } from './runner';

/** The model rebuilt in TensorFlow.js from its graph and weights, on the first backend that starts here. */
export async function tfjsRunner(model: LiveModel): Promise<Runner> {
  const format = inputFormat(model.spec);
  if (!format) throw new Error(m.liveNoInput());
  const { height, width, channels } = format;
  await ensureBackend();
  const built = buildModel(tf, model.spec);
  writeWeights(tf, built, model.weights);
  return {
    report: { runtime: 'tfjs', detail: m.liveOnTfjs({ backend: tf.getBackend() }) },
    outputs: async (image) => {
      const out = tf.tidy(() => built.predict(tf.tensor4d(image, [1, height, width, channels])) as tf.Tensor);
      const values = (await out.data()) as Float32Array;
      out.dispose();
      return values;
    },
    dispose: async () => {
      built.dispose();
    },
  };
}
