// Issue 15's goals as ratios made inside one run: per model, wasm training (NetLoom's loop, the
// best wasm row) against the best of today's fallbacks on the same machine, and against PyTorch
// CPU (bench/pytorch_anchor.py, 2 threads). In the browser the fallbacks are webgl and cpu (the
// `train` rows); in Node, tfjs's cpu (the `node_train` rows). PyTorch's figure is the better of its
// 2-thread and 1-thread runs (a loaded machine can make 2 threads the slower). Goals:
// wasm_over_fallback ≥ 4 and wasm_over_pytorch ≥ 0.2 (within 5× of PyTorch).
const GOALS = { over_fallback: 4, over_pytorch: 0.2 };
const round = (x) => Math.round(x * 100) / 100;
const ok = (rows) => (Array.isArray(rows) ? rows.filter((r) => !r.error && typeof r.app_sps === 'number') : []);

/** The fastest row of `backends` for `model`, or null. */
function fastest(rows, model, backends) {
  return ok(rows)
    .filter((r) => r.model === model && backends.includes(r.backend))
    .reduce((a, r) => (a && a.app_sps >= r.app_sps ? a : r), null);
}

function goalRow(where, model, wasm, fallback, pytorch) {
  if (!wasm) return null;
  const row = { model, where, wasm_backend: wasm.backend, wasm_sps: wasm.app_sps, fallback_backend: fallback?.backend ?? null, fallback_sps: fallback?.app_sps ?? null, pytorch_sps: pytorch?.sps ?? null };
  row.wasm_over_fallback = fallback ? round(wasm.app_sps / fallback.app_sps) : null;
  row.wasm_over_pytorch = pytorch?.sps ? round(wasm.app_sps / pytorch.sps) : null;
  row.meets_fallback_goal = row.wasm_over_fallback === null ? null : row.wasm_over_fallback >= GOALS.over_fallback;
  row.meets_pytorch_goal = row.wasm_over_pytorch === null ? null : row.wasm_over_pytorch >= GOALS.over_pytorch;
  return row;
}

/** Rows of {model, where: browser|node, wasm_sps, fallback_sps, pytorch_sps, wasm_over_fallback, wasm_over_pytorch, meets_…}. */
export function wasmGoals(train, nodeTrain) {
  const pytorch = (Array.isArray(nodeTrain?.pytorch) ? nodeTrain.pytorch : []).filter((p) => typeof p.sps === 'number').map((p) => ({ ...p, sps: Math.max(p.sps, p.sps_1_thread ?? 0) }));
  const models = [...new Set([...ok(train), ...ok(nodeTrain?.rows)].map((r) => r.model))];
  const anchor = (model) => pytorch.find((p) => p.model === model) ?? null;
  // Browser wasm rows are named `wasm` (threads as the page allows) and `wasm-nothreads`.
  const browserWasm = ['wasm', 'wasm-nothreads'];
  return models
    .flatMap((model) => [
      goalRow('browser', model, fastest(train, model, browserWasm), fastest(train, model, ['webgl', 'cpu']), anchor(model)),
      goalRow('node', model, fastest(nodeTrain?.rows, model, ['wasm']), fastest(nodeTrain?.rows, model, ['cpu']), anchor(model)),
    ])
    .filter(Boolean);
}

export const WASM_GOALS = GOALS;
