/**
 * A user dataset as one zip file, to hand a class set from one browser to another: a versioned
 * `manifest.json` (name, size, classes in order, each file's class) and one folder of PNGs per
 * class. Folder names are made safe for any file system; the manifest keeps the real names.
 * Reading checks everything (manifest, every listed file, every image's size) and hands back
 * either the whole dataset or the reasons it was refused, so an import never stores half a file.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { m } from '$lib/i18n/messages';
import { accept, isFields, readVersioned, refuse, stamp, type Fields, type Parsed, type VersionedFormat } from '$lib/util/versioned';
import { sampleBytes, type SampleFormat } from './user-dataset';
import { decodePng, encodePng } from './png';

export const MANIFEST = 'manifest.json';

export interface ZipClass {
  name: string;
  /** The folder its PNGs are in: the name made safe for file systems. */
  folder: string;
}

export interface ZipSampleEntry {
  /** Path of the PNG inside the zip. */
  file: string;
  /** Index into the manifest's classes. */
  class: number;
  /** The name the sample had (the file it was first imported from); user text. */
  name: string;
}

export interface DatasetManifest extends SampleFormat {
  name: string;
  classes: ZipClass[];
  samples: ZipSampleEntry[];
}

/** One sample as it goes into a zip and comes out of one. */
export interface ZipSample {
  classIndex: number;
  name: string;
  pixels: Uint8Array;
}

/** Per-file limits that keep a hostile zip from making the page allocate gigabytes. */
const MAX_MANIFEST_BYTES = 64 << 20;
const MAX_PNG_BYTES = 8 << 20;
/** How many problems a refusal lists; the rest are counted. */
const MAX_REASONS = 5;

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

function validate(r: Fields): Parsed<DatasetManifest> {
  const errors: string[] = [];
  if (typeof r.name !== 'string') errors.push(m.userDatasetNoName());
  const size = (v: unknown) => Number.isInteger(v) && (v as number) >= 8 && (v as number) <= 256;
  if (!size(r.height) || r.width !== r.height || (r.channels !== 1 && r.channels !== 3) || (r.fit !== 'crop' && r.fit !== 'pad')) errors.push(m.userDatasetBadFormat());
  const classes = r.classes;
  if (!Array.isArray(classes) || !classes.every((c) => isFields(c) && typeof c.name === 'string' && typeof c.folder === 'string')) errors.push(m.zipBadClasses());
  if (!Array.isArray(r.samples)) errors.push(m.zipNoSampleList());
  if (errors.length > 0) return refuse(...errors);
  const samples = r.samples as unknown[];
  const bad = samples.findIndex((s) => !isFields(s) || typeof s.file !== 'string' || !isIndex(s.class) || s.class >= (classes as unknown[]).length || (s.name !== undefined && typeof s.name !== 'string'));
  if (bad >= 0) return refuse(m.zipBadSample({ n: bad + 1 }));
  const manifest = r as unknown as DatasetManifest;
  return accept({
    name: manifest.name,
    height: manifest.height,
    width: manifest.width,
    channels: manifest.channels,
    fit: manifest.fit,
    classes: manifest.classes.map(({ name, folder }) => ({ name, folder })),
    samples: manifest.samples.map((s) => ({ file: s.file, class: s.class, name: s.name ?? '' })),
  });
}

const ZIP_MANIFEST: VersionedFormat<DatasetManifest> = {
  tag: 'netloom-dataset-zip',
  get noun() {
    return m.recordNounDatasetZip();
  },
  // Version 1 is the first; a manifest without a format tag is not ours (version 0 would be read as 1).
  upgrades: [(v0) => v0],
  validate,
};

export function parseManifest(value: unknown): Parsed<DatasetManifest> {
  if (!isFields(value) || !('format' in value)) return refuse(m.recordNotOne({ noun: m.recordNounDatasetZip() }));
  return readVersioned(ZIP_MANIFEST, value);
}

/** Characters that some file system or zip tool refuses or reads as structure. */
const UNSAFE = /[^\p{L}\p{N} _-]+/gu;
const MAX_FOLDER_LENGTH = 40;

/**
 * Folder names for classes in order: letters, digits, spaces, '-' and '_' only (no '/', '..',
 * emoji or control characters), never empty, and distinct even on case-insensitive file systems.
 */
export function classFolders(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = name.normalize('NFC').replace(UNSAFE, '_').trim().slice(0, MAX_FOLDER_LENGTH).trim() || 'class';
    let folder = base;
    for (let n = 2; taken.has(folder.toLowerCase()); n++) folder = `${base} (${n})`;
    taken.add(folder.toLowerCase());
    return folder;
  });
}

/** A file name for the downloaded zip, from the dataset's name. */
export function zipFileName(datasetName: string): string {
  return `${classFolders([datasetName])[0]}.zip`;
}

/**
 * Builds a dataset zip sample by sample, so an export can read pixels from storage in chunks.
 * PNGs are compressed already, so they are stored as they are; only the manifest is deflated.
 */
export class DatasetZipWriter {
  private readonly files: Zippable = {};
  private readonly entries: ZipSampleEntry[] = [];
  private readonly folders: string[];
  private readonly perClass: number[];

