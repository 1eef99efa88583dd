import type * as tfType from '@tensorflow/tfjs';
import type { GraphSpec, ModelWeights, NamedWeight } from '$lib/spec/types';

type Tf = typeof tfType;

/** Keras weight name without the layer scope: 'conv1/kernel' → 'kernel'. */
function shortName(variable: tfType.LayerVariable): string {
  // originalName, unlike name, never carries the '_1' suffix tfjs adds when names repeat across models.
  return variable.originalName.slice(variable.originalName.lastIndexOf('/') + 1);
}

/**
 * Copies every node's weights out of the model. Reads asynchronously: on a GPU backend a
 * synchronous read would stall the worker until the GPU drains.
 */
export async function readWeights(model: tfType.LayersModel, spec: GraphSpec): Promise<ModelWeights> {
  const entries = await Promise.all(
    spec.nodes.map(async (node): Promise<[string, NamedWeight[]]> => {
      const variables = model.getLayer(node.id).weights;
      const named = await Promise.all(
        variables.map(async (v) => {
          const value = v.read();
          // Copied: the cpu backend returns its own storage, and callers transfer these buffers away.
          return { name: shortName(v), shape: [...value.shape], data: new Float32Array(await value.data()) };
        }),
      );
      return [node.id, named];
    }),
  );
  return Object.fromEntries(entries.filter(([, named]) => named.length > 0));
}

/**
 * Loads weights (as produced by readWeights) into a model built from the same spec. Every weight
 * given must match a variable by name and shape; variables not mentioned keep their values.
 */
export function writeWeights(tf: Tf, model: tfType.LayersModel, weights: ModelWeights): void {
  for (const [id, named] of Object.entries(weights)) {
    const variables = model.getLayer(id).weights;
    for (const w of named) {
      const variable = variables.find((v) => shortName(v) === w.name);
      if (!variable) throw new Error(`Layer "${id}" has no weight "${w.name}"`);
      if (variable.shape.join() !== w.shape.join()) {
        throw new Error(`Weight ${id}/${w.name}: shape [${w.shape}] given, model has [${variable.shape}]`);
      }
      // Copied because the cpu backend would otherwise alias the caller's array. write() makes the
      // variable share the tensor's data, so disposing the tensor afterwards is safe.
      const value = tf.tensor(w.data.slice(), w.shape, 'float32');
      variable.write(value);
      value.dispose();
    }
  }
}
