/**
 * The `netloom` command: the app's own spec analysis, exporter and training loop, run in Node.
 * Each command's module is loaded only when it runs, so `presets` and `validate` never start tfjs
 * or ONNX Runtime. Returns the exit status; a failure is one line on stderr.
 */
import { DATASET_IDS } from '$lib/datasets/shared/catalog';
import { CliError, EXIT_FAILURE, usageError } from './errors';
import { FORMAT_NAMES } from './formats';
import { processOutput, type Output } from './output';
import { text } from './text';

type Command = (argv: string[], out: Output) => void | Promise<void>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  presets: async () => (await import('./commands/presets')).presetsCommand,
  validate: async () => (await import('./commands/validate')).validateCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  train: async () => (await import('./commands/train')).trainCommand,
  infer: async () => (await import('./commands/infer')).inferCommand,
};

const HELP = ['help', '--help', '-h'];

/** The first line only: the one-line reason the CLI promises, even from a library's multi-line error. */
const oneLine = (message: string): string => message.split('\n').find((line) => line.trim() !== '')?.trim() ?? message;

export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  const [name, ...rest] = argv;
  const prefix = name !== undefined && Object.hasOwn(COMMANDS, name) ? `netloom ${name}` : 'netloom';
  try {
    if (argv.some((arg) => HELP.includes(arg))) {
      out.stdout(text.usage(FORMAT_NAMES, DATASET_IDS));
      return 0;
    }
    if (name === undefined) throw usageError(text.noCommand);
    if (!Object.hasOwn(COMMANDS, name)) throw usageError(text.unknownCommand(name));
    const command = await COMMANDS[name]();
    await command(rest, out);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      out.stderr(`${prefix}: ${oneLine(error.message)}`);
      return error.exitCode;
    }
    out.stderr(`${prefix}: ${oneLine(text.unexpected((error as Error)?.message ?? String(error)))}`);
    return EXIT_FAILURE;
  }
}
