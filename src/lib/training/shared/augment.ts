/**
 * Per-batch data augmentation settings and the random draws for one batch. The draws are made
 * here, on the CPU from the run's seeded RNG (a few numbers per sample), so augmentation is
 * reproducible; the worker applies them to the pixels on the GPU.
 */
import type { Rng } from '$lib/util/random';
import type { NumberField } from './config';

export interface AugmentConfig {
  enabled: boolean;
  flip: boolean;
  /** Smallest crop side as a fraction of the image (1 = no zoom). */
  minCropScale: number;
  /** Largest shift of the crop centre, as a fraction of the image side. */
  translate: number;
  /** Largest brightness offset, added to [0, 1] pixels. */
  brightness: number;
  /** Largest relative contrast change: factor drawn from [1 − c, 1 + c]. */
  contrast: number;
}

/** Controls for the numeric augmentation settings (labels in the `trainingFields_` messages). */
export const AUGMENT_FIELDS = {
  minCropScale: { label: 'minCropScale', min: 0.3, max: 1, step: 0.05 },
  translate: { label: 'translate', min: 0, max: 0.5, step: 0.05 },
  brightness: { label: 'brightness', min: 0, max: 0.5, step: 0.05 },
  contrast: { label: 'contrast', min: 0, max: 0.9, step: 0.05 },
} as const satisfies Record<string, NumberField>;

export const DEFAULT_AUGMENT: AugmentConfig = {
  enabled: false,
  flip: true,
  minCropScale: 0.8,
  translate: 0.1,
  brightness: 0.1,
  contrast: 0.2,
};

/** One sample's draw: a crop box in normalised [y1, x1, y2, x2] (x1 > x2 flips) and pixel jitter. */
export interface AugmentDraw {
  boxes: Float32Array;
  brightness: Float32Array;
  contrast: Float32Array;
}

export function drawAugmentation(cfg: AugmentConfig, count: number, rng: Rng): AugmentDraw {
  const boxes = new Float32Array(count * 4);
  const brightness = new Float32Array(count);
  const contrast = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const scale = rng.range(cfg.minCropScale, 1);
    const slack = (1 - scale) / 2;
    const cy = 0.5 + rng.range(-1, 1) * (slack + cfg.translate);
    const cx = 0.5 + rng.range(-1, 1) * (slack + cfg.translate);
    const flip = cfg.flip && rng.next() < 0.5;
    const [x1, x2] = [cx - scale / 2, cx + scale / 2];
    boxes.set([cy - scale / 2, flip ? x2 : x1, cy + scale / 2, flip ? x1 : x2], i * 4);
    brightness[i] = rng.range(-cfg.brightness, cfg.brightness);
    contrast[i] = 1 + rng.range(-cfg.contrast, cfg.contrast);
  }
  return { boxes, brightness, contrast };
}
