import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appPerTest, screenshot, trainOnCanvas } from './harness';
import { generateRgbShapes, generateShapes } from '$lib/datasets/shared/shapes';
import { defaultSpec } from '$lib/spec/presets';
import { splitDataset, validationCount } from '$lib/datasets/shared/dataset';
import { VAL_FRACTION } from '$lib/training/shared/validate';
import { CELL_SHOWN } from '$lib/training/shared/evaluation';

const SAMPLES = 200;
const SEED = 5;

/** The confusion matrix as the page shows it: `counts[t][p]` from each cell's data-count. */
async function shownMatrix(page: Page): Promise<number[][]> {
  return page.getByTestId('confusion-matrix').evaluate((table) =>
    Array.from(table.querySelectorAll('tbody tr'), (tr) => Array.from(tr.querySelectorAll('button.cell'), (b) => Number(b.getAttribute('data-count')))),
  );
}

/** Each sample thumbnail of the open cell: its position and what its canvas shows (the first `channels` of RGBA). */
async function shownSamples(page: Page, channels = 1): Promise<{ position: number; label: number; predicted: number; pixels: number[] }[]> {
  return page.locator('[data-testid="cell-sample"]').evaluateAll(
    (spans, channels) =>
      spans.map((span) => {
      const canvas = span.querySelector('canvas')!;
      const rgba = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return {
        position: Number(span.getAttribute('data-position')),
        label: Number(span.getAttribute('data-label')),
        predicted: Number(span.getAttribute('data-predicted')),
        pixels: Array.from({ length: (rgba.length / 4) * channels }, (_, i) => rgba[Math.floor(i / channels) * 4 + (i % channels)]),
      };
    }),
    channels,
  );
}

