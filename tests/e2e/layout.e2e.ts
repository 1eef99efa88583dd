import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot } from './harness';

describe('page layout', () => {
  const openApp = appPerTest();

  it('hides the training panel to give the graph the room, and remembers it after a reload', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    const canvasHeight = async () => (await page.locator('.svelte-flow').boundingBox())!.height;
    const open = await canvasHeight();
    await page.getByTestId('toggle-training').click();
    await expect.poll(canvasHeight).toBeGreaterThan(open * 1.5);
    expect(await page.getByTestId('train').isVisible()).toBe(false);
    await screenshot(page, 'layout-collapsed');

    await page.reload();
    await page.getByTestId('node-input').waitFor();
    expect(await page.getByTestId('toggle-training').getAttribute('aria-expanded')).toBe('false');
    await page.getByTestId('toggle-training').click();
    await expect.poll(() => page.getByTestId('train').isVisible()).toBe(true);
    expect(await canvasHeight()).toBeLessThan(open * 1.1);
    expect(app.errors).toEqual([]);
  });
});
