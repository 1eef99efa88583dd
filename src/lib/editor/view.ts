/** Fitting the graph never zooms past 100 %, so a small graph is not blown up. */
export const FIT_VIEW = { padding: 0.1, maxZoom: 1 } as const;

/** The canvas's size on screen, so a layout can fill it; undefined before it is drawn. */
export function canvasView(): { width: number; height: number } | undefined {
  const rect = document.querySelector('.svelte-flow')?.getBoundingClientRect();
  return rect && rect.width > 0 && rect.height > 0 ? { width: rect.width, height: rect.height } : undefined;
}
