/** The tfjs backends a command-line run can train on, fastest first (named apart from cli/tfjs.ts so naming them does not load tfjs). */
export type CliBackend = 'wasm' | 'cpu';
export const CLI_BACKENDS: readonly CliBackend[] = ['wasm', 'cpu'];
