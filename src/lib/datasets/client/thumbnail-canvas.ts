/**
 * Draws the thumbnails of the rendered rows into one canvas under the cells. One canvas for the
 * window rather than one per cell: Chromium gives each canvas a compositing layer of its own, and
 * 150 of them cost ~12 ms of compositor work in every scrolled frame (measured, headless Chromium).
 */

export interface SheetLayout {
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

/** Redraws the sheet: `images[k]` is the thumbnail of the window's k-th cell, or undefined while it loads. Returns how many were drawn. */
export function drawSheet(canvas: HTMLCanvasElement, images: readonly (ImageData | undefined)[], layout: SheetLayout): number {
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
