/**
 * Which dropped or picked files an image import takes, and into which class: pure, so the rules
 * (accepted formats, one sub-folder per class, what a skipped file is told) are tested in Node.
 */
import { m } from '$lib/i18n/messages';

/** The formats every browser decodes with `createImageBitmap`. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
};
const EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp']);

/** For `<input accept>`: the types, and the extensions for systems that report no type. */
export const IMAGE_ACCEPT = [...Object.keys(IMAGE_TYPES), ...[...EXTENSIONS].map((e) => `.${e}`)].join(',');

/** A file as found in a dropped or picked folder; `path` runs from the folder dropped ('animals/cat/1.png'). */
export interface FoundFile<F> {
  file: F;
  path: string;
  /** The type the browser reports; '' when it does not know. */
  type: string;
}

/** A file to decode, with the name of the class it goes into. */
export interface ImportItem<F> {
  file: F;
  path: string;
  className: string;
}

/** A file left out, and why (shown to the user as text). */
export interface Skipped {
  name: string;
  reason: string;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Why a file is not imported, or null when it is an image of an accepted format. */
export function imageTypeProblem(name: string, type: string): string | null {
  if (type in IMAGE_TYPES) return null;
  if (type === '') return EXTENSIONS.has(extension(name)) ? null : m.notAnImage({ type: m.unknownFileType() });
  return type.startsWith('image/') ? m.unsupportedImage({ type }) : m.notAnImage({ type });
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/**
 * The class of each file: the first folder below the dropped folder ('animals/cat/1.png' → cat,
 * deeper folders stay in that class). A dropped folder with no sub-folders is itself one class
 * ('cat/1.png' → cat); in a folder that has sub-folders, files lying beside them belong to no
 * class, and neither do files dropped on their own (null).
 */
export function classFolders(paths: readonly string[]): (string | null)[] {
  const split = paths.map(segments);
  const nested = new Set(split.filter((s) => s.length > 2).map((s) => s[0]));
  return split.map((s) => {
    if (s.length > 2) return s[1];
    if (s.length === 2 && !nested.has(s[0])) return s[0];
    return null;
  });
}

const byPath = <T extends { path: string }>(a: T, b: T) => a.path.localeCompare(b.path, undefined, { numeric: true });

/** A dropped or picked folder: one class per sub-folder; everything else is skipped with its reason. */
export function planFolderImport<F>(found: readonly FoundFile<F>[]): { items: ImportItem<F>[]; skipped: Skipped[] } {
  const sorted = [...found].sort(byPath);
  const classes = classFolders(sorted.map((f) => f.path));
  const items: ImportItem<F>[] = [];
  const skipped: Skipped[] = [];
  sorted.forEach((f, i) => {
    const problem = imageTypeProblem(f.path, f.type);
    const className = classes[i]?.trim();
    if (problem) skipped.push({ name: f.path, reason: problem });
    else if (!className) skipped.push({ name: f.path, reason: m.notInClassFolder() });
    else items.push({ file: f.file, path: f.path, className });
  });
  return { items, skipped };
}

/** Files dropped or picked onto one class: every image goes into it, whatever folder it lies in. */
export function planClassImport<F>(found: readonly FoundFile<F>[]): { items: Omit<ImportItem<F>, 'className'>[]; skipped: Skipped[] } {
  const items: Omit<ImportItem<F>, 'className'>[] = [];
  const skipped: Skipped[] = [];
  for (const f of [...found].sort(byPath)) {
    const problem = imageTypeProblem(f.path, f.type);
    if (problem) skipped.push({ name: f.path, reason: problem });
    else items.push({ file: f.file, path: f.path });
  }
  return { items, skipped };
}

/** The file's own name, the last part of its path. */
export function baseName(path: string): string {
  return segments(path).at(-1) ?? path;
}

/** Seconds left at the pace so far, or null before there is a pace to go by. */
export function secondsLeft(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || elapsedMs <= 0) return null;
  return ((total - done) * elapsedMs) / done / 1000;
}

export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
