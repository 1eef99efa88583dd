// `node bench/node-train.mjs [--quick]`: the `node_train` section (bench/node-train.ts) on its own.
// Prints one JSON object. The TypeScript runs through Vite's module runner with the unit tests'
// config (aliases, the MNIST asset plugin), as vitest runs the worker's training code in Node.
// NODE_TRAIN_BACKENDS (cpu,wasm), NODE_TRAIN_MODELS (default,lenet5), NETLOOM_PYTHON (/usr/bin/python3).
import { createServer, createServerModuleRunner } from 'vite';

const quick = process.argv.includes('--quick');
const server = await createServer({ configFile: 'vitest.config.ts', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', logLevel: 'error', optimizeDeps: { noDiscovery: true, entries: [] } });
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
const module = await runner.import('/bench/node-train.ts');
const figures = await module.nodeTrainSuite({
  backends: (process.env.NODE_TRAIN_BACKENDS ?? 'cpu,wasm').split(','),
  models: (process.env.NODE_TRAIN_MODELS ?? 'default,lenet5').split(','),
  rounds: quick ? 1 : 2,
  quick,
  python: process.env.NETLOOM_PYTHON ?? '/usr/bin/python3',
});
await runner.close();
await server.close();
console.log(JSON.stringify(figures, null, 2));
