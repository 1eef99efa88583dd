import { SharedGraphInbox } from './shared-graph.svelte';
import { EditorState } from '$lib/editor/editor.svelte';
import type { GraphSpec } from '$lib/spec/types';

/** Everything the page start depends on, passed in so Node tests can start the app without a browser. */
export interface StartupInput {
  /** The address's hash, which may carry a shared graph. */
  hash: string;
  /** The graph the user last edited here, if any could be read. */
  autosaved: GraphSpec | null;
  /** The model a first visit starts with. */
  untouched: GraphSpec;
  /** Removes a handled link from the address. */
  clearAddress: () => void;
  /** Looks for an interrupted training run to offer resuming. */
  restoreTraining: () => Promise<void>;
}

export interface Startup {
  editor: EditorState;
  sharedGraphs: SharedGraphInbox;
  /** Settles once the resume offer (if any) is shown. */
  restored: Promise<void>;
}

/**
 * Decides what the editor opens with: the autosaved graph (else the starting model), then a
 * shared link on top of it, opened at once or offered when it would replace the user's own
 * graph; and, in parallel, the offer to resume a run a reload interrupted.
 */
export function startApp(input: StartupInput): Startup {
  const editor = new EditorState(input.autosaved ?? input.untouched);
  const sharedGraphs = new SharedGraphInbox(editor, input.untouched, input.clearAddress);
  sharedGraphs.receive(input.hash);
  return { editor, sharedGraphs, restored: input.restoreTraining() };
}
