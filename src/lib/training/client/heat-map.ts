/** Grad-CAM's usual "jet" colours: blue (0) through cyan, yellow to red (1). */
export function jet(v: number): [number, number, number] {
  const channel = (centre: number) => Math.round(255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * v - centre))));
  return [channel(3), channel(2), channel(1)];
}

/** The input (RGBA) with a [0, 1] heat map of the same size laid over it at `opacity`. */
export function overlayHeat(rgba: Uint8ClampedArray, map: ArrayLike<number>, opacity = 0.5): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rgba.length);
  for (let i = 0; i < map.length; i++) {
    const colour = jet(map[i]);
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(rgba[i * 4 + c] * (1 - opacity) + colour[c] * opacity);
    out[i * 4 + 3] = 255;
  }
  return out;
}
