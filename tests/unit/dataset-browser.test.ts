import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countSamples, listSamples } from '$lib/storage/database';
import { DatasetLibrary } from '$lib/datasets/client/library.svelte';
import { DatasetEditor } from '$lib/datasets/client/dataset-editor.svelte';
import { SampleBrowser, type EditRunner } from '$lib/datasets/client/sample-browser.svelte';
import { Thumbnails, thumbnailCapacity, type PixelReader } from '$lib/datasets/client/thumbnails';
import type { NewSample } from '$lib/datasets/shared/user-dataset';

/** What the tests keep instead of an ImageData (Node has none): the RGBA bytes and the size. */
interface Image {
  rgba: Uint8ClampedArray;
  width: number;
}
const makeImage = (rgba: Uint8ClampedArray, width: number): Image => ({ rgba, width });

/** A pixel reader that records each call and answers when told to. */
function pendingReader() {
  const calls: number[][] = [];
  const answers: (() => void)[] = [];
  const read: PixelReader = (_id, ids) => {
    calls.push(Array.from(ids));
    return new Promise((resolve) => answers.push(() => resolve(Array.from(ids, (id) => new Uint8Array(4).fill(id)))));
  };
  return { calls, read, answer: () => answers.shift()?.() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('thumbnail loader', () => {
  const format = { id: 'd', height: 2, width: 2, channels: 1 as const };

  it('reads a window in one call, gray pixels become opaque RGBA, and reads nothing it already holds', async () => {
    const reader = pendingReader();
    let loads = 0;
    const thumbs = new Thumbnails<Image>(format, { read: reader.read, makeImage, onload: () => loads++, onerror: (e) => { throw e; } });
    thumbs.show([1, 2, 3]);
    reader.answer();
    await settle();
    expect(reader.calls).toEqual([[1, 2, 3]]);
    expect(loads).toBe(1);
    expect(Array.from(thumbs.get(2)!.rgba.slice(0, 4))).toEqual([2, 2, 2, 255]);
    thumbs.show([2, 3, 4]);
    reader.answer();
    await settle();
    expect(reader.calls[1]).toEqual([4]);
  });

  it('skips the windows scrolled past while a read runs: only the latest one is read next', async () => {
    const reader = pendingReader();
    const thumbs = new Thumbnails<Image>(format, { read: reader.read, makeImage, onload: () => {}, onerror: (e) => { throw e; } });
    thumbs.show([1, 2]);
    thumbs.show([10, 11]);
    thumbs.show([20, 21]);
    reader.answer();
    await settle();
    reader.answer();
    await settle();
    expect(reader.calls).toEqual([[1, 2], [20, 21]]);
    expect(thumbs.get(10)).toBeUndefined();
  });

  it('keeps a bounded number of thumbnails, and never asks storage for samples being deleted', async () => {
    const reader = pendingReader();
    const thumbs = new Thumbnails<Image>(format, { read: reader.read, makeImage, capacity: 3, onload: () => {}, onerror: (e) => { throw e; } });
    thumbs.show([1, 2, 3]);
    thumbs.show([4, 5, 6]);
    thumbs.forget([5]);
    reader.answer();
    await settle();
    reader.answer();
    await settle();
    expect(reader.calls).toEqual([[1, 2, 3], [4, 6]]);
    expect([1, 2, 3, 4, 6].filter((id) => thumbs.get(id) !== undefined)).toEqual([3, 4, 6]);
  });

  it('reports a refused read, and reads the window again when asked again', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const read: PixelReader = async (_id, ids) => {
      if (fail) throw new Error('refused');
      return Array.from(ids, () => new Uint8Array(4));
    };
    const thumbs = new Thumbnails<Image>(format, { read, makeImage, onload: () => {}, onerror: (e) => errors.push(e) });
    thumbs.show([1]);
    await settle();
    expect(errors).toHaveLength(1);
    fail = false;
    thumbs.show([1]);
    await settle();
    expect(thumbs.get(1)).toBeDefined();
  });

  it('sizes the cache by memory: 2,000 small thumbnails, fewer large ones', () => {
    expect(thumbnailCapacity({ height: 32, width: 32 })).toBe(2000);
    expect(thumbnailCapacity({ height: 96, width: 96 })).toBe(1365);
  });
});

/** A stored 8×8 grayscale dataset with `perClass` samples in each of three classes, opened for editing. */
async function openDataset(perClass: number) {
  const library = new DatasetLibrary();
  const dataset = await library.create('Browse', { height: 8, width: 8, channels: 1, fit: 'crop' }, ['a', 'b', 'c']);
  const editor = new DatasetEditor(library, dataset);
  await editor.load();
  const samples: NewSample[] = Array.from({ length: 3 * perClass }, (_, k) => ({ classId: k % 3, origin: 'file', name: `s${k}.png`, pixels: new Uint8Array(64).fill(k % 256) }));
  await editor.addSamples(samples);
  const runner: EditRunner = {
    error: null,
    async attempt(action) {
      await action();
      return true;
    },
  };
  const browser = new SampleBrowser<Image>(runner, editor, { makeImage });
  browser.width = 720;
  browser.height = 360;
  return { dataset, editor, browser };
}

describe('dataset browser state', () => {
  it('renders a window of the samples, and loads only their thumbnails from storage', async () => {
    const { browser } = await openDataset(1000);
    // 10 columns; 5 visible rows plus 2 of overscan below.
    expect(browser.layout.columns).toBe(10);
    expect(browser.visible.map((s) => s.id)).toEqual(Array.from({ length: 70 }, (_, k) => k));
    // Scrolled to the bottom: rows 295..299 visible, two more above.
    browser.scrollTop = 300 * 72 - 360;
    expect(browser.visible[0].id).toBe(2930);
    expect(browser.visible.at(-1)!.id).toBe(2999);
    browser.load();
    await expect.poll(() => browser.loads).toBe(1);
    expect(browser.thumbnails.get(2999)!.rgba[0]).toBe(2999 % 256);
    expect(browser.thumbnails.get(0)).toBeUndefined();
  });

  it('filters by class, deletes a Shift-click range from storage, and moves a Ctrl-click selection to another class', async () => {
    const { dataset, editor, browser } = await openDataset(20);
    browser.showClass(1);
    expect(browser.shown).toHaveLength(20);
    expect(browser.shown.every((s) => s.classId === 1)).toBe(true);

    browser.click(0, { range: false, toggle: false });
    browser.click(2, { range: true, toggle: false });
    expect(browser.selected).toEqual([1, 4, 7]);
    await browser.deleteSelected();
    expect(browser.shown).toHaveLength(17);
    expect(browser.selected).toEqual([]);
    expect(await countSamples(dataset.id)).toBe(57);

    browser.click(0, { range: false, toggle: false });
    browser.click(5, { range: false, toggle: true });
    await browser.moveSelected(2);
    expect(editor.counts).toEqual([20, 15, 22]);
    expect(browser.shown).toHaveLength(15);
    const stored = await listSamples(dataset.id);
    expect(stored.filter((s) => s.classId === 2)).toHaveLength(22);
  });

  it('moves the focus with the keys, extends the selection with Shift, and scrolls to keep the focus in view', async () => {
    const { browser } = await openDataset(100);
    expect(browser.key('ArrowRight', false)).toBe(0);
    expect(browser.selected).toEqual([1]);
    browser.key('ArrowDown', true);
    expect(browser.selected).toEqual(Array.from({ length: 11 }, (_, k) => k + 1));
    expect(browser.key('End', false)).toBe(30 * 72 - 360);
    expect(browser.selected).toEqual([299]);
  });

  it('shows every class again when the class it showed is deleted', async () => {
    const { editor, browser } = await openDataset(5);
    browser.showClass(2);
    await editor.deleteClass(2);
    expect(browser.activeFilter).toBeNull();
    expect(browser.shown).toHaveLength(10);
  });
});
