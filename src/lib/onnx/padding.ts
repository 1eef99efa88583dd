import type { Padding } from '$lib/spec/types';

export interface SpatialPadding {
  /** ONNX `pads` for the two spatial axes: [top, left, bottom, right]. */
  pads: [number, number, number, number];
  outHeight: number;
  outWidth: number;
}

function axis(padding: Padding, size: number, kernel: number, stride: number, dilation: number) {
  const span = (kernel - 1) * dilation + 1;
  if (padding === 'valid') return { begin: 0, end: 0, out: Math.floor((size - span) / stride) + 1 };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + span - size, 0);
  // TF puts the odd pixel at the end; ONNX's SAME_UPPER would too, but auto_pad is avoided
  // because onnxruntime-web's WebGPU provider mishandles it.
  const begin = Math.floor(total / 2);
  return { begin, end: total - begin, out };
}

/** Explicit padding and output size of a square-kernel conv or pool, computed the way TF does. */
export function spatialPadding(
  padding: Padding,
  [height, width]: readonly number[],
  kernel: number,
  stride: number,
  dilation = 1,
): SpatialPadding {
  const y = axis(padding, height, kernel, stride, dilation);
  const x = axis(padding, width, kernel, stride, dilation);
  return { pads: [y.begin, x.begin, y.end, x.end], outHeight: y.out, outWidth: x.out };
}
