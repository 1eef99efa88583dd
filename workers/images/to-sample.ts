/**
 * One image file to one dataset sample, off the page's thread: the browser decodes it, a canvas
 * scales it to the dataset's size with the same arithmetic the camera uses (`fitRect`), and the
 * pixels are reduced to the dataset's channels.
 */
import { fitRect, rgbaToChannels } from '$lib/datasets/shared/fit-image';
import type { DecodeOutcome } from '$lib/datasets/shared/decoder-protocol';
import type { SampleFormat } from '$lib/datasets/shared/user-dataset';

export async function toSample(file: Blob, format: SampleFormat, canvas: OffscreenCanvas): Promise<DecodeOutcome> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { undecodable: true };
  }
  try {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('OffscreenCanvas 2d context unavailable');
    // Opaque black first: pad borders and transparent pixels show it, since rgbaToChannels drops alpha.
    context.fillStyle = '#000';
    context.fillRect(0, 0, format.width, format.height);
    context.imageSmoothingQuality = 'high';
    const r = fitRect({ width: bitmap.width, height: bitmap.height }, format, format.fit);
    context.drawImage(bitmap, r.sx, r.sy, r.sw, r.sh, r.dx, r.dy, r.dw, r.dh);
    return { pixels: rgbaToChannels(context.getImageData(0, 0, format.width, format.height).data, format.channels) };
  } finally {
    bitmap.close();
  }
}
