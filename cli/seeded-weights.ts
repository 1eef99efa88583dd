import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { buildModel, readWeights } from '$workers/model/build-model';
import { tf } from './tfjs';

/** The initial weights the app's model builder gives `spec` with `seed`: what an untrained spec exports. */
export async function seededWeights(spec: GraphSpec, seed: number): Promise<ModelWeights> {
  // Initialisers draw their numbers in JavaScript, so the plain cpu backend gives the same weights as any other.
  await tf.setBackend('cpu');
  const model = buildModel(tf, spec, seed);
  try {
    return await readWeights(model, spec);
  } finally {
    model.dispose();
  }
}
