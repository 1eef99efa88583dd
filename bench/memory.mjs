// Memory of a benchmark page measured from outside it, so the page runs unmodified:
// - JS heaps: CDP `Runtime.getHeapUsage` of the page and of each dedicated worker (reached
//   through a second, non-flattened auto-attach session beside Playwright's own), sampled every
//   `intervalMs`; `usedSize` is the V8 heap, `backingStorageSize` the ArrayBuffers it holds.
// - tfjs bytes: a peak counter on the worker's tfjs engine (`tf.memory().numBytes` is
//   `engine.state.numBytes`), so the peak includes the tensors alive inside a training step.
const MB = 2 ** 20;
const mb = (bytes) => Math.round((bytes / MB) * 10) / 10;

/** Starts sampling; `stop()` returns peak MB of the page and of the largest worker. */
export async function watchMemory(context, page, intervalMs = 250) {
  const cdp = await context.newCDPSession(page);
  const workers = new Set();
  const replies = new Map();
  let nextId = 1;
  const peak = { page: { heap: 0, buffers: 0 }, worker: { heap: 0, buffers: 0 } };
  const record = (side, usage) => {
    if (!usage) return;
    peak[side].heap = Math.max(peak[side].heap, usage.usedSize);
    peak[side].buffers = Math.max(peak[side].buffers, usage.backingStorageSize ?? 0);
  };
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.add(sessionId);
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => workers.delete(sessionId));
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    replies.get(reply.id)?.(reply.result);
    replies.delete(reply.id);
  });
  const ask = (sessionId, method) =>
    new Promise((resolve) => {
      const id = nextId++;
      replies.set(id, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => resolve(undefined));
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      record('page', await cdp.send('Runtime.getHeapUsage').catch(() => undefined));
      for (const sessionId of workers) record('worker', await ask(sessionId, 'Runtime.getHeapUsage'));
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      await cdp.detach().catch(() => undefined);
      return {
        page: { heap_mb: mb(peak.page.heap), buffers_mb: mb(peak.page.buffers) },
        worker: { heap_mb: mb(peak.worker.heap), buffers_mb: mb(peak.worker.buffers) },
      };
    },
  };
}

/** The page's worker that runs tfjs, once its engine exists. */
export async function tfWorker(page, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    for (const worker of page.workers()) {
      if (await worker.evaluate(() => '_tfengine' in self).catch(() => false)) return worker;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no worker with a tfjs engine');
}

/** Replaces the engine's byte count by an accessor that remembers its highest value. */
export function trackTfPeak(worker) {
  return worker.evaluate(() => {
    const state = self._tfengine.state;
    let bytes = state.numBytes;
    self.__tfPeakBytes = bytes;
    Object.defineProperty(state, 'numBytes', {
      configurable: true,
      get: () => bytes,
      set: (value) => {
        bytes = value;
        if (value > self.__tfPeakBytes) self.__tfPeakBytes = value;
      },
    });
  });
}

export async function tfPeakMb(worker) {
  return mb(await worker.evaluate(() => self.__tfPeakBytes));
}
