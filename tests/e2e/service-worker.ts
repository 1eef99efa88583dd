import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until a service worker is active and controls the page; the first visit only installs it, so reload once. */
export async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await page.getByTestId('node-input').waitFor();
  }
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}
