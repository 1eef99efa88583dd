/**
 * Grad-CAM's arithmetic (Selvaraju et al., 2017) on plain arrays: the worker computes a conv
 * layer's activations A and the gradients of a class score with respect to them, and this turns
 * them into the heat map over the input. Pure, so a Node test can check it against a hand-computed map.
 * Arrays are one sample, height × width × channels (tfjs's layout).
 */

export interface FeatureSize {
  height: number;
  width: number;
  channels: number;
}

/** Each channel's weight α_k: the spatial mean of the score's gradient over that channel. */
export function channelWeights(gradients: ArrayLike<number>, { height, width, channels }: FeatureSize): Float32Array {
  const weights = new Float32Array(channels);
  const cells = height * width;
  for (let i = 0; i < cells; i++) for (let k = 0; k < channels; k++) weights[k] += gradients[i * channels + k];
  return weights.map((w) => w / cells);
}

/** ReLU(Σ_k α_k A_k): where the activations push the class score up; height × width. */
export function weightedActivations(activations: ArrayLike<number>, weights: ArrayLike<number>, { height, width, channels }: FeatureSize): Float32Array {
  const map = new Float32Array(height * width);
  for (let i = 0; i < map.length; i++) {
    let sum = 0;
    for (let k = 0; k < channels; k++) sum += weights[k] * activations[i * channels + k];
    map[i] = Math.max(0, sum);
  }
  return map;
}

/**
 * Bilinear resize of a one-channel map with half-pixel centres (as tf.image.resizeBilinear with
 * halfPixelCenters): output pixel centres are mapped onto the input grid and clamped at its edges.
 */
export function resizeBilinear(map: ArrayLike<number>, height: number, width: number, toHeight: number, toWidth: number): Float32Array {
  const out = new Float32Array(toHeight * toWidth);
  const source = (to: number, scale: number, size: number): [number, number, number] => {
    const s = Math.min(Math.max((to + 0.5) * scale - 0.5, 0), size - 1);
    const low = Math.floor(s);
    return [low, Math.min(low + 1, size - 1), s - low];
  };
  for (let y = 0; y < toHeight; y++) {
    const [y0, y1, fy] = source(y, height / toHeight, height);
    for (let x = 0; x < toWidth; x++) {
      const [x0, x1, fx] = source(x, width / toWidth, width);
      const top = map[y0 * width + x0] * (1 - fx) + map[y0 * width + x1] * fx;
      const bottom = map[y1 * width + x0] * (1 - fx) + map[y1 * width + x1] * fx;
      out[y * toWidth + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** Scales a non-negative map so its largest value is 1; an all-zero map (no evidence anywhere) stays zero. */
export function normaliseMap(map: Float32Array): Float32Array {
  const max = map.reduce((m, v) => Math.max(m, v), 0);
  return max > 0 ? map.map((v) => v / max) : map.slice();
}

/** The Grad-CAM heat map at the input's size, in [0, 1]. */
export function gradCamMap(activations: ArrayLike<number>, gradients: ArrayLike<number>, size: FeatureSize, input: { height: number; width: number }): Float32Array {
  const map = weightedActivations(activations, channelWeights(gradients, size), size);
  return normaliseMap(resizeBilinear(map, size.height, size.width, input.height, input.width));
}
