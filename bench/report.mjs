// The benchmark contract's human side: a short table of the headline figures, for stderr.
const cell = (v) => (v === undefined || v === null ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function table(title, rows, columns) {
  if (!Array.isArray(rows) || rows.length === 0) return [`${title}: ${rows?.error ?? 'not run'}`];
  // A failed row keeps its first two columns (what was measured) and says why in the rest.
  const body = rows.map((r) => (r.error ? [cell(r[columns[0]]), cell(r[columns[1]]), `error: ${r.error}`] : columns.map((c) => cell(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (values) => '  ' + values.map((v, i) => v.padEnd(i < values.length - 1 ? widths[i] : 0)).join('  ');
  return [title, line(columns), ...body.map(line)];
}

const fields = (title, object, keys) => (object && !object.error ? `${title}: ${keys.map((k) => `${k} ${cell(object[k])}`).join(', ')}` : `${title}: ${object?.error ?? 'not run'}`);

/** The table printed after a run; every figure in it is also in the JSON. */
export function summary(result) {
  return [
    `NetLoom bench${result.quick ? ' (--quick)' : ''}: ${result.seconds} s on ${result.machine?.chromium ?? '?'}, ${result.machine?.cores ?? '?'} cores, adapter ${cell(result.machine?.adapter?.description || result.machine?.adapter?.vendor)}`,
    ...table('train (samples/s, best round)', result.train, ['backend', 'model', 'app_sps', 'raw_sps', 'ratio', 'leaked_tensors_per_epoch']),
    fields('ui', result.ui, ['long_tasks', 'max_long_task_ms', 'drag_fps']),
    ...table('onnx', result.onnx, ['provider', 'model', 'batch', 'ms', 'parity_max_abs']),
    ...table('infer', result.infer, ['runtime', 'model', 'fps', 'p50_ms', 'p95_ms']),
    ...table('node_train (samples/s in Node, best round)', result.node_train?.rows ?? result.node_train, ['backend', 'model', 'app_sps', 'raw_sps', 'ratio', 'leaked_tensors_per_epoch']),
    ...table('pytorch anchor (2 threads)', result.node_train?.pytorch, ['model', 'sps', 'skipped']),
    ...table('wasm goals (≥ 4× fallback, ≥ 0.2× PyTorch)', result.wasm_goals, ['model', 'where', 'wasm_sps', 'fallback_backend', 'fallback_sps', 'wasm_over_fallback', 'pytorch_sps', 'wasm_over_pytorch']),
    fields('data', result.data, ['import_images_per_s', 'peak_heap_mb', 'peak_tf_mb']),
    fields('startup', result.startup, ['tti_ms', 'main_js_gzip_kb', 'first_train_kb']),
    ...table('scale', result.scale, ['model', 'params', 'samples', 'sps', 'peak_tf_mb']),
    `section seconds: ${cell(result.section_seconds)}; load average at the end ${cell(result.load_average)}`,
  ].join('\n');
}
