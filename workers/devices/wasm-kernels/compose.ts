import * as tf from '@tensorflow/tfjs';

/**
 * Runs a kernel written with tfjs ops on the kernel's own backend and hands its result back as a
 * kernel output. Inputs come in as TensorInfos: each gets a tensor view holding its own reference, so
 * disposing the views (tidy) leaves the caller's tensors alone; the result's reference passes to the
 * engine, which wraps it in the output tensor. Ops inside a kernel are not recorded on the gradient tape.
 */
export function composeKernel(backend: tf.KernelBackend, inputs: tf.TensorInfo[], body: (...views: tf.Tensor[]) => tf.Tensor): tf.TensorInfo {
  const result = tf.tidy(() => {
    const views = inputs.map((info) => {
      backend.incRef(info.dataId);
      return tf.engine().makeTensorFromTensorInfo(info, backend);
    });
    return body(...views);
  });
  backend.incRef(result.dataId);
  const info = { dataId: result.dataId, shape: result.shape, dtype: result.dtype };
  result.dispose();
  return info;
}

/** What tfjs hands a kernel function. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: tf.NamedAttrMap;
}

export function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const info = inputs[name];
  if (!info) throw new Error(`kernel input ${name} is missing`);
  return info;
}

/** Rows or columns to add before and after one spatial axis; a negative count removes that many. */
export interface Margin {
  before: number;
  after: number;
}

/** Pads (positive margins) or crops (negative margins) the height and width of an NHWC tensor. */
export function padOrCrop(x: tf.Tensor4D, rows: Margin, cols: Margin): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const cropTop = Math.max(0, -rows.before);
  const cropLeft = Math.max(0, -cols.before);
  const keptH = h - cropTop - Math.max(0, -rows.after);
  const keptW = w - cropLeft - Math.max(0, -cols.after);
  const cropped = keptH === h && keptW === w ? x : tf.slice(x, [0, cropTop, cropLeft, 0], [n, keptH, keptW, c]);
  const pads: [number, number][] = [[0, 0], [Math.max(0, rows.before), Math.max(0, rows.after)], [Math.max(0, cols.before), Math.max(0, cols.after)], [0, 0]];
  return pads.every(([a, b]) => a === 0 && b === 0) ? cropped : tf.pad(cropped, pads);
}

/** What a backprop kernel needs to know about the forward convolution, in NHWC. */
export interface ConvGeometry {
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  outHeight: number;
  outWidth: number;
  padTop: number;
  padLeft: number;
}

export function geometry(info: tf.backend_util.Conv2DInfo): ConvGeometry {
  if (info.dataFormat !== 'channelsLast') throw new Error(`wasm training kernels support channelsLast only, not ${info.dataFormat}`);
  return {
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/**
 * The input as every filter tap (ky, kx) sees it: x zero-padded like the forward pass, then sampled
 * at (i·stride + k·dilation) for each output position, giving one [batch, outH, outW, channels]
 * tensor per tap in row-major tap order. This is im2col split by tap, without the concatenation.
 */
export function tapViews(x: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D[] {
  const [n, h, w, c] = x.shape;
  const spanH = (g.outHeight - 1) * g.strideHeight + (g.filterHeight - 1) * g.dilationHeight + 1;
  const spanW = (g.outWidth - 1) * g.strideWidth + (g.filterWidth - 1) * g.dilationWidth + 1;
  const padded = padOrCrop(x, { before: g.padTop, after: spanH - h - g.padTop }, { before: g.padLeft, after: spanW - w - g.padLeft });
  const taps: tf.Tensor4D[] = [];
  for (let ky = 0; ky < g.filterHeight; ky++) {
    for (let kx = 0; kx < g.filterWidth; kx++) {
      const top = ky * g.dilationHeight;
      const left = kx * g.dilationWidth;
      const strided = g.strideHeight > 1 || g.strideWidth > 1;
      taps.push(
        strided
          ? (tf.stridedSlice(padded, [0, top, left, 0], [n, top + (g.outHeight - 1) * g.strideHeight + 1, left + (g.outWidth - 1) * g.strideWidth + 1, c], [1, g.strideHeight, g.strideWidth, 1]) as tf.Tensor4D)
          : tf.slice(padded, [0, top, left, 0], [n, g.outHeight, g.outWidth, c]),
      );
    }
  }
  return taps;
}
