/**
 * The files a person dropped or picked, with their paths below what they chose: a dropped folder
 * is walked recursively through the entries API, a picked folder (`webkitdirectory`) carries
 * `webkitRelativePath`, loose files have just their name.
 */
import type { FoundFile } from '$lib/datasets/shared/image-files';

/** A function that reads the files; it runs after the event, so the entries are taken during it. */
export type ReadFiles = () => Promise<FoundFile<File>[]>;

function found(file: File, path: string): FoundFile<File> {
  return { file, path, type: file.type };
}

/** Files from an `<input type=file>`, with or without `webkitdirectory`. */
export function readFileList(files: FileList | null): ReadFiles {
  const list = Array.from(files ?? []);
  return async () => list.map((f) => found(f, f.webkitRelativePath || f.name));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a directory: `readEntries` answers in pieces (100 at a time in Chromium) until it answers none. */
async function childrenOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, into: FoundFile<File>[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, '');
  if (entry.isFile) into.push(found(await fileOf(entry as FileSystemFileEntry), path));
  else if (entry.isDirectory) for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await walk(child, into);
}

/**
 * Files and folders dropped: the entries must be taken while the drop event runs (the
 * DataTransfer is emptied after it), so call this in the handler and run the reader later.
 */
export function readDrop(transfer: DataTransfer | null): ReadFiles {
  const items = Array.from(transfer?.items ?? []).filter((i) => i.kind === 'file');
  const entries = items.map((i) => i.webkitGetAsEntry());
  const loose = items.map((i) => i.getAsFile());
  return async () => {
    const out: FoundFile<File>[] = [];
    for (const [i, entry] of entries.entries()) {
      const file = loose[i];
      if (entry) await walk(entry, out);
      else if (file) out.push(found(file, file.name));
    }
    return out;
  };
}
