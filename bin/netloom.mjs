#!/usr/bin/env node
// The `netloom` command runs the app's own TypeScript (spec, exporter, training loop) with no build
// step: tsx compiles each module as Node loads it and resolves the `$lib`/`$workers` aliases from
// the repository's tsconfig, whatever directory the command is run from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Output piped into `head` and the like closes early: that ends the command, it is not a failure.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
