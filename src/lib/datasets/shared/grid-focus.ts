/** Where the keyboard moves the focused cell of a grid: arrows by one cell or row, pages by a screenful, Home and End to the ends. */

export const GRID_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'] as const;
export type GridKey = (typeof GRID_KEYS)[number];

export const isGridKey = (key: string): key is GridKey => (GRID_KEYS as readonly string[]).includes(key);

/** The cell index `key` moves to from `index`, kept inside [0, count); -1 when the grid is empty. */
export function moveFocus(index: number, key: GridKey, columns: number, count: number, pageRows: number): number {
  if (count === 0) return -1;
  const step = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -columns,
    ArrowDown: columns,
    PageUp: -columns * Math.max(1, pageRows),
    PageDown: columns * Math.max(1, pageRows),
    Home: -Infinity,
    End: Infinity,
  }[key];
  const from = Math.min(Math.max(0, index), count - 1);
  // Up or down from a row that has no cell there (the last, partial row) stops at the edge.
  return Math.min(count - 1, Math.max(0, from + step));
}
