import { analyzeGraph, formatShape } from '$lib/spec/analyze';
import { DATASETS, DEFAULT_DATASET } from '$lib/datasets/shared/catalog';
import { parseCommand } from '../args';
import { CliError } from '../errors';
import { loadSpec } from '../model-source';
import type { Output } from '../output';
import { text } from '../text';

const count = (n: number): string => n.toLocaleString('en-US');

/** Columns padded to their widest cell, so the table reads in a terminal and splits on whitespace. */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

/**
 * `netloom validate <spec.json|preset:NAME>`: the editor's analysis of the graph. A valid graph gets
 * every node's output shape, parameters and multiply-accumulates per sample, then the totals; an
 * invalid one gets each node's error (with the editor's hint) and exit status 1.
 */
export async function validateCommand(argv: string[], out: Output): Promise<void> {
  const { positionals } = parseCommand(argv, {}, ['spec file']);
  const spec = await loadSpec(positionals[0], DATASETS[DEFAULT_DATASET].classes.length);
  const analysis = analyzeGraph(spec);
  if (!analysis.valid) {
    for (const issue of analysis.issues) out.stdout(`${text.nodeIssue(issue.nodeId, issue.message)}${issue.hint ? ` (${issue.hint})` : ''}`);
    const [first] = analysis.issues;
    throw new CliError(text.invalidSpec(analysis.issues.length, text.nodeIssue(first.nodeId, first.message)));
  }
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const rows = analysis.order.map((id) => {
    const info = analysis.nodes[id];
    return [id, byId.get(id)!.kind, info.shape ? formatShape(info.shape) : '?', count(info.params), count(info.flops)];
  });
  for (const line of table([[...text.validateHeader], ...rows])) out.stdout(line);
  const { params, trainableParams, flops } = analysis.totals;
  out.stdout(text.validateTotals(params, trainableParams, flops));
}
