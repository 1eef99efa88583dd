/** What the image decoder worker offers the page (through comlink). */
import type { SampleFormat } from './user-dataset';

/** One file's result: the sample's pixels (height × width × channels), or the file could not be decoded. */
export type DecodeOutcome = { pixels: Uint8Array } | { undecodable: true };

export interface ImageDecoderApi {
  /** Decodes each file and fits it to `format`; the pixel buffers are transferred, not copied. */
  decode(files: Blob[], format: SampleFormat): Promise<DecodeOutcome[]>;
}
