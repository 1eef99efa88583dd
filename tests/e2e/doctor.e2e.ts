import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot } from './harness';

describe('the training doctor in the browser', () => {
  const openApp = appPerTest();

  it('names overfitting while a run on a tiny training set goes on, from the epoch of the lowest validation loss; the saved project brings it back', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    // 32 training shapes, Adam at 0.01, no regularisation: memorised within ten epochs (about 25 s on the CPU backend).
    await page.getByTestId('backend-choice').selectOption('cpu');
    for (const [testid, value] of Object.entries({ samples: '40', 'batch-size': '8', 'learning-rate': '0.01', epochs: '20' })) await page.getByTestId(testid).fill(value);
    await page.getByTestId('train').click();

    const finding = page.locator('[data-testid="doctor-finding"][data-rule="overfitting"]');
    await finding.waitFor({ timeout: 240_000 });
    // Shown as it happens: the run is still going when the doctor names it.
    expect(await page.getByTestId('train-result').count()).toBe(0);
    expect(Number(await page.getByTestId('charts').getAttribute('data-epoch-points'))).toBeLessThan(20);

    await page.getByTestId('train-result').waitFor({ timeout: 240_000 });
    const valLosses = await page.locator('[data-testid="epoch-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-val-loss'))));
    const best = valLosses.indexOf(Math.min(...valLosses)) + 1;
    expect(best).toBeLessThan(valLosses.length - 2);
    expect(await finding.getAttribute('data-first-epoch')).toBe(String(best));
    const text = (await finding.textContent()) ?? '';
    expect(text).toContain(`Overfitting since epoch ${best}`);
    expect(text).toContain('dropout, augmentation or weight decay');
    expect(text).toContain(`turn on early stopping (Regularization) so the weights of the best epoch (${best}) are kept`);
    await page.getByTestId('doctor').scrollIntoViewIfNeeded();
    await screenshot(page, 'doctor-overfitting');
    expect(app.errors).toEqual([]);

    // Kept with the run: a project saved now and opened in a fresh browser brings the same finding back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-project').click()]);
    const saved = readFileSync(await download.path());
    const other = await openApp({ webgpu: false });
    await other.page.getByTestId('project-file-input').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/zip', buffer: saved });
    const reopened = other.page.locator('[data-testid="doctor-finding"][data-rule="overfitting"]');
    await reopened.waitFor();
    expect(await reopened.textContent()).toBe(text);
    expect(other.errors).toEqual([]);
  });
});
