import type { LayerError } from './shapes';

/** A problem to show the user; `nodeId` null means it concerns the whole graph. */
export interface NodeIssue {
  nodeId: string | null;
  message: string;
  hint?: string;
  /** Param values that resolve the problem in one step, offered where the node has those params. */
  fix?: Record<string, number>;
}

/** Node errors by id. Only the first error recorded for a node is kept: checks run root causes first. */
export type Marks = Map<string, NodeIssue>;

export function mark(marks: Marks, nodeId: string, { error, hint }: LayerError): void {
  if (!marks.has(nodeId)) marks.set(nodeId, { nodeId, message: error, ...(hint ? { hint } : {}) });
}
