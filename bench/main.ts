/**
 * Benchmark page (bench.html, built alongside the app but not part of its bundle): runs one suite
 * named by `?suite=` and leaves its result on window.__bench as JSON. bench/run.mjs drives it.
 */
import { DATA_SUITES } from './data';
import { onnxSuite } from './onnx';
import { scaleSuite } from './scale';
import { trainSuite } from './train';

type Suite = (params: URLSearchParams) => Promise<unknown>;

const SUITES: Record<string, Suite> = { train: trainSuite, onnx: onnxSuite, scale: scaleSuite, ...DATA_SUITES };

const params = new URLSearchParams(location.search);
const out = document.getElementById('out')!;
const name = params.get('suite') ?? 'train';
const work = SUITES[name]?.(params) ?? Promise.reject(new Error(`unknown suite ${name}`));
work.then(
  (results) => {
    out.textContent = JSON.stringify(results, null, 2);
    (window as unknown as { __bench: unknown }).__bench = results;
  },
  (error: Error) => {
    out.textContent = `failed: ${error.message}`;
    (window as unknown as { __bench: unknown }).__bench = { error: error.message };
  },
);
