import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot } from './harness';
import { graphOf } from './editor-page';
import { PRESETS } from '$lib/spec/presets';

/**
 * Data an older or newer NetLoom left in the browser: the page upgrades what it can read and says
 * what it cannot, and keeps working either way.
 */
describe('stored data from other versions', () => {
  const openApp = appPerTest();

  it('reopens a version-0 autosave, and reports a checkpoint from a newer NetLoom instead of resuming it', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    const { format: _format, version: _version, ...untagged } = PRESETS.lenet5(4);
    await page.evaluate(async (graph) => {
      localStorage.setItem('netloom.autosave.spec', JSON.stringify(graph));
      // The store the app itself opens at start-up; the record is what a later version might write.
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('netloom-training', 1);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise((resolve, reject) => {
        const tx = db.transaction('checkpoints', 'readwrite');
        tx.objectStore('checkpoints').put({ format: 'netloom-checkpoint', version: 99, epoch: 3 }, 'latest');
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, untagged);

    await page.reload();
    await expect.poll(() => page.getByTestId('train-result').textContent()).toMatch(/cannot be resumed.*made by a newer NetLoom/);
    expect((await graphOf(page)).map(([id]) => id).sort()).toEqual(PRESETS.lenet5(4).nodes.map((n) => n.id).sort());
    expect(await page.getByTestId('train').isEnabled()).toBe(true);
    expect(await page.getByTestId('resume-run').count()).toBe(0);
    expect(app.errors).toEqual([]);
    await screenshot(page, 'stored-data-newer-checkpoint');
  });
});
