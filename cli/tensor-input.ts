import { isFields } from '$lib/util/versioned';
import { decodePng, type RasterImage } from '$lib/datasets/shared/png';
import { channelsToRgba, rgbaToChannels } from '$lib/datasets/shared/fit-image';
import { CliError } from './errors';
import { readBytes, readJson } from './files';
import { text } from './text';

/** A dense float32 tensor as the command reads and prints it: `{"shape":[…],"data":[…]}`, row-major. */
export interface TensorJson {
  shape: number[];
  data: Float32Array;
}

/** A model input's dimensions as ONNX declares them: numbers, or names for free ones such as the batch. */
export type InputDims = readonly (number | string)[];

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Given dimensions must fill the model's rank, and match each dimension the model fixes. */
function checkFits(shape: readonly number[], dims: InputDims): void {
  if (shape.length !== dims.length || dims.some((d, i) => typeof d === 'number' && d !== shape[i])) throw new CliError(text.inputShapeMismatch(shape, dims));
}

/** x.json, fed to the model as it is. */
export async function readTensorJson(path: string, dims: InputDims): Promise<TensorJson> {
  const value = await readJson(path);
  if (!isFields(value) || !Array.isArray(value.shape) || !Array.isArray(value.data)) throw new CliError(text.inputNotTensorJson);
  const { shape, data } = value;
  if (!shape.every((d) => Number.isInteger(d) && (d as number) > 0) || !data.every((v) => typeof v === 'number')) throw new CliError(text.inputNotTensorJson);
  const dimsGiven = shape as number[];
  if (data.length !== size(dimsGiven)) throw new CliError(text.inputDataLength(data.length, dimsGiven, size(dimsGiven)));
  checkFits(dimsGiven, dims);
  return { shape: dimsGiven, data: Float32Array.from(data as number[]) };
}

/** The image's pixels in `channels` channels, converted grey ↔ colour the way the app's image import does. */
function inChannels(image: RasterImage, channels: 1 | 3): Uint8Array {
  return image.channels === channels ? image.pixels : rgbaToChannels(channelsToRgba(image.pixels, image.channels), channels);
}

/**
 * An image as one sample for a [batch, C, H, W] input: centre-cropped to the input's aspect ratio
 * (the app's default fit), each target pixel the mean of the source pixels it covers, scaled to
 * [0, 1] as the app's datasets are, channels first.
 */
export function imageToTensor(image: RasterImage, dims: InputDims): TensorJson {
  const [, c, h, w] = dims;
  if (dims.length !== 4 || (c !== 1 && c !== 3) || typeof h !== 'number' || typeof w !== 'number') throw new CliError(text.imageNeedsImageInput(dims));
  const scale = Math.min(image.width / w, image.height / h);
  const left = (image.width - w * scale) / 2;
  const top = (image.height - h * scale) / 2;
  const pixels = inChannels(image, c);
  const data = new Float32Array(c * h * w);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(top + y * scale);
    const y1 = Math.max(y0 + 1, Math.floor(top + (y + 1) * scale));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(left + x * scale);
      const x1 = Math.max(x0 + 1, Math.floor(left + (x + 1) * scale));
      for (let ch = 0; ch < c; ch++) {
        let sum = 0;
        for (let sy = y0; sy < y1; sy++) for (let sx = x0; sx < x1; sx++) sum += pixels[(sy * image.width + sx) * c + ch];
        data[(ch * h + y) * w + x] = sum / ((y1 - y0) * (x1 - x0)) / 255;
      }
    }
  }
  return { shape: [1, c, h, w], data };
}

/** A PNG file (8-bit grey or RGB, the subset the app's decoder reads) as one sample. */
export async function readImageTensor(path: string, dims: InputDims): Promise<TensorJson> {
  const decoded = decodePng(await readBytes(path));
  if (!decoded.ok) throw new CliError(text.badImage(path, decoded.errors.join(' ')));
  return imageToTensor(decoded.value, dims);
}
