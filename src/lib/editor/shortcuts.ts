export type EditorAction = 'undo' | 'redo' | 'copy' | 'paste' | 'duplicate' | 'selectAll' | 'deselect' | 'layout' | 'fit';

type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** The editor action a key press asks for (Ctrl or ⌘ alike), or null. Delete and arrow keys are Svelte Flow's. */
export function shortcutAction(e: Keys): EditorAction | null {
  const key = e.key.toLowerCase();
  if (e.altKey) return null;
  if (e.ctrlKey || e.metaKey) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (e.shiftKey) return null;
    return ({ y: 'redo', c: 'copy', v: 'paste', d: 'duplicate', a: 'selectAll' } as const)[key as 'y'] ?? null;
  }
  if (e.shiftKey) return null;
  return ({ l: 'layout', f: 'fit', escape: 'deselect' } as const)[key as 'l'] ?? null;
}

/** Canvas.svelte carries this attribute: focus inside it makes Ctrl+A select layers rather than the page's text. */
const CANVAS_ATTRIBUTE = 'data-editor-canvas';

/**
 * Keys typed into a form field, copying text the user selected, and Ctrl+A anywhere but the
 * canvas belong to the browser, not the editor.
 */
export function belongsToPage(action: EditorAction, target: EventTarget | null, selectedText: string): boolean {
  const el = target as HTMLElement | null;
  const typing = !!el && (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable);
  const onCanvas = !!el?.closest?.(`[${CANVAS_ATTRIBUTE}]`);
  return typing || (action === 'copy' && selectedText.length > 0) || (action === 'selectAll' && !onCanvas);
}
