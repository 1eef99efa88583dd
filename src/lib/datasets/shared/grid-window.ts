/**
 * The arithmetic of a virtualised grid of equal cells: which rows a scrolled viewport shows (plus
 * a few around it), so a dataset of 10,000 samples keeps only a screenful of thumbnails in the page.
 */

export interface GridLayout {
  /** Cells per row, at least 1. */
  columns: number;
  /** Height of one row in pixels, gap included. */
  rowHeight: number;
  /** Cells in the whole grid. */
  count: number;
}

export interface Viewport {
  scrollTop: number;
  height: number;
}

export interface GridWindow {
  /** Rows rendered: [firstRow, endRow). */
  firstRow: number;
  endRow: number;
  /** Cell indices rendered: [start, end). */
  start: number;
  end: number;
  /** Height of the whole grid, for the spacer that gives the scroll bar its length. */
  totalHeight: number;
}

export function rowCount({ columns, count }: Pick<GridLayout, 'columns' | 'count'>): number {
  return Math.ceil(count / Math.max(1, columns));
}

/** How many cells of `cellWidth` fit side by side in `width`; at least one, so a narrow view still shows something. */
export function columnsFor(width: number, cellWidth: number): number {
  return Math.max(1, Math.floor(width / cellWidth));
}

/**
 * The rows a viewport shows, widened by `overscan` rows on each side so a small scroll finds them
 * drawn already. A scrollTop beyond the end (the grid shrank after a filter or a delete, before the
 * browser clamped it) shows the last screenful rather than nothing.
 */
export function gridWindow(layout: GridLayout, viewport: Viewport, overscan: number): GridWindow {
  const columns = Math.max(1, layout.columns);
  const rows = rowCount(layout);
  const totalHeight = rows * layout.rowHeight;
  if (rows === 0 || layout.rowHeight <= 0) return { firstRow: 0, endRow: 0, start: 0, end: 0, totalHeight };
  const top = Math.min(Math.max(0, viewport.scrollTop), Math.max(0, totalHeight - viewport.height));
  const firstRow = Math.max(0, Math.floor(top / layout.rowHeight) - overscan);
  const endRow = Math.min(rows, Math.ceil((top + Math.max(0, viewport.height)) / layout.rowHeight) + overscan);
  return { firstRow, endRow, start: firstRow * columns, end: Math.min(layout.count, endRow * columns), totalHeight };
}

/** The scrollTop that brings the row of cell `index` fully into view: unchanged when it is already. */
export function scrollToShow(index: number, layout: GridLayout, viewport: Viewport): number {
  const row = Math.floor(index / Math.max(1, layout.columns));
  const top = row * layout.rowHeight;
  const bottom = top + layout.rowHeight;
  if (top < viewport.scrollTop) return top;
  if (bottom > viewport.scrollTop + viewport.height) return Math.max(0, bottom - viewport.height);
  return viewport.scrollTop;
}
