import { describe, expect, it } from 'vitest';
import { columnsFor, gridWindow, rowCount, scrollToShow } from '$lib/datasets/shared/grid-window';
import { moveFocus } from '$lib/datasets/shared/grid-focus';

const layout = (count: number, columns = 10, rowHeight = 72) => ({ count, columns, rowHeight });

describe('grid window', () => {
  it('renders nothing for an empty grid, whatever the scroll position', () => {
    expect(gridWindow(layout(0), { scrollTop: 500, height: 400 }, 2)).toEqual({ firstRow: 0, endRow: 0, start: 0, end: 0, totalHeight: 0 });
  });

  it('renders the visible rows plus the overscan, a few hundred cells out of 10,000', () => {
    // 10,000 cells in 1,000 rows; rows 100..105 are visible at scrollTop 7200 with a 400 px viewport.
    const w = gridWindow(layout(10_000), { scrollTop: 7200, height: 400 }, 2);
    expect(w).toEqual({ firstRow: 98, endRow: 108, start: 980, end: 1080, totalHeight: 72_000 });
  });

  it('clamps the overscan at the top', () => {
    expect(gridWindow(layout(10_000), { scrollTop: 0, height: 400 }, 2)).toMatchObject({ firstRow: 0, endRow: 8, start: 0, end: 80 });
  });

  it('ends at the last cell of a partial last row', () => {
    // 95 cells: 9 full rows and one of 5.
    expect(rowCount(layout(95))).toBe(10);
    const w = gridWindow(layout(95), { scrollTop: 720 - 400, height: 400 }, 2);
    expect(w).toMatchObject({ endRow: 10, end: 95, totalHeight: 720 });
  });

  it('shows the last screenful when the scroll position lies beyond a grid that shrank', () => {
    const w = gridWindow(layout(95), { scrollTop: 50_000, height: 400 }, 0);
    expect(w).toMatchObject({ firstRow: 4, endRow: 10, start: 40, end: 95 });
  });

  it('follows a resize: a narrower view has fewer columns, more rows, and the same first cell in view', () => {
    expect(columnsFor(720, 72)).toBe(10);
    expect(columnsFor(360, 72)).toBe(5);
    expect(columnsFor(20, 72)).toBe(1);
    const wide = gridWindow(layout(1000, columnsFor(720, 72)), { scrollTop: 720, height: 144 }, 0);
    const narrow = gridWindow(layout(1000, columnsFor(360, 72)), { scrollTop: 1440, height: 144 }, 0);
    expect([wide.start, wide.end]).toEqual([100, 120]);
    expect([narrow.start, narrow.end]).toEqual([100, 110]);
    expect(narrow.totalHeight).toBe(2 * wide.totalHeight);
  });

  it('scrolls just enough to show a cell above or below the viewport, and not at all when it is visible', () => {
    const g = layout(1000);
    const viewport = { scrollTop: 720, height: 400 };
    expect(scrollToShow(105, g, viewport)).toBe(720);
    expect(scrollToShow(95, g, viewport)).toBe(648);
    // Cell 160 is on row 16 (1152..1224 px): its bottom edge meets the viewport's.
    expect(scrollToShow(160, g, viewport)).toBe(1224 - 400);
  });
});

describe('keyboard focus in a grid', () => {
  it('moves by cells and rows, stops at the edges, and jumps to the ends', () => {
    expect(moveFocus(5, 'ArrowRight', 4, 10, 2)).toBe(6);
    expect(moveFocus(0, 'ArrowLeft', 4, 10, 2)).toBe(0);
    expect(moveFocus(5, 'ArrowUp', 4, 10, 2)).toBe(1);
    expect(moveFocus(1, 'ArrowUp', 4, 10, 2)).toBe(0);
    expect(moveFocus(1, 'ArrowDown', 4, 10, 2)).toBe(5);
    // From the row above a partial last row, down lands on the last cell.
    expect(moveFocus(7, 'ArrowDown', 4, 10, 2)).toBe(9);
    expect(moveFocus(0, 'PageDown', 4, 10, 2)).toBe(8);
    expect(moveFocus(5, 'Home', 4, 10, 2)).toBe(0);
    expect(moveFocus(5, 'End', 4, 10, 2)).toBe(9);
  });

  it('has nowhere to go in an empty grid', () => {
    expect(moveFocus(0, 'ArrowDown', 4, 0, 2)).toBe(-1);
  });
});
