import type * as tfType from '@tensorflow/tfjs';
import type { SampleSource } from '$workers/datasets/source';
import { inputFormat } from '$lib/spec/io';
import type { GraphSpec } from '$lib/spec/types';
import type { InspectRequest, Inspection } from '$lib/training/shared/inspection';
import { m } from '$lib/i18n/messages';
import { inspectModel } from './inspect-model';

export interface InspectedModel {
  model: tfType.LayersModel;
  spec: GraphSpec;
  /** The evaluated split a sample input is read from; absent for a model whose data is not here. */
  val?: SampleSource;
}

interface Input {
  image: Float32Array;
  pixels: Uint8Array;
  label?: number;
}

async function readInput(request: InspectRequest, val: SampleSource | undefined, size: number): Promise<Input> {
  const { input } = request;
  if (input.kind === 'pixels') {
    if (input.pixels.length !== size) throw new Error(m.insideBadPixels({ got: input.pixels.length, expected: size }));
    return { image: Float32Array.from(input.pixels, (v) => v / 255), pixels: input.pixels };
  }
  if (!val) throw new Error(m.evaluationNoData());
  const { position } = input;
  if (!Number.isInteger(position) || position < 0 || position >= val.count) throw new Error(m.evaluationBadPositions());
  // The model sees the stored values themselves; the page gets them as bytes to draw.
  const image = await val.read([position]);
  return { image, pixels: Uint8Array.from(image, (v) => Math.round(v * 255)), label: val.labels[position] };
}

/** One input through the trained model, as the "Inside the network" view shows it. */
export async function inspectTrained(tf: typeof tfType, { model, spec, val }: InspectedModel, request: InspectRequest): Promise<Inspection> {
  const format = inputFormat(spec)!;
  const { height, width, channels } = format;
  const { image, pixels, label } = await readInput(request, val, height * width * channels);
  const classCount = (model.outputs[0].shape.at(-1) ?? 0) as number;
  const { classIndex } = request;
  if (classIndex !== undefined && !(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < classCount)) throw new Error(m.insideBadClass({ index: classIndex, count: classCount }));
  const inspected = await inspectModel(tf, model, spec, image, classIndex);
  const classes = val ? [...val.classes] : Array.from({ length: classCount }, (_, c) => String(c));
  return { height, width, channels, pixels, classes, label, sampleCount: val?.count ?? 0, ...inspected };
}

/** The buffers an inspection can hand over to the page instead of copying. */
export function inspectionBuffers(result: Inspection): ArrayBuffer[] {
  const arrays = [result.pixels, result.probabilities, ...result.layers.flatMap((l) => [l.maps, l.min, l.max]), result.filters?.pixels, result.gradCam?.map];
  return [...new Set(arrays.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer))];
}
