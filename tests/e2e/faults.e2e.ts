import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPerTest, screenshot, trainOnCanvas } from './harness';
import { seedDataset } from './seed-dataset';
import { graphOf } from './editor-page';
import { shareHash } from '$lib/share/url';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import type { GraphSpec } from '$lib/spec/types';
import { m } from '$lib/i18n/messages';
import { Fixture } from '../unit/support/onnx-fixtures';

/**
 * The fault catalogue (issue 14): each fault a person can meet, one test each, checking that the
 * app says what happened and what to do, keeps what the person made, and that the next action works.
 *
 * Faults covered in the files where their feature is tested (slow runs are not repeated here):
 * - NaN loss (learning rate too high) → training.e2e.ts "Lion at lr 1e3 stops on NaN with advice…"
 * - WebGPU unavailable → fallback shown → training.e2e.ts "without WebGPU, Auto measures…"
 * - training worker terminated mid-epoch → worker-recovery.e2e.ts "a worker that dies mid-epoch…"
 * - reload mid-training → resume offered → training.e2e.ts "AdamW + cosine + warm-up… reload mid-run, resume"
 * - checkpoint from a newer NetLoom → stored-data.e2e.ts
 * - a folder with non-image files (and a corrupt PNG) → image-import.e2e.ts "imports one class per sub-folder…"
 * - a broken or foreign dataset zip → dataset-zip.e2e.ts "refuses a broken zip with its reason…"
 * - camera denied → camera-capture.e2e.ts "a denied camera says how to allow it…"
 * - invalid layer and training settings → settings.e2e.ts
 * - a corrupt and a newer-version project file → project-file.e2e.ts "…refuses a corrupt or newer file with its message, changing nothing"
 * - camera denied on the Use tab → live-webcam.e2e.ts "without a camera the webcam says so…"
 * - offline → offline.e2e.ts "after one visit, with the network off and a reload…"
 * - a locked control under a teacher's rules → classroom.e2e.ts
 */