  constructor(
    private readonly name: string,
    private readonly format: SampleFormat,
    private readonly classNames: readonly string[],
  ) {
    this.folders = classFolders(classNames);
    this.perClass = classNames.map(() => 0);
  }

  add({ classIndex, name, pixels }: ZipSample): void {
    const { height, width, channels } = this.format;
    const file = `${this.folders[classIndex]}/${String(++this.perClass[classIndex]).padStart(5, '0')}.png`;
    this.files[file] = [encodePng({ width, height, channels, pixels }), { level: 0 }];
    this.entries.push({ file, class: classIndex, name });
  }

  finish(): Uint8Array {
    const { height, width, channels, fit } = this.format;
    const classes = this.classNames.map((name, i) => ({ name, folder: this.folders[i] }));
    const manifest = stamp(ZIP_MANIFEST, { name: this.name, height, width, channels, fit, classes, samples: this.entries });
    return zipSync({ [MANIFEST]: new TextEncoder().encode(JSON.stringify(manifest, null, 1)), ...this.files });
  }
}

export function writeDatasetZip(name: string, format: SampleFormat, classNames: readonly string[], samples: Iterable<ZipSample>): Uint8Array {
  const writer = new DatasetZipWriter(name, format, classNames);
  for (const s of samples) writer.add(s);
  return writer.finish();
}

/** A zip whose manifest was read and whose listed files are all present, not yet decoded. */
export interface OpenedDatasetZip {
  manifest: DatasetManifest;
  files: Record<string, Uint8Array>;
}

function unzip(bytes: Uint8Array, wanted: (name: string) => boolean, limit: number): Parsed<Record<string, Uint8Array>> {
  let tooBig: string | undefined;
  try {
    const files = unzipSync(bytes, {
      filter: ({ name, originalSize }) => {
        if (!wanted(name)) return false;
        if (originalSize > limit) tooBig ??= name;
        return originalSize <= limit;
      },
    });
    return tooBig === undefined ? accept(files) : refuse(m.zipEntryTooBig({ file: tooBig }));
  } catch {
    return refuse(m.zipNotZip());
  }
}

/** Lists up to MAX_REASONS problems and counts the rest. */
export function someReasons(errors: readonly string[]): string[] {
  return errors.length <= MAX_REASONS ? [...errors] : [...errors.slice(0, MAX_REASONS), m.zipMoreProblems({ n: errors.length - MAX_REASONS })];
}

/** Reads the manifest and checks every file it lists is in the zip; every problem is returned (shorten them with someReasons). */
export function openDatasetZip(bytes: Uint8Array): Parsed<OpenedDatasetZip> {
  const head = unzip(bytes, (name) => name === MANIFEST, MAX_MANIFEST_BYTES);
  if (!head.ok) return head;
  const text = head.value[MANIFEST];
  if (!text) return refuse(m.zipNoManifest());
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(text));
  } catch {
    return refuse(m.zipManifestNotJson());
  }
  const parsed = parseManifest(json);
  if (!parsed.ok) return parsed;
  const manifest = parsed.value;
  const listed = new Set(manifest.samples.map((s) => s.file));
  const body = unzip(bytes, (name) => listed.has(name), MAX_PNG_BYTES);
  if (!body.ok) return body;
  const missing = [...listed].filter((file) => !(file in body.value));
  if (missing.length > 0) return refuse(...missing.map((file) => m.zipFileMissing({ file })));
  return accept({ manifest, files: body.value });
}

const describeShape = (f: Pick<SampleFormat, 'height' | 'width' | 'channels'>) => m.zipImageShape({ width: f.width, height: f.height, channels: f.channels });

/** Decodes the samples `from` ≤ i < `to` of an opened zip, checking each image has the dataset's size and colour. */
export function decodeZipSamples({ manifest, files }: OpenedDatasetZip, from: number, to: number): Parsed<ZipSample[]> {
  const errors: string[] = [];
  const samples: ZipSample[] = [];
  for (const entry of manifest.samples.slice(from, to)) {
    const image = decodePng(files[entry.file]);
    if (!image.ok) errors.push(m.zipImageUnreadable({ file: entry.file, why: image.errors.join(' ') }));
    else if (image.value.pixels.length !== sampleBytes(manifest) || image.value.width !== manifest.width || image.value.channels !== manifest.channels)
      errors.push(m.zipImageWrongSize({ file: entry.file, found: describeShape(image.value), expected: describeShape(manifest) }));
    else samples.push({ classIndex: entry.class, name: entry.name, pixels: image.value.pixels });
  }
  return errors.length > 0 ? refuse(...errors) : accept(samples);
}

export interface DatasetFromZip {
  manifest: DatasetManifest;
  samples: ZipSample[];
}

/** The whole dataset, or every reason it cannot be read (at most MAX_REASONS listed). */
export function readDatasetZip(bytes: Uint8Array): Parsed<DatasetFromZip> {
  const opened = openDatasetZip(bytes);
  if (!opened.ok) return refuse(...someReasons(opened.errors));
  const decoded = decodeZipSamples(opened.value, 0, opened.value.manifest.samples.length);
  return decoded.ok ? accept({ manifest: opened.value.manifest, samples: decoded.value }) : refuse(...someReasons(decoded.errors));
}
