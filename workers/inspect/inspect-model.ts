import type * as tfType from '@tensorflow/tfjs';
import { topologicalOrder, sinkIds } from '$lib/spec/graph';
import { endsInSoftmax } from '$lib/spec/io';
import type { GraphSpec, LayerKind, LayerNode } from '$lib/spec/types';
import { gradCamMap } from '$lib/training/shared/grad-cam';
import { m } from '$lib/i18n/messages';
import { MAX_FILTERS, MAX_MAPS, type FeatureMaps, type Filters, type GradCam } from '$lib/training/shared/inspection';
import { featureImages, filterImages } from './images';
import { classScores, runGraph } from './run-graph';
import { CONV_KINDS, gradCamLayer } from './grad-cam-layer';

type Tensor = tfType.Tensor;

/** Layers whose image output the view shows. */
const SHOWN_KINDS: ReadonlySet<LayerKind> = new Set([...CONV_KINDS, 'MaxPool2D', 'AvgPool2D', 'BatchNormalization', 'Activation']);

export interface ModelInspection {
  probabilities: Float32Array;
  predicted: number;
  layers: FeatureMaps[];
  filters?: Filters;
  gradCam?: GradCam;
}

function ordered(spec: GraphSpec): LayerNode[] {
  const topo = topologicalOrder(spec);
  if (!topo.ok) throw new Error(`Graph has a cycle through: ${topo.cycle.join(', ')}`);
  return topo.order;
}

async function download(tensor: Tensor): Promise<Float32Array> {
  return (await tensor.data()) as Float32Array;
}

const argMax = (values: Float32Array): number => values.reduce((best, v, i) => (v > values[best] ? i : best), 0);

/** The first conv layer's kernels as images; its kernel tensor is the layer's own variable, so it is read, not disposed. */
async function firstFilters(model: tfType.LayersModel, node: LayerNode): Promise<Filters> {
  const [kernel] = model.getLayer(node.id).getWeights();
  const [size, , inputs, perInput] = kernel.shape;
  // A depthwise kernel (size × size × inputs × multiplier) holds one single-channel filter per output channel.
  const depthwise = node.kind !== 'Conv2D';
  const count = depthwise ? inputs * perInput : perInput;
  return filterImages(node.id, await download(kernel), size, depthwise ? 1 : inputs, count, Math.min(count, MAX_FILTERS));
}

/**
 * Passes one image (height × width × channels in [0, 1]) through the trained model: the class
 * probabilities, every shown layer's feature maps (the first MAX_MAPS channels), the first conv
 * layer's filters and the Grad-CAM map of the last conv block (./grad-cam-layer.ts) for
 * `classIndex` (default: the predicted class). Leaves no tensor behind.
 */
export async function inspectModel(tf: typeof tfType, model: tfType.LayersModel, spec: GraphSpec, image: Float32Array, classIndex?: number): Promise<ModelInspection> {
  const order = ordered(spec);
  const inputNode = order[0];
  if (inputNode.kind !== 'Input') throw new Error(m.noInputLayer());
  const { height, width, channels } = inputNode.params;
  const [outputId] = sinkIds(spec);
  // Only outputs that are still images (a per-sample vector has no map to draw).
  const isImage = (id: string) => model.getLayer(id).outputShape.length === 4;
  const shown = order.filter((n) => SHOWN_KINDS.has(n.kind) && isImage(n.id));
  const firstConv = order.find((n) => CONV_KINDS.has(n.kind));
  const target = gradCamLayer(order, spec, isImage);

  const x = tf.tensor4d(image, [1, height, width, channels]);
  const held: Tensor[] = [x];
  try {
    const forward = tf.tidy(() => {
      const values = runGraph(model, spec, x);
      const output = values.get(outputId)!;
      const probabilities = endsInSoftmax(spec) ? output : tf.softmax(output);
      const maps = shown.map((n) => {
        const t = values.get(n.id)!;
        return t.slice([0, 0, 0, 0], [1, -1, -1, Math.min(t.shape[3]!, MAX_MAPS)]);
      });
      return { probabilities, maps, target: target ? values.get(target.id)! : undefined };
    });
    held.push(forward.probabilities, ...forward.maps, ...(forward.target ? [forward.target] : []));
    const probabilities = await download(forward.probabilities);
    const predicted = argMax(probabilities);
    const layers = await Promise.all(
      forward.maps.map(async (t, k) => {
        const [, h, w, c] = model.getLayer(shown[k].id).outputShape as number[];
        return featureImages(shown[k].id, shown[k].kind, await download(t), h, w, c, t.shape[3]!);
      }),
    );
    const filters = firstConv ? await firstFilters(model, firstConv) : undefined;
    const chosen = classIndex ?? predicted;
    let gradCam: GradCam | undefined;
    if (target && forward.target) {
      const activation = forward.target;
      const gradients = tf.tidy(() =>
        tf.grad((a: Tensor) => {
          const values = runGraph(model, spec, x, { id: target.id, value: a });
          const scores = classScores(tf, model, spec, values, outputId);
          return scores.slice([0, chosen], [1, 1]).reshape([]);
        })(activation),
      );
      held.push(gradients);
      const [, h, w, c] = activation.shape as number[];
      const map = gradCamMap(await download(activation), await download(gradients), { height: h, width: w, channels: c }, { height, width });
      gradCam = { layer: target.id, classIndex: chosen, map };
    }
    return { probabilities, predicted, layers, filters, gradCam };
  } finally {
    for (const t of held) t.dispose();
  }
}
