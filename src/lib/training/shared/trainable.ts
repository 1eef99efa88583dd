import { analyzeGraph } from '$lib/spec/analyze';
import { parseSpec } from '$lib/spec/parse';
import type { GraphSpec } from '$lib/spec/types';
import { refuse, type Parsed } from '$lib/util/versioned';

/**
 * A graph the training worker can build: readable (parseSpec) and free of the mistakes
 * analyzeGraph marks. The page only sends such graphs; anything else that reaches the worker is
 * refused with the reasons instead of failing somewhere inside tfjs.
 */
export function parseTrainableSpec(value: unknown): Parsed<GraphSpec> {
  const parsed = parseSpec(value);
  if (!parsed.ok) return parsed;
  const { issues } = analyzeGraph(parsed.value);
  if (issues.length === 0) return parsed;
  return refuse(...issues.map((issue) => (issue.nodeId === null ? issue.message : `${issue.nodeId}: ${issue.message}`)));
}
