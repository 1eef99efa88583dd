import * as Comlink from 'comlink';
import type { DecodeOutcome, ImageDecoderApi } from '$lib/datasets/shared/decoder-protocol';
import type { SampleFormat } from '$lib/datasets/shared/user-dataset';
import { toSample } from './images/to-sample';

const api: ImageDecoderApi = {
  async decode(files: Blob[], format: SampleFormat): Promise<DecodeOutcome[]> {
    const canvas = new OffscreenCanvas(format.width, format.height);
    // One file at a time: a batch of large photos decoded at once would hold gigabytes of bitmaps.
    const outcomes: DecodeOutcome[] = [];
    for (const file of files) outcomes.push(await toSample(file, format, canvas));
    return Comlink.transfer(
      outcomes,
      outcomes.flatMap((o) => ('pixels' in o ? [o.pixels.buffer] : [])),
    );
  },
};

Comlink.expose(api);
