import { readFile, writeFile } from 'node:fs/promises';
import { CliError } from './errors';
import { text } from './text';

/** The system's short reason (ENOENT: no such file or directory) without the call and path Node repeats. */
const reason = (error: unknown): string => {
  const e = error as NodeJS.ErrnoException;
  return e.code ? e.message.replace(/, \w+ '.*'$/, '') : String(e.message ?? error);
};

export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(text.cannotRead(path, reason(error)));
  }
}

export async function readJson(path: string): Promise<unknown> {
  const bytes = await readBytes(path);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new CliError(text.notJson(path, (error as Error).message));
  }
}

export async function writeBytes(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (error) {
    throw new CliError(text.cannotWrite(path, reason(error)));
  }
}
