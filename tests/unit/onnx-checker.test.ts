/**
 * Every preset, exported as float ONNX and as int8 ONNX, passes the official ONNX checker with full
 * shape inference (Debian's python3-onnx 1.12, which CI installs). One Python process checks all files.
 */
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, readWeights } from '$workers/model/build-model';
import { exportOnnx } from '$lib/onnx/export';
import { exportOnnxInt8 } from '$lib/onnx/int8';
import { PRESETS, PRESET_IDS } from '$lib/spec/presets';

const PYTHON = process.env.NETLOOM_PYTHON ?? '/usr/bin/python3';
const CLASSES = 4;
const FORMATS = { onnx: exportOnnx, 'onnx-int8': exportOnnxInt8 } as const;

/** Prints one JSON line per file: its output's inferred dims, or the checker's message. */
const CHECKER = `
import json, sys, onnx
for path in sys.argv[1:]:
    try:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
        dims = [d.dim_param or d.dim_value for d in inferred.graph.output[0].type.tensor_type.shape.dim]
        print(json.dumps({"path": path, "dims": dims}))
    except Exception as e:
        print(json.dumps({"path": path, "error": f"{type(e).__name__}: {e}"}))
`;

interface Verdict {
  path: string;
  dims?: (string | number)[];
  error?: string;
}

const folder = mkdtempSync(join(tmpdir(), 'netloom-onnx-checker-'));
const cases = PRESET_IDS.flatMap((id) => Object.keys(FORMATS).map((format) => [id, format as keyof typeof FORMATS] as const));
const fileOf = (id: string, format: string) => join(folder, `${id}.${format}.onnx`);
const verdicts = new Map<string, Verdict>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const id of PRESET_IDS) {
    const spec = PRESETS[id](CLASSES);
    const model = buildModel(tf, spec, 7);
    const weights = await readWeights(model, spec);
    model.dispose();
    for (const [format, write] of Object.entries(FORMATS)) writeFileSync(fileOf(id, format), write(spec, weights));
  }
  const out = execFileSync(PYTHON, ['-c', CHECKER, ...cases.map(([id, format]) => fileOf(id, format))], { encoding: 'utf8' });
  for (const line of out.trim().split('\n')) {
    const verdict = JSON.parse(line) as Verdict;
    verdicts.set(verdict.path, verdict);
  }
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('official ONNX checker (full_check, strict shape inference)', () => {
  it.each(cases)('%s as %s', (id, format) => {
    const verdict = verdicts.get(fileOf(id, format));
    expect(verdict, `${id} (${format}) was not checked`).toBeDefined();
    expect(verdict!.error, `${id} (${format}): ${verdict!.error}`).toBeUndefined();
    expect(verdict!.dims).toEqual(['batch', CLASSES]);
  });
});
