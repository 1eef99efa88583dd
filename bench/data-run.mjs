// The data benchmarks (issue 9), each a page load of bench.html?suite=… (bench/data.ts):
// LeNet-5 on the full bundled MNIST split, and 10,000 synthetic 64×64×3 images imported into a
// user's dataset, trained for one epoch by the app's worker and counted again after the browser
// profile is closed and reopened. Memory is measured from outside the page (bench/memory.mjs).
import { tfPeakMb, tfWorker, trackTfPeak, watchMemory } from './memory.mjs';

const backend = process.env.BENCH_DATA_BACKEND ?? 'webgl';
/** `--quick`: the same keys from a smaller run, to check the harness. */
const quick = process.argv.includes('--quick');
const SCALE_SAMPLES = quick ? 1000 : 10_000;
/** The worker's device budget for one dataset's images (workers/datasets/device-feed.ts). */
const DEVICE_BUDGET_MB = 64;

async function suite(page, base, query, timeoutMs = 1_200_000) {
  // The page reports each epoch on its console: progress here, and figures even when a run is cut short.
  const progress = (message) => message.text().startsWith('bench:') && console.error(message.text());
  page.on('console', progress);
  await page.goto(new URL(`/bench.html?${query}`, base).href);
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: timeoutMs, polling: 1000 });
  const result = await page.evaluate(() => window.__bench);
  page.off('console', progress);
  if (result.error) throw new Error(`${query}: ${result.error}`);
  return result;
}

async function mnist(page, base) {
  console.error(`bench: LeNet-5 on MNIST (${backend})…`);
  // The page stops training after 25 minutes of epochs (its `maxSeconds`); the wait allows for the last epoch and the data.
  return suite(page, base, `suite=mnist&backend=${backend}${quick ? '&epochs=1&count=600' : ''}`, 2_700_000);
}

async function importAndTrain(context, page, base) {
  console.error(`bench: importing ${SCALE_SAMPLES} images of 64×64×3…`);
  let watch = await watchMemory(context, page);
  const imported = await suite(page, base, `suite=scale-import&count=${SCALE_SAMPLES}`);
  const importPeak = await watch.stop();

  console.error(`bench: one epoch on them (${backend}), streamed from IndexedDB…`);
  watch = await watchMemory(context, page);
  await page.goto(new URL(`/bench.html?suite=scale-train&dataset=${imported.dataset_id}&backend=${backend}&hold`, base).href);
  await page.waitForFunction(() => typeof window.__release === 'function', null, { timeout: 120_000 });
  const worker = await tfWorker(page);
  await trackTfPeak(worker);
  await page.evaluate(() => window.__release());
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 1_200_000, polling: 1000 });
  const trained = await page.evaluate(() => window.__bench);
  if (trained.error) throw new Error(`scale-train: ${trained.error}`);
  const peakTf = await tfPeakMb(worker);
  const trainPeak = await watch.stop();
  return { imported, importPeak, trained, trainPeak, peakTf };
}

/**
 * Runs the data benchmarks. `reopen()` closes the browser and starts it again on the same
 * profile, returning the new context: the stored dataset must still be complete afterwards.
 */
export async function dataBenchmarks(context, base, reopen) {
  let page = context.pages()[0] ?? (await context.newPage());
  const lenet = await mnist(page, base);
  const { imported, importPeak, trained, trainPeak, peakTf } = await importAndTrain(context, page, base);

  console.error('bench: reopening the profile and counting the stored samples…');
  const reopened = await reopen();
  page = reopened.pages()[0] ?? (await reopened.newPage());
  const check = await suite(page, base, `suite=scale-check&dataset=${imported.dataset_id}`);
  const reloadOk = check.samples_after_reopen === SCALE_SAMPLES && check.first_and_last_intact;
  if (!reloadOk) {
    console.error(`bench: FAILED: ${check.samples_after_reopen} of ${SCALE_SAMPLES} samples after reopening (intact: ${check.first_and_last_intact})`);
    process.exitCode = 1;
  }

  const importFigures = { ...imported };
  delete importFigures.dataset_id;
  const peakHeapPage = Math.max(importPeak.page.heap_mb, trainPeak.page.heap_mb);
  const scale = {
    ...importFigures,
    ...Object.fromEntries(Object.entries(trained).map(([k, v]) => [k === 'wall_seconds' ? 'train_wall_seconds' : k, v])),
    peak_heap_mb: { page_import: importPeak.page.heap_mb, page_train: trainPeak.page.heap_mb, worker_train: trainPeak.worker.heap_mb },
    peak_array_buffers_mb: { page_import: importPeak.page.buffers_mb, page_train: trainPeak.page.buffers_mb, worker_train: trainPeak.worker.buffers_mb },
    peak_tf_mb: peakTf,
    device_budget_mb: DEVICE_BUDGET_MB,
    memory_source: 'CDP Runtime.getHeapUsage per target (usedSize; backingStorageSize for ArrayBuffers), sampled every 250 ms; tf: peak of engine.state.numBytes (= tf.memory().numBytes) in the worker',
    reload: { ...check, ok: reloadOk },
  };
  return {
    import_images_per_s: imported.import_images_per_s,
    // Both JS heaps of the tab at their highest, added: an upper bound of the tab's JS heap.
    peak_heap_mb: Math.round((peakHeapPage + trainPeak.worker.heap_mb) * 10) / 10,
    peak_tf_mb: peakTf,
    mnist: lenet,
    scale,
  };
}
