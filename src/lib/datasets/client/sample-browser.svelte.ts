/**
 * The state behind the dataset browser: which class is shown, which samples are selected and
 * focused, which rows the scrolled view renders, and the edits made to the selection. The
 * component renders this and forwards events; Node tests drive it with a fake store.
 */
import { columnsFor, gridWindow, scrollToShow, type GridLayout } from '$lib/datasets/shared/grid-window';
import { moveFocus, type GridKey } from '$lib/datasets/shared/grid-focus';
import { clickSelect, EMPTY_SELECTION, type ClickModifiers, type Selection } from '$lib/datasets/shared/selection';
import type { SampleInfo, UserDataset } from '$lib/datasets/shared/user-dataset';
import { storageFailure } from './data-workspace.svelte';
import { Thumbnails, type ImageMaker, type PixelReader } from './thumbnails';

/** A cell: the thumbnail drawn at 64 CSS pixels, centred, with room for the selection border around it. */
export const CELL_SIZE = 72;
export const THUMB_SIZE = 64;
/** Rows rendered above and below the visible ones, so a short scroll finds them drawn. */
export const OVERSCAN_ROWS = 2;

/** What the browser needs of DatasetEditor. */
export interface SampleStore {
  readonly dataset: UserDataset;
  readonly samples: SampleInfo[];
  removeSamples(ids: readonly number[]): Promise<void>;
  relabel(ids: readonly number[], classId: number): Promise<void>;
}

/** What the browser needs of DataWorkspace: its way of running storage edits and showing their failure. */
export interface EditRunner {
  attempt(action: () => Promise<unknown>): Promise<boolean>;
  error: string | null;
}

export interface BrowserOptions<I> {
  read?: PixelReader;
  makeImage?: ImageMaker<I>;
}

export class SampleBrowser<I = ImageData> {
  /** The class shown, or null for all. */
  filter = $state<number | null>(null);
  selection = $state.raw<Selection>(EMPTY_SELECTION);
  /** Index (in `shown`) of the sample the keyboard acts on. */
  focus = $state(0);
  scrollTop = $state(0);
  width = $state(0);
  height = $state(0);
  /** Counts thumbnail reads, so the view redraws when pixels arrive. */
  loads = $state(0);
  readonly thumbnails: Thumbnails<I>;

  /** A filter on a class that has since been deleted shows everything. */
  readonly activeFilter = $derived.by(() => (this.store.dataset.classes.some((c) => c.id === this.filter) ? this.filter : null));
  readonly shown = $derived.by(() => (this.activeFilter === null ? this.store.samples : this.store.samples.filter((s) => s.classId === this.activeFilter)));
  readonly order = $derived(this.shown.map((s) => s.id));
  /** Selected samples that are still listed (a delete elsewhere or a class merge may have moved them). */
  readonly selected = $derived(this.order.filter((id) => this.selection.ids.has(id)));
  readonly layout: GridLayout = $derived({ columns: columnsFor(this.width, CELL_SIZE), rowHeight: CELL_SIZE, count: this.shown.length });
  readonly window = $derived(gridWindow(this.layout, { scrollTop: this.scrollTop, height: this.height }, OVERSCAN_ROWS));
  // Numbers rather than the window object: a scroll within a row then changes nothing downstream.
  readonly start = $derived(this.window.start);
  readonly end = $derived(this.window.end);
  readonly firstRow = $derived(this.window.firstRow);
  readonly endRow = $derived(this.window.endRow);
  readonly totalHeight = $derived(this.window.totalHeight);
  readonly visible = $derived(this.shown.slice(this.start, this.end));
  readonly rows = $derived(Array.from({ length: this.endRow - this.firstRow }, (_, k) => this.firstRow + k));
  readonly focusIndex = $derived(Math.min(this.focus, this.shown.length - 1));

  constructor(
    private readonly runner: EditRunner,
    private readonly store: SampleStore,
    options: BrowserOptions<I> = {},
  ) {
    this.thumbnails = new Thumbnails<I>(store.dataset, {
      ...options,
      onload: () => this.loads++,
      onerror: (error) => (this.runner.error = storageFailure(error)),
    });
  }

  /** Reads the thumbnails of the rows now rendered (call whenever `visible` changes). */
  load(): void {
    this.thumbnails.show(this.visible.map((s) => s.id));
  }

  showClass(classId: number | null): void {
    this.filter = classId;
    this.selection = EMPTY_SELECTION;
    this.focus = 0;
  }

  click(index: number, modifiers: ClickModifiers): void {
    this.selection = clickSelect(this.selection, this.order, index, modifiers);
    this.focus = index;
  }

  /** Moves the focus (Shift extends the selection to it) and returns the scrollTop that shows it. */
  key(key: GridKey, extend: boolean): number {
    const next = moveFocus(this.focusIndex, key, this.layout.columns, this.shown.length, Math.max(1, Math.floor(this.height / CELL_SIZE)));
    if (next < 0) return this.scrollTop;
    this.click(next, { range: extend, toggle: false });
    return scrollToShow(next, this.layout, { scrollTop: this.scrollTop, height: this.height });
  }

  async deleteSelected(): Promise<void> {
    const ids = this.selected;
    if (ids.length === 0) return;
    this.thumbnails.forget(ids);
    if (await this.runner.attempt(() => this.store.removeSamples(ids))) this.selection = EMPTY_SELECTION;
  }

  async moveSelected(classId: number): Promise<void> {
    const ids = this.selected;
    if (ids.length === 0) return;
    if (await this.runner.attempt(() => this.store.relabel(ids, classId))) this.selection = EMPTY_SELECTION;
  }
}
