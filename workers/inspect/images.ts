import type { FeatureMaps, Filters } from '$lib/training/shared/inspection';

const toByte = (v: number, min: number, max: number): number => (max > min ? Math.round(((v - min) / (max - min)) * 255) : 0);

/**
 * A layer's output for one sample (height × width × channels, first `shown` channels kept in
 * `values` as height × width × shown) as one grey image per channel, each stretched over its
 * own range so a channel that barely varies still shows its pattern; a constant one is black.
 */
export function featureImages(id: string, kind: string, values: Float32Array, height: number, width: number, channels: number, shown: number): FeatureMaps {
  const cells = height * width;
  const maps = new Uint8Array(shown * cells);
  const min = new Float32Array(shown).fill(Infinity);
  const max = new Float32Array(shown).fill(-Infinity);
  for (let i = 0; i < cells; i++)
    for (let k = 0; k < shown; k++) {
      const v = values[i * shown + k];
      min[k] = Math.min(min[k], v);
      max[k] = Math.max(max[k], v);
    }
  for (let k = 0; k < shown; k++) for (let i = 0; i < cells; i++) maps[k * cells + i] = toByte(values[i * shown + k], min[k], max[k]);
  return { id, kind, height, width, channels, shown, maps, min, max };
}

/**
 * The first conv layer's kernels (size × size × inputs × count, tfjs's HWIO) as small images on
 * one scale for the whole layer, so their strengths compare: RGB when the layer reads an RGB
 * image, else grey (the mean over the input channels).
 */
export function filterImages(id: string, kernel: Float32Array, size: number, inputs: number, count: number, shown: number): Filters {
  const channels = inputs === 3 ? 3 : 1;
  const values = new Float32Array(shown * size * size * channels);
  for (let f = 0; f < shown; f++)
    for (let p = 0; p < size * size; p++)
      for (let c = 0; c < channels; c++) {
        let v = 0;
        if (channels === 3) v = kernel[(p * inputs + c) * count + f];
        else for (let i = 0; i < inputs; i++) v += kernel[(p * inputs + i) * count + f] / inputs;
        values[(f * size * size + p) * channels + c] = v;
      }
  const min = values.reduce((m, v) => Math.min(m, v), Infinity);
  const max = values.reduce((m, v) => Math.max(m, v), -Infinity);
  return { id, size, channels, count, shown, pixels: Uint8Array.from(values, (v) => toByte(v, min, max)), min, max };
}
