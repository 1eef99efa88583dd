/**
 * Draws a row of thumbnails into one canvas under the row's cells. One canvas per row rather than
 * per cell: Chromium gives each canvas a compositing layer of its own, and 150 of them cost ~10 ms
 * of compositor commit in every scrolled frame; one canvas for the whole window had to be redrawn
 * and uploaded whole at every row scrolled. A row is drawn once and kept while it is in view.
 */

export interface ThumbnailLayout {
  columns: number;
  rows: number;
  /** Cell size and the thumbnail's offset and size inside it, in CSS pixels. */
  cell: number;
  inset: number;
  thumb: number;
  /** Device pixels per CSS pixel, so the pixelated thumbnails stay crisp on high-density screens. */
  scale: number;
}

let scratch: OffscreenCanvas | undefined;

/** Redraws the canvas: `images[k]` is the thumbnail of its k-th cell, or undefined while it loads. Returns how many were drawn. */
export function drawThumbnails(canvas: HTMLCanvasElement, images: readonly (ImageData | undefined)[], layout: ThumbnailLayout): number {
  const { columns, rows, cell, inset, thumb, scale } = layout;
  const width = Math.round(columns * cell * scale);
  const height = Math.round(rows * cell * scale);
  // Setting a canvas's size clears it and reallocates its buffer: only when the size changes.
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return 0;
  context.clearRect(0, 0, width, height);
  context.imageSmoothingEnabled = false;
  let drawn = 0;
  images.forEach((image, k) => {
    if (!image) return;
    // ImageData cannot be scaled by putImageData: put it on a scratch canvas, then scale that.
    if (!scratch || scratch.width !== image.width || scratch.height !== image.height) scratch = new OffscreenCanvas(image.width, image.height);
    scratch.getContext('2d')?.putImageData(image, 0, 0);
    const x = ((k % columns) * cell + inset) * scale;
    const y = (Math.floor(k / columns) * cell + inset) * scale;
    context.drawImage(scratch, x, y, thumb * scale, thumb * scale);
    drawn++;
  });
  return drawn;
}
