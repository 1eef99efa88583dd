import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appPerTest, screenshot, settledAttribute } from './harness';

const attr = (page: Page, testid: string, name: string) => page.getByTestId(testid).getAttribute(name);
const epochRows = (page: Page) => page.locator('[data-testid="epoch-table"] tbody tr');

async function configure(page: Page, fields: Record<string, string>, selects: Record<string, string>): Promise<void> {
  for (const [testid, value] of Object.entries(selects)) await page.getByTestId(testid).selectOption(value);
  for (const [testid, value] of Object.entries(fields)) await page.getByTestId(testid).fill(value);
}

describe('the training engine in the browser', () => {
  const openApp = appPerTest();

  it('AdamW + cosine + warm-up on WebGPU: pause, continue, reload mid-run, resume to the end', async () => {
    const app = await openApp({ webgpu: true });
    const { page } = app;
    await configure(
      page,
      { 'learning-rate': '0.01', 'warmup-epochs': '1', epochs: '4', samples: '240' },
      { 'backend-choice': 'webgpu', optimizer: 'adamw', schedule: 'cosine' },
    );
    // The preview shows the warm-up from 0 up to the base rate, then the cosine down to 1% of it.
    await expect.poll(async () => Number(await attr(page, 'lr-preview', 'data-peak'))).toBeCloseTo(0.01, 4);
    expect(Number(await attr(page, 'lr-preview', 'data-start'))).toBe(0);
    expect(Number(await attr(page, 'lr-preview', 'data-end'))).toBeCloseTo(0.0001, 6);

    await page.getByTestId('train').click();
    await expect.poll(() => attr(page, 'progress', 'data-batch'), { timeout: 120_000 }).not.toBe('0');
    await page.getByTestId('pause').click();
    await page.getByTestId('continue').waitFor();
    // The batch in flight may still report; after that a paused run adds no point for 2 s.
    const pausedPoints = await settledAttribute(page, 'charts', 'data-batch-points', 1000);
    expect(await settledAttribute(page, 'charts', 'data-batch-points', 2000, 2500)).toBe(pausedPoints);
    await screenshot(page, 'training-paused');
    await page.getByTestId('continue').click();

    await expect.poll(() => page.getByTestId('checkpoint-epoch').count(), { timeout: 120_000 }).toBe(1);
    await page.reload();
    await page.getByTestId('node-input').waitFor();
    const resume = page.getByTestId('resume-run');
    await resume.waitFor();
    const [, next] = /Resume from epoch (\d+) of 4/.exec((await resume.textContent()) ?? '') ?? [];
    expect(Number(next)).toBeGreaterThanOrEqual(2);
    // The curves so far come back from the checkpoint before training continues.
    expect(Number(await attr(page, 'charts', 'data-epoch-points'))).toBe(Number(next) - 1);
    const pointsBefore = Number(await attr(page, 'charts', 'data-batch-points'));
    expect(pointsBefore).toBeGreaterThan(0);
    await screenshot(page, 'training-resume-offer');

    await page.getByTestId('backend-choice').selectOption('webgpu');
    await resume.click();
    await page.getByTestId('train-result').waitFor({ timeout: 240_000 });
    expect(await attr(page, 'train-result', 'data-outcome')).toBe('completed');
    expect(await attr(page, 'backend-status', 'data-backend')).toBe('webgpu');
    const epochs = await epochRows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('td')?.textContent)));
    expect(epochs).toEqual([1, 2, 3, 4]);
    expect(Number(await attr(page, 'charts', 'data-batch-points'))).toBeGreaterThan(pointsBefore);
    const tensors = await epochRows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-tensors'))));
    expect(tensors.at(-1)).toBe(tensors.at(-2));
    await screenshot(page, 'training-finished');
    expect(app.errors).toEqual([]);
  });

  it('Lion at lr 1e3 stops on NaN with advice and keeps the last good checkpoint', async () => {
    const app = await openApp({ webgpu: true });
    const { page } = app;
    // SGD at 1e3 only saturates (clipped cross-entropy, zero gradient); Lion's decay term (1 − lr·λ = −99) overflows.
    await configure(page, { 'learning-rate': '1000', epochs: '6', samples: '240' }, { 'backend-choice': 'cpu', optimizer: 'lion' });
    await page.getByTestId('train').click();
    await page.getByTestId('train-result').waitFor({ timeout: 240_000 });
    expect(await attr(page, 'train-result', 'data-outcome')).toBe('diverged');
    const message = (await page.getByTestId('train-result').textContent()) ?? '';
    expect(message).toMatch(/NaN or infinite at epoch (\d+)/);
    expect(message).toContain('Try a learning rate of 100 or lower');
    const completed = await epochRows(page).count();
    expect(completed).toBeGreaterThanOrEqual(1);
    expect(message).toContain(`end of epoch ${completed} (the last checkpoint) were kept`);
    expect(await page.getByTestId('resume-run').textContent()).toContain(`Resume from epoch ${completed + 1}`);
    // The training doctor names it beside the chart, in the epoch the loss broke.
    const doctor = page.locator('[data-testid="doctor-finding"][data-rule="divergence"]');
    expect(await doctor.getAttribute('data-first-epoch')).toBe(String(completed + 1));
    expect(await doctor.textContent()).toContain('lower the learning rate to 100.');
    await screenshot(page, 'training-diverged');
    expect(app.errors).toEqual([]);
  });

  it('without WebGPU, Auto measures the other backends, picks one, and says why not WebGPU', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await configure(page, { epochs: '3', samples: '160' }, { 'backend-choice': 'auto' });
    await page.getByText('Regularization').click();
    await page.getByTestId('early-stopping').check();
    await page.getByTestId('class-weighting').selectOption('balanced');
    await page.getByTestId('train').click();
    await page.getByTestId('train-result').waitFor({ timeout: 240_000 });
    const active = await attr(page, 'backend-status', 'data-backend');
    expect(['webgl', 'wasm', 'cpu']).toContain(active);
    expect(await page.getByTestId('backend-skip-webgpu').textContent()).toContain('no WebGPU adapter');
    const speeds = await page.locator('[data-testid="backend-speeds"] [data-backend]').evaluateAll((els) =>
      els.map((el) => ({ name: el.getAttribute('data-backend'), speed: Number(el.getAttribute('data-samples-per-sec')) })),
    );
    expect(speeds.map((s) => s.name).sort()).toEqual(['cpu', 'wasm', 'webgl']);
    expect(speeds[0].name).toBe(active);
    expect(speeds[0].speed).toBeGreaterThanOrEqual(speeds[1].speed);
    expect(await attr(page, 'train-result', 'data-outcome')).toBe('completed');
    // Early stopping marks its best epoch on the charts and in the table.
    const best = Number(await attr(page, 'charts', 'data-best-epoch'));
    expect(best).toBeGreaterThanOrEqual(1);
    expect(await epochRows(page).nth(best - 1).getAttribute('class')).toContain('best');
    expect(await page.getByTestId('class-info').textContent()).toContain('Class weights');
    // After training, so the run above started Auto from a cold worker.
    await page.getByText('Augmentation').click();
    await page.getByTestId('augment-preview-button').click();
    await expect.poll(() => attr(page, 'augment-preview', 'data-count'), { timeout: 60_000 }).toBe('16');
    await screenshot(page, 'training-fallback');
    expect(app.errors).toEqual([]);
  });
});
