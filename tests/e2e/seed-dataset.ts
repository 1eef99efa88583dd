import type { Page } from 'playwright-core';

export interface SeedOptions {
  id: string;
  name: string;
  size: number;
  channels: 1 | 3;
  classes: string[];
  perClass: number;
}

/**
 * Writes a user's dataset straight into the page's IndexedDB, in the stored format (database
 * 'netloom-datasets' v1, see src/lib/storage/database.ts and user-dataset-record.ts), for tests
 * that need samples without importing them. Sample k of class c is mostly dark with a bright
 * band whose row depends on the class, plus a little per-sample noise: easy to learn, not constant.
 * Reload the page afterwards so the app reads it.
 */
export async function seedDataset(page: Page, o: SeedOptions): Promise<void> {
  await page.evaluate(
    (o) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('netloom-datasets', 1);
        open.onupgradeneeded = () => ['datasets', 'samples', 'pixels'].forEach((store) => open.result.createObjectStore(store));
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['datasets', 'samples', 'pixels'], 'readwrite');
          const count = o.classes.length * o.perClass;
          const description = {
            format: 'netloom-dataset',
            version: 1,
            id: o.id,
            name: o.name,
            height: o.size,
            width: o.size,
            channels: o.channels,
            fit: 'crop',
            classes: o.classes.map((name, id) => ({ id, name })),
            nextClassId: o.classes.length,
            nextSampleId: count,
            createdAt: 1,
          };
          tx.objectStore('datasets').put(description, o.id);
          const band = Math.max(1, Math.floor(o.size / o.classes.length));
          for (let id = 0; id < count; id++) {
            const c = id % o.classes.length;
            const pixels = new Uint8Array(o.size * o.size * o.channels);
            for (let i = 0; i < pixels.length; i++) {
              const row = Math.floor(i / (o.size * o.channels));
              pixels[i] = (Math.floor(row / band) === c ? 220 : 20) + ((id * 31 + i * 17) % 25);
            }
            tx.objectStore('samples').put({ id, classId: c, origin: 'file', name: `${o.classes[c]}-${id}.png` }, [o.id, id]);
            tx.objectStore('pixels').put(pixels, [o.id, id]);
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    o,
  );
}
