/** Transpose perms between ONNX's NCHW and Keras's NHWC image layouts. */
export const TO_NHWC = [0, 2, 3, 1];
export const TO_NCHW = [0, 3, 1, 2];

/** Row-major strides of a shape. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let a = shape.length - 1; a >= 0; a--) {
    strides[a] = s;
    s *= shape[a];
  }
  return strides;
}

/** Permutes the axes of a dense row-major array: output axis a is input axis perm[a]. */
export function transpose(data: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  const srcStrides = perm.map((p) => inStrides[p]);
  const index = new Array<number>(perm.length).fill(0);
  const out = new Float32Array(data.length);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let a = 0; a < index.length; a++) src += index[a] * srcStrides[a];
    out[o] = data[src];
    for (let a = index.length - 1; a >= 0 && ++index[a] === outShape[a]; a--) index[a] = 0;
  }
  return out;
}

/** A batch of images from tfjs layout (NHWC) to ONNX layout (NCHW). */
export function nhwcToNchw(data: Float32Array, n: number, h: number, w: number, c: number): Float32Array {
  return transpose(data, [n, h, w, c], TO_NCHW);
}

/** Keras conv kernel [kh, kw, in, out] to ONNX Conv weight [out, in, kh, kw]. */
export function hwioToOihw(kernel: Float32Array, shape: readonly number[]): Float32Array {
  return transpose(kernel, shape, [3, 2, 0, 1]);
}

/**
 * Keras depthwise kernel [kh, kw, in, mult] to the weight of a grouped ONNX Conv (group = in),
 * [in * mult, 1, kh, kw]: tfjs puts output channel c * mult + m after input channel c, which is
 * exactly the [in, mult] order this transpose produces.
 */
export function depthwiseToOihw(kernel: Float32Array, shape: readonly number[]): Float32Array {
  return transpose(kernel, shape, [2, 3, 0, 1]);
}

/** ONNX dims of a per-sample Keras shape, batch excluded: [H, W, C] → [C, H, W]; vectors unchanged. */
export function onnxDims(kerasShape: readonly number[]): number[] {
  if (kerasShape.length !== 3) return [...kerasShape];
  const [h, w, c] = kerasShape;
  return [c, h, w];
}
