import { withLayout } from '$lib/editor/layout';
import { sameArchitecture } from '$lib/spec/same-graph';
import type { GraphSpec } from '$lib/spec/types';
import { decodeSpec, sharedPayload, sharedRules } from '$lib/share/url';
import type { ClassroomRules } from '$lib/classroom/shared/rules';
import { m } from '$lib/i18n/messages';

/** The part of the editor a shared link touches. */
export interface GraphHolder {
  readonly spec: GraphSpec;
  /** Replaces the graph as one undoable step. */
  load(spec: GraphSpec): void;
}

/** What a `#graph=…` address means for the graph on the canvas. */
export type SharedLink =
  | { kind: 'none' }
  | { kind: 'invalid'; error: string }
  /** The canvas already holds this model. */
  | { kind: 'same' }
  /** Nothing of the user's would be lost (the canvas holds the untouched starting model). */
  | { kind: 'open'; spec: GraphSpec }
  /** Opening it would replace the user's own graph: ask first. */
  | { kind: 'ask'; spec: GraphSpec };

/** Decides what a shared link in `hash` does to `current`; `untouched` is the model a fresh page starts with. */
export function readSharedLink(hash: string, current: GraphSpec, untouched: GraphSpec): SharedLink {
  const payload = sharedPayload(hash);
  if (payload === null) return { kind: 'none' };
  const decoded = decodeSpec(payload);
  if (!decoded.ok) return { kind: 'invalid', error: m.shareOpenFailed({ reason: decoded.errors.join(' ') }) };
  const spec = decoded.value.nodes.every((n) => n.position) ? decoded.value : withLayout(decoded.value);
  if (sameArchitecture(spec, current)) return { kind: 'same' };
  return sameArchitecture(current, untouched) ? { kind: 'open', spec } : { kind: 'ask', spec };
}

/**
 * Graphs arriving through the address (at start-up or when the hash changes). The user's own
 * graph is never replaced silently: when there is one, the shared graph waits in `offer` until
 * the user opens it (undo brings theirs back) or keeps theirs.
 */
export class SharedGraphInbox {
  offer = $state.raw<GraphSpec | null>(null);
  error = $state<string | null>(null);
  /** The rules that come with the offered graph. */
  #offerRules: ClassroomRules | null = null;
  /** Rules received before the page's classroom was ready (start-up restores the project first). */
  #pendingRules: ClassroomRules | null = null;
  #classroom: { rules: ClassroomRules } | null = null;

  readonly #editor: GraphHolder;
  readonly #untouched: GraphSpec;
  readonly #clearAddress: () => void;

  /** `clearAddress` drops the link from the address once handled, so a reload keeps later edits. */
  constructor(editor: GraphHolder, untouched: GraphSpec, clearAddress: () => void) {
    this.#editor = editor;
    this.#untouched = untouched;
    this.#clearAddress = clearAddress;
  }

  /** Handles the address's hash; true when the canvas now shows a shared graph. */
  receive(hash: string): boolean {
    const link = readSharedLink(hash, this.#editor.spec, this.#untouched);
    if (link.kind === 'none') return false;
    const rules = link.kind === 'invalid' ? null : sharedRules(hash);
    this.error = link.kind === 'invalid' ? link.error : rules && !rules.ok ? m.shareRulesIgnored({ why: rules.errors.join(' ') }) : null;
    const granted = rules?.ok ? rules.value : null;
    this.offer = link.kind === 'ask' ? link.spec : null;
    this.#offerRules = link.kind === 'ask' ? granted : null;
    if (link.kind === 'ask') return false;
    this.#clearAddress();
    if (link.kind === 'invalid') return false;
    this.#grant(granted);
    if (link.kind !== 'open') return false;
    this.#editor.load(link.spec);
    return true;
  }

  /** The page's classroom, once start-up has restored the project: rules received before then apply now. */
  attach(classroom: { rules: ClassroomRules }): void {
    this.#classroom = classroom;
    this.#grant(this.#pendingRules);
    this.#pendingRules = null;
  }

  /** A link with rules puts them in place; one without leaves the rules as they are. */
  #grant(rules: ClassroomRules | null): void {
    if (!rules) return;
    if (this.#classroom) this.#classroom.rules = rules;
    else this.#pendingRules = rules;
  }

  /** Replaces the canvas with the offered graph; the user's graph stays one undo away. */
  open(): boolean {
    const spec = this.offer;
    if (!spec) return false;
    this.offer = null;
    this.#clearAddress();
    this.#editor.load(spec);
    this.#grant(this.#offerRules);
    this.#offerRules = null;
    return true;
  }

  keep(): void {
    this.offer = null;
    this.#offerRules = null;
    this.#clearAddress();
  }

  dismissError(): void {
    this.error = null;
  }
}
