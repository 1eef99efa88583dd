/**
 * Thumbnails of a stored dataset's samples for the browser view: pixels are read from IndexedDB
 * for the visible window only (one transaction per window), turned into images once and kept in
 * a bounded cache. While a read runs, only the latest window asked for is remembered, so fast
 * scrolling skips the windows it passed instead of queueing a read for each.
 */
import { readPixels } from '$lib/storage/database';
import { channelsToRgba } from '$lib/datasets/shared/fit-image';
import type { SampleFormat } from '$lib/datasets/shared/user-dataset';
import { Lru } from '$lib/util/lru';

export type PixelReader = (datasetId: string, ids: ArrayLike<number>) => Promise<Uint8Array[]>;
export type ImageMaker<I> = (rgba: Uint8ClampedArray<ArrayBuffer>, width: number, height: number) => I;

/** The most thumbnails kept, and the memory they may take (RGBA), whichever is smaller. */
export const THUMBNAIL_LIMIT = 2000;
export const THUMBNAIL_BYTES = 48 * 1024 * 1024;

export function thumbnailCapacity({ height, width }: Pick<SampleFormat, 'height' | 'width'>): number {
  return Math.max(1, Math.min(THUMBNAIL_LIMIT, Math.floor(THUMBNAIL_BYTES / (height * width * 4))));
}

export interface ThumbnailOptions<I> {
  /** Called after each read, so the view draws what arrived. */
  onload: () => void;
  /** Called when storage refuses a read; the window is asked for again on the next scroll. */
  onerror: (error: unknown) => void;
  read?: PixelReader;
  makeImage?: ImageMaker<I>;
  capacity?: number;
}

export class Thumbnails<I = ImageData> {
  private readonly cache: Lru<number, I>;
  private readonly read: PixelReader;
  private readonly makeImage: ImageMaker<I>;
  private wanted: readonly number[] | null = null;
  private reading = false;

  constructor(
    private readonly dataset: Pick<SampleFormat, 'height' | 'width' | 'channels'> & { id: string },
    private readonly options: ThumbnailOptions<I>,
  ) {
    this.cache = new Lru(options.capacity ?? thumbnailCapacity(dataset));
    this.read = options.read ?? readPixels;
    this.makeImage = options.makeImage ?? ((rgba, w, h) => new ImageData(rgba, w, h) as I);
  }

  get(id: number): I | undefined {
    return this.cache.get(id);
  }

  /** Asks for the thumbnails of `ids` (the visible window); those not cached are read in one transaction. */
  show(ids: readonly number[]): void {
    this.wanted = ids;
    if (!this.reading) void this.pump();
  }

  /** Drops samples about to be deleted, so no later read asks storage for them. */
  forget(ids: Iterable<number>): void {
    const gone = new Set(ids);
    for (const id of gone) this.cache.delete(id);
    if (this.wanted) this.wanted = this.wanted.filter((id) => !gone.has(id));
  }

  private async pump(): Promise<void> {
    this.reading = true;
    while (this.wanted) {
      // The window is at most a few hundred cells; never read more than the cache can keep.
      const missing = this.wanted.filter((id) => !this.cache.has(id)).slice(0, this.cache.capacity);
      this.wanted = null;
      if (missing.length === 0) continue;
      try {
        const pixels = await this.read(this.dataset.id, missing);
        const { width, height, channels } = this.dataset;
        missing.forEach((id, k) => this.cache.set(id, this.makeImage(channelsToRgba(pixels[k], channels) as Uint8ClampedArray<ArrayBuffer>, width, height)));
        this.options.onload();
      } catch (error) {
        this.options.onerror(error);
      }
    }
    this.reading = false;
  }
}
