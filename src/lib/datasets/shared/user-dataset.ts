/**
 * A dataset a person made: images they imported or captured, stored in the browser as uint8 at
 * one fixed size. Pure types and edits of the dataset's description; the pixels live in
 * IndexedDB (storage/database.ts) and reach the training worker in shards.
 */

/** How an image of another aspect ratio becomes the dataset's size: cut to fill, or shrunk whole with borders. */
export type ImageFit = 'crop' | 'pad';

/** The size every sample of a dataset is stored at. */
export interface SampleFormat {
  height: number;
  width: number;
  channels: 1 | 3;
  fit: ImageFit;
}

/** A class keeps its id through renames and merges; its index in `classes` is the label the model learns. */
export interface UserClass {
  id: number;
  name: string;
}

export interface UserDataset extends SampleFormat {
  id: string;
  name: string;
  classes: UserClass[];
  nextClassId: number;
  nextSampleId: number;
  createdAt: number;
}

/** Where a sample came from, shown when browsing. */
export type SampleOrigin = 'file' | 'camera' | 'zip';

/** A stored sample without its pixels: listing 10,000 of these costs little. */
export interface SampleInfo {
  id: number;
  classId: number;
  origin: SampleOrigin;
  /** The file name it was imported from, or '' for captures. User text: shown as text only. */
  name: string;
}

/** A sample about to be stored; its id is given by the store. */
export interface NewSample {
  classId: number;
  origin: SampleOrigin;
  name: string;
  /** height × width × channels, row-major, channels last. */
  pixels: Uint8Array;
}

/** Sizes a new dataset can have: square, small enough to train in a browser. */
export const USER_SIZES = [28, 32, 48, 64, 96] as const;

export const USER_DATASET_PREFIX = 'user:';

export function sampleBytes(f: Pick<SampleFormat, 'height' | 'width' | 'channels'>): number {
  return f.height * f.width * f.channels;
}

export function classIndex(d: Pick<UserDataset, 'classes'>, classId: number): number {
  return d.classes.findIndex((c) => c.id === classId);
}

/** Per-class sample counts in the order of `d.classes`. */
export function countByClass(d: Pick<UserDataset, 'classes'>, samples: readonly Pick<SampleInfo, 'classId'>[]): number[] {
  const counts = d.classes.map(() => 0);
  for (const s of samples) {
    const i = classIndex(d, s.classId);
    if (i >= 0) counts[i]++;
  }
  return counts;
}
