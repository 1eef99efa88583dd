import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './errors';
import { text } from './text';

type Options = NonNullable<ParseArgsConfig['options']>;
export type Flags = Record<string, string | boolean | undefined>;

export interface Parsed {
  flags: Flags;
  positionals: string[];
}

/** The command's flags (string-valued unless declared otherwise) and `wanted` positionals, exactly; anything else is a usage error. */
export function parseCommand(argv: string[], options: Options, wanted: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(text.badFlag((error as Error).message));
  }
  const { values, positionals } = parsed;
  if (positionals.length < wanted.length) throw usageError(text.missingArgument(wanted[positionals.length]));
  if (positionals.length > wanted.length) throw usageError(text.unexpectedArgument(positionals[wanted.length]));
  return { flags: values as Flags, positionals };
}

const stringFlag = (flags: Flags, flag: string): string | undefined => {
  const value = flags[flag];
  return typeof value === 'string' ? value : undefined;
};

export function requiredFlag(flags: Flags, flag: string): string {
  const value = stringFlag(flags, flag);
  if (value === undefined) throw usageError(text.missingFlag(flag));
  return value;
}

export function integerFlag(flags: Flags, flag: string, fallback: number, min: number): number {
  const value = stringFlag(flags, flag);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) throw usageError(text.notAnInteger(flag, value, min));
  return n;
}

export function numberFlag(flags: Flags, flag: string, fallback: number): number {
  const value = stringFlag(flags, flag);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw usageError(text.notANumber(flag, value));
  return n;
}

export function choiceFlag<T extends string>(flags: Flags, flag: string, choices: readonly T[], fallback?: T): T {
  const value = stringFlag(flags, flag) ?? fallback;
  if (value === undefined) throw usageError(text.missingFlag(flag));
  if (!choices.includes(value as T)) throw usageError(text.notOneOf(flag, value, choices));
  return value as T;
}
