/**
 * The arithmetic that turns an image of any size into a dataset sample: which part of the source
 * is drawn where on the target (for `drawImage`), and RGBA pixels to the dataset's channels.
 * Pure, so the file importer (worker) and the camera (page) store identical crops.
 */
import type { ImageFit } from './user-dataset';

export interface Size {
  width: number;
  height: number;
}

/** Arguments for `drawImage(source, sx, sy, sw, sh, dx, dy, dw, dh)`. */
export interface DrawRect {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  dx: number;
  dy: number;
  dw: number;
  dh: number;
}

/**
 * 'crop' scales the source to cover the target and cuts the overflow equally from both sides;
 * 'pad' scales it to fit inside and centres it, leaving the borders for the caller's background.
 */
export function fitRect(source: Size, target: Size, fit: ImageFit): DrawRect {
  const cover = fit === 'crop';
  const scale = (cover ? Math.max : Math.min)(target.width / source.width, target.height / source.height);
  if (cover) {
    const sw = target.width / scale;
    const sh = target.height / scale;
    return { sx: (source.width - sw) / 2, sy: (source.height - sh) / 2, sw, sh, dx: 0, dy: 0, dw: target.width, dh: target.height };
  }
  const dw = source.width * scale;
  const dh = source.height * scale;
  return { sx: 0, sy: 0, sw: source.width, sh: source.height, dx: (target.width - dw) / 2, dy: (target.height - dh) / 2, dw, dh };
}

/** ITU-R BT.601 luma, the weights most image tools use for "grayscale". */
const LUMA = [0.299, 0.587, 0.114] as const;

/** RGBA (as canvases give it) to 1 channel (luma) or 3 (RGB); alpha is dropped, so draw onto an opaque background first. */
export function rgbaToChannels(rgba: ArrayLike<number>, channels: 1 | 3): Uint8Array {
  const count = rgba.length / 4;
  const out = new Uint8Array(count * channels);
  for (let i = 0; i < count; i++) {
    const r = rgba[i * 4];
    const g = rgba[i * 4 + 1];
    const b = rgba[i * 4 + 2];
    if (channels === 1) out[i] = Math.round(LUMA[0] * r + LUMA[1] * g + LUMA[2] * b);
    else out.set([r, g, b], i * 3);
  }
  return out;
}

/** Samples as canvases want them (RGBA, opaque), for thumbnails and previews. */
export function channelsToRgba(pixels: Uint8Array, channels: 1 | 3): Uint8ClampedArray<ArrayBuffer> {
  const count = pixels.length / channels;
  const out = new Uint8ClampedArray(count * 4);
  for (let i = 0; i < count; i++) {
    const [r, g, b] = channels === 1 ? [pixels[i], pixels[i], pixels[i]] : [pixels[i * 3], pixels[i * 3 + 1], pixels[i * 3 + 2]];
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** The part of `source` that `fitRect` keeps, in percent of its size: where to outline the crop on a video (all of it when padding). */
export function keptArea(source: Size, target: Size, fit: ImageFit): { left: number; top: number; width: number; height: number } {
  const r = fitRect(source, target, fit);
  return { left: (100 * r.sx) / source.width, top: (100 * r.sy) / source.height, width: (100 * r.sw) / source.width, height: (100 * r.sh) / source.height };
}
