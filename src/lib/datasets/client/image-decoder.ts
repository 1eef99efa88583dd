/**
 * Starts the image decoder worker for one import and stops it after: closing it mid-batch is how
 * an import is cancelled at once, and it frees the worker's memory between imports.
 */
import * as Comlink from 'comlink';
import type { DecodeOutcome, ImageDecoderApi } from '$lib/datasets/shared/decoder-protocol';
import type { SampleFormat } from '$lib/datasets/shared/user-dataset';
import { m } from '$lib/i18n/messages';

/** The worker failed to load or crashed: nothing to do with storage. */
export class DecoderError extends Error {}

export interface ImageDecoder {
  decode(files: Blob[], format: SampleFormat): Promise<DecodeOutcome[]>;
  close(): void;
}

export function startImageDecoder(): ImageDecoder {
  const worker = new Worker(new URL('../../../../workers/image-decoder.worker.ts', import.meta.url), { type: 'module', name: 'netloom-image-decoder' });
  const remote = Comlink.wrap<ImageDecoderApi>(worker);
  // A worker that fails to load or crashes answers nothing: every call also races its error event.
  const lost = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (event) => reject(new DecoderError(((event.message || '') ? m.decoderCrashed({ detail: event.message || '' }) : m.decoderCrashedPlain()))), { once: true }),
  );
  lost.catch(() => {});
  return {
    decode: (files, format) => Promise.race([remote.decode(files, format), lost]),
    close: () => worker.terminate(),
  };
}
