import { fitRect, rgbaToChannels } from '$lib/datasets/shared/fit-image';
import type { FrameOptions, LiveImage } from '$lib/live/shared/protocol';

/**
 * An image of any size as the model's input: fitted (crop or pad, on black, as datasets store
 * their samples), mirrored if asked, and converted to the model's channels.
 */
export function imageToPixels(image: LiveImage, size: { height: number; width: number; channels: 1 | 3 }, options: FrameOptions): Uint8Array {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('OffscreenCanvas 2d context unavailable');
  context.fillStyle = '#000';
  context.fillRect(0, 0, size.width, size.height);
  if (options.mirror) {
    context.translate(size.width, 0);
    context.scale(-1, 1);
  }
  const source = 'displayWidth' in image ? { width: image.displayWidth, height: image.displayHeight } : image;
  const r = fitRect(source, size, options.fit);
  context.drawImage(image, r.sx, r.sy, r.sw, r.sh, r.dx, r.dy, r.dw, r.dh);
  return rgbaToChannels(context.getImageData(0, 0, size.width, size.height).data, size.channels);
}
