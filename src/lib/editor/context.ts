import { getContext, setContext } from 'svelte';
import type { NodeIssue } from '$lib/spec/issues';
import type { EditorState } from './editor.svelte';

const KEY = Symbol('editor');
const ISSUES = Symbol('issues');

export function provideEditor(editor: EditorState): void {
  setContext(KEY, editor);
}

export function useEditor(): EditorState {
  return getContext<EditorState>(KEY);
}

/** Problems found beyond the graph's own analysis (the model against the dataset), read live so nodes can show theirs. */
export function provideIssues(issues: () => readonly NodeIssue[]): void {
  setContext(ISSUES, issues);
}

export function useIssues(): () => readonly NodeIssue[] {
  return getContext<(() => readonly NodeIssue[]) | undefined>(ISSUES) ?? (() => []);
}
