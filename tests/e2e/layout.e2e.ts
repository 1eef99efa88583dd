import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { openApp, stopServer, type App } from './harness';

describe('page layout', () => {
  let app: App;
  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('hides the training panel to give the graph the room, and remembers it after a reload', async () => {
    app = await openApp({ webgpu: false });
    const { page } = app;
    const canvasHeight = async () => (await page.locator('.svelte-flow').boundingBox())!.height;
    const open = await canvasHeight();
    await page.getByTestId('toggle-training').click();
    await expect.poll(canvasHeight).toBeGreaterThan(open * 1.5);
    expect(await page.getByTestId('train').isVisible()).toBe(false);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/layout-collapsed.png' });

    await page.reload();
    await page.getByTestId('node-input').waitFor();
    expect(await page.getByTestId('toggle-training').getAttribute('aria-expanded')).toBe('false');
    await page.getByTestId('toggle-training').click();
    await expect.poll(() => page.getByTestId('train').isVisible()).toBe(true);
    expect(await canvasHeight()).toBeLessThan(open * 1.1);
    expect(app.errors).toEqual([]);
  });
});
