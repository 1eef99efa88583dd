/**
 * Selecting items of a list with the mouse as file managers do: a click picks one, Ctrl/⌘-click
 * toggles one, Shift-click takes the range from the last plain or Ctrl click (the anchor).
 * Items are named by id, so a selection survives items before it being deleted.
 */

export interface Selection {
  ids: ReadonlySet<number>;
  /** The id a Shift-click's range starts from. */
  anchor: number | null;
}

export interface ClickModifiers {
  /** Shift: select the range from the anchor. */
  range: boolean;
  /** Ctrl or ⌘: toggle (with Shift: add the range to what is selected). */
  toggle: boolean;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/** The selection after clicking the item at `index` of `order` (the ids in the order shown). */
export function clickSelect(selection: Selection, order: readonly number[], index: number, { range, toggle }: ClickModifiers): Selection {
  const id = order[index];
  if (id === undefined) return selection;
  const anchorIndex = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  if (range && anchorIndex >= 0) {
    const [from, to] = anchorIndex <= index ? [anchorIndex, index] : [index, anchorIndex];
    const span = order.slice(from, to + 1);
    return { ids: new Set(toggle ? [...selection.ids, ...span] : span), anchor: selection.anchor };
  }
  if (toggle) {
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
}