describe('evaluating a trained model', () => {
  const openApp = appPerTest();

  it('shows a confusion matrix over the whole validation split after training; a cell click shows exactly its samples', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await page.getByTestId('seed').fill(String(SEED));
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: SAMPLES, epochs: 1 })).toBe('completed');

    // Evaluation runs by itself once the run ends.
    await page.locator('[data-testid="evaluation"][data-status="done"]').waitFor({ timeout: 60_000 });
    const valSize = validationCount(SAMPLES, VAL_FRACTION);
    const matrix = await shownMatrix(page);
    expect(matrix).toHaveLength(4);
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(valSize);
    expect(await page.getByTestId('evaluated-on').textContent()).toBe(`On ${valSize} validation samples`);

    // The same split the worker evaluated, rebuilt here: row totals are its class counts.
    const val = splitDataset(generateShapes({ count: SAMPLES, seed: SEED }), VAL_FRACTION).val;
    const perClass = [0, 1, 2, 3].map((c) => val.labels.filter((l) => l === c).length);
    expect(matrix.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(perClass);

    // Per-class table: support is the row total; a class never predicted shows "–" as precision, never NaN.
    const scores = await page.locator('[data-testid="class-score"]').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(scores.map((s) => Number(s[3]))).toEqual(perClass);
    scores.forEach((s, c) => {
      const predictedAsC = matrix.reduce((sum, row) => sum + row[c], 0);
      if (predictedAsC === 0) expect(s[0]).toBe('–');
      else expect(Number(s[0])).toBeCloseTo(matrix[c][c] / predictedAsC, 2);
    });
    expect(await page.getByTestId('evaluation').textContent()).not.toContain('NaN');
    const top1 = Number(await page.getByTestId('top-1').getAttribute('data-value'));
    expect(top1).toBeCloseTo(matrix.reduce((sum, row, t) => sum + row[t], 0) / valSize, 6);

    // Open the fullest wrong cell (or the fullest cell when nothing is wrong).
    const cells = matrix.flatMap((row, t) => row.map((count, p) => ({ t, p, count })));
    const wrong = cells.filter((c) => c.t !== c.p && c.count > 0);
    const pick = (wrong.length > 0 ? wrong : cells).reduce((a, b) => (b.count > a.count ? b : a));
    await page.getByTestId(`cell-${pick.t}-${pick.p}`).click();
    const panel = page.getByTestId('cell-samples');
    await expect.poll(() => panel.getAttribute('data-count')).toBe(String(pick.count));
    const samples = await shownSamples(page);
    expect(samples).toHaveLength(pick.count);
    expect(new Set(samples.map((s) => s.position)).size).toBe(pick.count);
    const size = 28 * 28;
    for (const s of samples) {
      expect([s.label, s.predicted]).toEqual([pick.t, pick.p]);
      // The thumbnail is that very validation sample: its true class and its pixels.
      expect(val.labels[s.position]).toBe(pick.t);
      expect(s.pixels).toEqual(Array.from(val.images.subarray(s.position * size, (s.position + 1) * size), (v) => Math.round(v * 255)));
    }

    // The gallery holds the wrong samples, up to 12.
    const wrongCount = wrong.reduce((sum, c) => sum + c.count, 0);
    // One seeded epoch on 160 samples is far from perfect, so the gallery has something to show.
    expect(wrongCount).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('wrong-sample').count()).toBe(Math.min(12, wrongCount));
    const gallery = await page.locator('[data-testid="wrong-sample"]').evaluateAll((figures) =>
      figures.map((f) => ({ label: Number(f.getAttribute('data-label')), predicted: Number(f.getAttribute('data-predicted')), caption: f.textContent ?? '' })),
    );
    const names = ['circle', 'square', 'triangle', 'cross'];
    const confidences = gallery.map((g) => {
      expect(g.predicted).not.toBe(g.label);
      expect(g.caption).toContain(`true: ${names[g.label]}`);
      expect(g.caption).toContain(`predicted: ${names[g.predicted]}`);
      return parseFloat(/\(([\d.]+)%\)/.exec(g.caption)?.[1] ?? 'NaN');
    });
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));

    // Row shares: each cell as a whole percent of its true class's samples.
    await page.getByTestId('row-normalised').check();
    const shares = await page
      .getByTestId('confusion-matrix')
      .evaluate((table) => Array.from(table.querySelectorAll('tbody tr'), (tr) => Array.from(tr.querySelectorAll('button.cell'), (b) => b.textContent)));
    expect(shares).toEqual(matrix.map((row, t) => row.map((n) => `${Math.round((n / perClass[t]) * 100)}%`)));
    await page.getByTestId('evaluation').screenshot({ path: 'test-results/evaluation-matrix.png' });
    await screenshot(page, 'evaluation-page');
    await page.getByTestId('wrong-sample').last().scrollIntoViewIfNeeded();
    await page.getByTestId('evaluation').screenshot({ path: 'test-results/evaluation-scores.png' });

    // On demand: the same model evaluates to the same matrix.
    await page.getByTestId('evaluate').click();
    await page.locator('[data-testid="evaluation"][data-status="done"]').waitFor();
    expect(await shownMatrix(page)).toEqual(matrix);
    expect(app.errors).toEqual([]);
  });

  it('a cell fuller than one page of thumbnails shows the rest on request, each sample once', async () => {
    const samples = 2000;
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await page.getByTestId('seed').fill(String(SEED));
    expect(await trainOnCanvas(page, { backend: 'wasm', samples, epochs: 1 })).toBe('completed');
    await page.locator('[data-testid="evaluation"][data-status="done"]').waitFor({ timeout: 60_000 });
    const cells = (await shownMatrix(page)).flatMap((row, t) => row.map((count, p) => ({ t, p, count })));
    const pick = cells.reduce((a, b) => (b.count > a.count ? b : a));
    expect(pick.count).toBeGreaterThan(CELL_SHOWN);
    await page.getByTestId(`cell-${pick.t}-${pick.p}`).click();
    const thumbs = page.getByTestId('cell-sample');
    await expect.poll(() => thumbs.count()).toBe(CELL_SHOWN);
    await page.getByTestId('cell-more').scrollIntoViewIfNeeded();
    await screenshot(page, 'evaluation-cell-more');
    await page.getByTestId('cell-more').click();
    await expect.poll(() => thumbs.count()).toBe(Math.min(pick.count, 2 * CELL_SHOWN));
    while ((await page.getByTestId('cell-more').count()) > 0) await page.getByTestId('cell-more').click();
    await expect.poll(() => thumbs.count()).toBe(pick.count);

    const val = splitDataset(generateShapes({ count: samples, seed: SEED }), VAL_FRACTION).val;
    const shown = await shownSamples(page);
    expect(new Set(shown.map((s) => s.position)).size).toBe(pick.count);
    const size = 28 * 28;
    for (const s of shown) {
      expect([s.label, s.predicted, val.labels[s.position]]).toEqual([pick.t, pick.p, pick.t]);
      expect(s.pixels).toEqual(Array.from(val.images.subarray(s.position * size, (s.position + 1) * size), (v) => Math.round(v * 255)));
    }
    expect(app.errors).toEqual([]);
  });

  it('RGB Shapes: nine classes fit the panel without scrolling, and a cell shows its samples in colour', async () => {
    const spec = defaultSpec(9);
    spec.nodes.find((n) => n.id === 'input')!.params = { height: 28, width: 28, channels: 3 };
    const app = await openApp({ webgpu: false, spec });
    const { page } = app;
    await page.getByTestId('dataset-choice').selectOption('shapes-rgb');
    await page.getByTestId('seed').fill(String(SEED));
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 270, epochs: 1 })).toBe('completed');
    await page.locator('[data-testid="evaluation"][data-status="done"]').waitFor({ timeout: 60_000 });
    const matrix = await shownMatrix(page);
    expect(matrix.map((row) => row.length)).toEqual(Array.from({ length: 9 }, () => 9));
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(validationCount(270, VAL_FRACTION));
    const overflow = await page.getByTestId('confusion-matrix').evaluate((table) => table.scrollWidth - table.parentElement!.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    const val = splitDataset(generateRgbShapes({ count: 270, seed: SEED }), VAL_FRACTION).val;
    const cells = matrix.flatMap((row, t) => row.map((count, p) => ({ t, p, count })));
    const pick = cells.reduce((a, b) => (b.count > a.count ? b : a));
    await page.getByTestId(`cell-${pick.t}-${pick.p}`).click();
    await expect.poll(() => page.getByTestId('cell-samples').getAttribute('data-count')).toBe(String(pick.count));
    const samples = await shownSamples(page, 3);
    expect(samples).toHaveLength(pick.count);
    const size = 28 * 28 * 3;
    for (const s of samples) expect(s.pixels).toEqual(Array.from(val.images.subarray(s.position * size, (s.position + 1) * size), (v) => Math.round(v * 255)));
    await page.getByTestId('confusion-matrix').screenshot({ path: 'test-results/evaluation-rgb-matrix.png' });
    await page.getByTestId('cell-samples').screenshot({ path: 'test-results/evaluation-rgb-cell.png' });
    expect(app.errors).toEqual([]);
  });
});