const classNames = (page: Page) => page.getByTestId('class-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
const classCounts = (page: Page) => page.getByTestId('class-count').allTextContents();

/** Replaces a field's text key by key, as a person types. */
async function retype(page: Page, testid: string, text: string): Promise<void> {
  await page.getByTestId(testid).fill('');
  await page.getByTestId(testid).pressSequentially(text);
}

/** Files dropped onto a class, made in the page (a drop's files cannot come from disk): solid PNGs, and other files as text. */
async function dropOnClass(page: Page, className: string, files: { name: string; png?: string }[]): Promise<void> {
  await page.locator(`[data-testid="class-drop"][data-class="${className}"]`).evaluate(async (target, files) => {
    const transfer = new DataTransfer();
    for (const { name, png } of files) {
      if (!png) {
        transfer.items.add(new File(['not a picture'], name, { type: 'text/plain' }));
        continue;
      }
      const canvas = new OffscreenCanvas(20, 20);
      const context = canvas.getContext('2d')!;
      context.fillStyle = png;
      context.fillRect(0, 0, 20, 20);
      transfer.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' }));
    }
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

/** Waits for the import under way to end, and returns how it ended. */
async function importEnded(page: Page): Promise<string | null> {
  await expect.poll(() => page.getByTestId('import-status').getAttribute('data-phase'), { timeout: 60_000 }).toMatch(/^(done|stopped|cancelled)$/);
  return page.getByTestId('import-status').getAttribute('data-phase');
}

/** Input 28×28×1 → 64 filters at full size → Flatten (50,176) → Dense 4096 → Dense 4: every value in range, 206 M weights. */
function wideHead(): GraphSpec {
  const relu = { activation: 'relu', useBias: true } as const;
  return {
    format: 'netloom-graph',
    version: 1,
    name: 'Wide head',
    nodes: [
      { id: 'input', kind: 'Input', params: { height: 28, width: 28, channels: 1 }, inputs: [] },
      { id: 'conv', kind: 'Conv2D', params: { filters: 64, kernelSize: 3, strides: 1, padding: 'same', dilation: 1, ...relu }, inputs: ['input'] },
      { id: 'flatten', kind: 'Flatten', params: {}, inputs: ['conv'] },
      { id: 'wide', kind: 'Dense', params: { units: 4096, ...relu }, inputs: ['flatten'] },
      { id: 'out', kind: 'Dense', params: { units: 4, activation: 'softmax', useBias: true }, inputs: ['wide'] },
    ],
  };
}

/** Markup that would run if a name were ever put into the page as HTML: each sets a flag or opens a dialog. */
const HOSTILE = {
  img: '<img src=x onerror="window.__netloomInjected=1">',
  script: '<script>window.__netloomInjected=2</script>',
  alert: '<img src=x onerror=alert(1)>',
  bold: '<b>bold</b>',
};

/** Nothing a hostile name carried has run or become an element. */
async function expectNothingInjected(page: Page, dialogs: string[]): Promise<void> {
  expect(dialogs).toEqual([]);
  const found = await page.evaluate(() => ({
    flag: (window as { __netloomInjected?: number }).__netloomInjected ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: Array.from(document.scripts).filter((s) => s.textContent?.includes('__netloomInjected')).length,
    bold: Array.from(document.querySelectorAll('b')).filter((b) => b.textContent === 'bold').length,
  }));
  expect(found).toEqual({ flag: null, images: 0, scripts: 0, bold: 0 });
}

describe('fault catalogue', () => {
  const openApp = appPerTest();

  it('a damaged share link: says the link is damaged, keeps the graph on the canvas, and a good link still opens', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.resnet(4) });
    const { page } = app;
    const mine = await graphOf(page);
    const hash = shareHash(PRESETS.lenet5(4));
    await page.evaluate((h) => (location.hash = h), hash.slice(0, 40) + '*~' + hash.slice(44));
    await expect.poll(() => page.getByTestId('share-error').textContent()).toMatch(/^Could not open the shared link\. The link is damaged.* Your current graph is unchanged\./);
    expect(await graphOf(page)).toEqual(mine);

    await page.evaluate((h) => (location.hash = h), hash);
    await page.getByTestId('shared-graph-open').click();
    await expect.poll(async () => (await graphOf(page)).map(([id]) => id).sort()).toEqual(PRESETS.lenet5(4).nodes.map((n) => n.id).sort());
    expect(await page.getByTestId('share-error').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('an unreadable autosaved graph and training settings at start-up: says so, keeps their text, starts with defaults, and new edits are saved', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    const damagedGraph = '{"format":"netloom-graph","version":1,"name":"Mine","nodes":[{"id":';
    const newerSettings = JSON.stringify({ format: 'netloom.training-settings', version: 99, settings: {} });
    await page.evaluate(
      ([graph, settings]) => {
        localStorage.setItem('netloom.autosave.spec', graph);
        localStorage.setItem('netloom.training.settings', settings);
      },
      [damagedGraph, newerSettings],
    );
    await page.reload();

    const notice = page.getByTestId('record-problems');
    await expect.poll(async () => (await notice.locator('p').allTextContents()).sort()).toEqual([
      expect.stringMatching(/^Your saved graph could not be read, so NetLoom started with the default graph\. Its text is damaged \(not JSON\)\. Nothing was deleted: the unreadable copy is kept in this browser's storage as "netloom\.autosave\.spec\.unreadable"/),
      expect.stringMatching(/^Your saved training settings could not be read.*made by a newer NetLoom.*Update NetLoom to open it\..*"netloom\.training\.settings\.unreadable"/),
    ]);
    expect((await graphOf(page)).map(([id]) => id).sort()).toEqual(defaultSpec(4).nodes.map((n) => n.id).sort());
    await screenshot(page, 'fault-unreadable-autosave');
    const kept = () => page.evaluate(() => [localStorage.getItem('netloom.autosave.spec.unreadable'), localStorage.getItem('netloom.training.settings.unreadable')]);
    expect(await kept()).toEqual([damagedGraph, newerSettings]);

    await page.getByTestId('record-problems-dismiss').click();
    await page.locator('[data-id="conv1"]').click();
    await retype(page, 'param-filters', '12');
    await retype(page, 'epochs', '7');
    await expect.poll(() => page.getByTestId('node-conv1').getAttribute('data-shape')).toBe('28×28×12');
    await page.reload();
    await expect.poll(() => page.getByTestId('node-conv1').getAttribute('data-shape')).toBe('28×28×12');
    expect(await page.getByTestId('epochs').inputValue()).toBe('7');
    expect(await page.getByTestId('record-problems').count()).toBe(0);
    expect(await kept()).toEqual([damagedGraph, newerSettings]);
    expect(app.errors).toEqual([]);
  });

  it('an unreadable stored dataset: the data view lists it with its reason, leaves it stored, and the other datasets still open and change', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await seedDataset(page, { id: 'good', name: 'Good', size: 28, channels: 1, classes: ['a', 'b'], perClass: 3 });
    const broken = { format: 'netloom-dataset', version: 1, id: 'bad', name: 'Bad', height: 28, width: 30, channels: 1, fit: 'crop', classes: [], nextClassId: 0, nextSampleId: 0, createdAt: 2 };
    /** Writes `value` as the description of 'bad' when given, and reads back what storage holds there. */
    const storedBad = (value?: unknown) =>
      page.evaluate(
        (value) =>
          new Promise<unknown>((resolve, reject) => {
            const open = indexedDB.open('netloom-datasets', 1);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('datasets', 'readwrite');
              const store = tx.objectStore('datasets');
              if (value !== undefined) store.put(value, 'bad');
              const read = store.get('bad');
              tx.oncomplete = () => {
                open.result.close();
                resolve(read.result);
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        value,
      );
    await storedBad(broken);
    await page.reload();
    await page.getByTestId('show-data').click();

    const reason = page.getByRole('alert').filter({ hasText: 'A stored dataset cannot be read and is left untouched' });
    await expect.poll(() => reason.textContent()).toContain(m.userDatasetBadFormat());
    expect(await page.getByTestId('open-dataset').allTextContents()).toEqual([expect.stringContaining('Good')]);
    await page.getByTestId('open-dataset').click();
    await expect.poll(() => classCounts(page)).toEqual(['3', '3']);
    await page.getByTestId('new-class-name').fill('c');
    await page.getByTestId('add-class').click();
    await expect.poll(() => classNames(page)).toEqual(['a', 'b', 'c']);
    expect(await page.evaluate(() => document.querySelector('[data-testid="data-view"]')?.textContent?.includes('Bad') ?? false)).toBe(false);
    expect(await reason.count()).toBe(1);
    expect(await storedBad()).toEqual(broken);
    // Deleting it, when the user chooses to, frees it from storage and from the list.
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('delete-unreadable').click();
    await expect.poll(() => reason.count()).toBe(0);
    expect(await storedBad()).toBeUndefined();
    expect(app.errors).toEqual([]);
  });

  it('a model too large for the device is refused before training with its memory estimate and what to change; after the change it trains', async () => {
    const app = await openApp({ webgpu: false, spec: wideHead() });
    const { page } = app;
    const refusal = page.getByTestId('memory-blocked');
    await expect.poll(() => refusal.textContent()).toMatch(/^Too large to train here: this model needs about \d+\.\d\d GB .* more than the 1\.00 GB a browser tab can count on\./);
    expect(await refusal.textContent()).toContain('Most of it is "wide" (206M parameters): give it fewer units, or put a pooling layer before Flatten');
    expect(await page.getByTestId('train').isDisabled()).toBe(true);
    await screenshot(page, 'fault-model-too-large');

    await page.locator('[data-id="wide"]').click();
    await retype(page, 'param-units', '32');
    await expect.poll(() => refusal.count()).toBe(0);
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 100, epochs: 1 })).toBe('completed');
    expect(app.errors).toEqual([]);
  });

  it('a full disk during an image import: says storage is full, keeps what was stored before, and the next import stores once there is room', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    // Every write of pixels fails as a full disk makes it fail, while the page's flag is up.
    await app.context.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if ((window as { __diskFull?: boolean }).__diskFull && this.name === 'pixels') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await seedDataset(page, { id: 'full', name: 'Full', size: 28, channels: 1, classes: ['a', 'b'], perClass: 3 });
    await page.reload();
    await page.getByTestId('show-data').click();
    await page.getByTestId('open-dataset').click();
    await expect.poll(() => classCounts(page)).toEqual(['3', '3']);

    await page.evaluate(() => ((window as { __diskFull?: boolean }).__diskFull = true));
    await dropOnClass(page, 'a', [
      { name: 'one.png', png: '#fff' },
      { name: 'two.png', png: '#888' },
    ]);
    expect(await importEnded(page)).toBe('stopped');
    expect(await page.getByTestId('import-problem').textContent()).toBe(m.importStopped({ why: m.storageFull(), stored: 0 }));
    expect(await classCounts(page)).toEqual(['3', '3']);
    await page.getByTestId('image-import').scrollIntoViewIfNeeded();
    await screenshot(page, 'fault-storage-full');

    await page.evaluate(() => ((window as { __diskFull?: boolean }).__diskFull = false));
    await dropOnClass(page, 'a', [
      { name: 'one.png', png: '#fff' },
      { name: 'two.png', png: '#888' },
    ]);
    expect(await importEnded(page)).toBe('done');
    await expect.poll(() => classCounts(page)).toEqual(['5', '3']);
    await page.reload();
    await expect.poll(() => classCounts(page)).toEqual(['5', '3']);
    expect(app.errors).toEqual([]);
  });

  it('names holding markup (graph, layer, dataset, class and file names) are shown as text and never run', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.lenet5(4) });
    const { page } = app;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    // A shared graph whose name and layer ids are markup (the editor never lets one type them, a link can carry them).
    const hostile = defaultSpec(4);
    const ids: Record<string, string> = { input: HOSTILE.img, conv1: HOSTILE.script };
    const renamed: GraphSpec = {
      ...hostile,
      name: `${HOSTILE.alert}Net`,
      nodes: hostile.nodes.map((n) => ({ ...n, id: ids[n.id] ?? n.id, inputs: n.inputs.map((i) => ids[i] ?? i) })),
    };
    await page.evaluate((h) => (location.hash = h), shareHash(renamed));
    await expect.poll(() => page.getByTestId('shared-graph-dialog').textContent()).toContain(`“${HOSTILE.alert}Net”`);
    await page.getByTestId('shared-graph-open').click();
    await expect.poll(() => page.getByTestId(`node-${HOSTILE.script}`).count()).toBe(1);
    expect(await page.getByTestId(`node-${HOSTILE.img}`).textContent()).toContain(HOSTILE.img);
    expect(await page.getByTestId(`node-${HOSTILE.script}`).textContent()).toContain(HOSTILE.script);

    // A dataset and classes named with markup, and files so named dropped onto a class.
    await page.getByTestId('show-data').click();
    await page.getByTestId('new-dataset-name').fill(HOSTILE.script);
    await page.getByTestId('new-dataset-classes').fill(`${HOSTILE.img}, ${HOSTILE.bold}`);
    await page.getByTestId('create-dataset').click();
    await expect.poll(() => classNames(page)).toEqual([HOSTILE.img, HOSTILE.bold]);
    await dropOnClass(page, HOSTILE.bold, [{ name: `${HOSTILE.alert}.png`, png: '#fff' }, { name: `${HOSTILE.script}.txt` }]);
    expect(await importEnded(page)).toBe('done');
    expect(await page.getByTestId('skipped-file').allTextContents()).toEqual([`${HOSTILE.script}.txt — not an image (text/plain)`]);
    expect(await page.getByTestId('open-dataset').textContent()).toContain(HOSTILE.script);
    expect(await page.getByTestId('import-done').textContent()).toContain(HOSTILE.script);
    await page.getByTestId('train-on-dataset').click();
    await expect.poll(() => page.getByTestId('dataset-label').textContent()).toContain(`${HOSTILE.script} (${HOSTILE.img}, ${HOSTILE.bold})`);
    await expect.poll(() => classCounts(page)).toEqual(['0', '1']);
    await screenshot(page, 'fault-names-as-text');
    await expectNothingInjected(page, dialogs);

    await page.reload();
    await page.getByTestId('data-view').waitFor();
    await expect.poll(() => classNames(page)).toEqual([HOSTILE.img, HOSTILE.bold]);
    await expectNothingInjected(page, dialogs);
    expect(app.errors).toEqual([]);
  });

  it('a class with no samples is named in the data view with what to do, and training on the rest still runs', async () => {
    const app = await openApp({ webgpu: false });
    const { page } = app;
    await seedDataset(page, { id: 'bands', name: 'Bands', size: 28, channels: 1, classes: ['top', 'bottom'], perClass: 30 });
    await page.reload();
    await page.getByTestId('show-data').click();
    await page.getByTestId('open-dataset').click();
    await page.getByTestId('new-class-name').fill('middle');
    await page.getByTestId('add-class').click();
    await expect.poll(() => classCounts(page)).toEqual(['30', '30', '0']);
    expect(await page.getByTestId('empty-classes').textContent()).toBe(m.emptyClasses({ names: '“middle”', count: 1 }));
    expect(await page.getByTestId('imbalance').count()).toBe(0);
    await screenshot(page, 'fault-empty-class');

    await page.getByTestId('train-on-dataset').click();
    await page.getByTestId('show-model').click();
    await page.getByTestId('fix-dense').click();
    expect(await trainOnCanvas(page, { backend: 'cpu', epochs: 1 })).toBe('completed');
    await page.getByTestId('show-data').click();
    await page.getByTestId('new-class-name').fill('extra');
    await page.getByTestId('add-class').click();
    await expect.poll(() => page.getByTestId('empty-classes').textContent()).toBe(m.emptyClasses({ names: '“middle”, “extra”', count: 2 }));
    expect(app.errors).toEqual([]);
  });

  it('an ONNX file that cannot be opened on the Use tab (random bytes dropped, a model with unsupported ops picked): one message naming the failure or the ops, and nothing else changes', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.lenet5(4) });
    const { page } = app;
    const mine = await graphOf(page);
    await page.getByTestId('show-live').click();
    const noise = Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 251);
    await page.getByTestId('foreign-section').evaluate((target, bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(bytes)], 'noise.onnx'));
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, noise);
    await expect.poll(() => page.getByTestId('foreign-error').textContent()).toBe(m.foreignErrors_notOnnx({ file: 'noise.onnx' }));

    const f = new Fixture();
    const x = f.input('x', ['N', 3, 8, 8]);
    f.output(f.node('Erf', [f.node('Resize', [x, '', f.floats([1, 1, 2, 2])])]));
    await page.getByTestId('foreign-file').setInputFiles({ name: 'gelu.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(f.bytes()) });
    await expect.poll(() => page.getByTestId('foreign-error').textContent()).toBe(m.foreignErrors_unsupportedOps({ file: 'gelu.onnx', ops: (['Resize', 'Erf']).join(', '), count: (['Resize', 'Erf']).length, shape: (['Resize', 'Erf']).includes('Shape') ? 'yes' : 'no' }));
    await screenshot(page, 'fault-foreign-onnx');
    expect(await page.getByTestId('foreign-error').count()).toBe(1);
    expect(await page.getByTestId('foreign-graph').count()).toBe(0);
    expect(await page.getByTestId('live-no-model').isVisible()).toBe(true);
    await page.getByTestId('show-model').click();
    expect(await graphOf(page)).toEqual(mine);
    expect(app.errors).toEqual([]);
  });
});
