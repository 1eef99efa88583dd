import { getContext, setContext } from 'svelte';
import type { EditorState } from './editor.svelte';

const KEY = Symbol('editor');

export function provideEditor(editor: EditorState): void {
  setContext(KEY, editor);
}

export function useEditor(): EditorState {
  return getContext<EditorState>(KEY);
}
