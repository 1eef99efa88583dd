/**
 * Strokes drawn on the pad, as point lists in pad units (PAD_SIZE square), and how they are
 * painted: the visible pad and the copy the model reads are painted by this same code.
 */
import type { GrayImage } from '$lib/live/shared/mnist-preprocess';
import { rgbaToChannels } from '$lib/datasets/shared/fit-image';

export interface Point {
  x: number;
  y: number;
}

export type Stroke = readonly Point[];

/** The pad's side in its own units, whatever size it is shown at. */
export const PAD_SIZE = 280;

/**
 * About 1/12 of the pad: a digit drawn across most of the pad's height then has strokes ~2.5 px
 * wide in its 20×20 box, like MNIST's pen. Thinner lines came out faint and were misread.
 */
export const STROKE_WIDTH = 24;

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Paints white strokes on black, `scale` device pixels per pad unit. */
export function paintStrokes(context: Context2D, strokes: readonly Stroke[], scale = 1): void {
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.fillStyle = '#000';
  context.fillRect(0, 0, PAD_SIZE, PAD_SIZE);
  context.strokeStyle = '#fff';
  context.fillStyle = '#fff';
  context.lineWidth = STROKE_WIDTH;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    context.beginPath();
    if (rest.length === 0) {
      // A tap leaves a dot: a path of one point draws nothing.
      context.arc(first.x, first.y, STROKE_WIDTH / 2, 0, 2 * Math.PI);
      context.fill();
      continue;
    }
    context.moveTo(first.x, first.y);
    for (const p of rest) context.lineTo(p.x, p.y);
    context.stroke();
  }
}

let raster: OffscreenCanvas | undefined;

/** The strokes as the gray image the preprocessing reads, at pad resolution. */
export function rasterize(strokes: readonly Stroke[]): GrayImage {
  raster ??= new OffscreenCanvas(PAD_SIZE, PAD_SIZE);
  const context = raster.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('OffscreenCanvas 2d context unavailable');
  paintStrokes(context, strokes);
  return { width: PAD_SIZE, height: PAD_SIZE, pixels: rgbaToChannels(context.getImageData(0, 0, PAD_SIZE, PAD_SIZE).data, 1) };
}
