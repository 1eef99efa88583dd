import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSpec } from '$lib/spec/presets';
import { defaultSettings, trainRequest } from '$lib/training/client/settings';
import type { TrainEvent } from '$lib/training/shared/protocol';
import { runTraining } from '$workers/training/run';
import { RunControl } from '$workers/training/control';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Batch = Extract<TrainEvent, { type: 'batch' }>;

/**
 * The worker's own loop on tfjs's cpu backend, where no step ever waits for anything but
 * microtasks. Pause arrives as a message on a port, as comlink delivers the page's request in the
 * worker; before the loop yielded between batches it ran to the epoch's end.
 */
describe('Pause on the cpu backend', () => {
  it('halts within a batch or two of the request, reports that batch, then stops', async () => {
    const settings = defaultSettings();
    settings.samples = 500;
    settings.config.epochs = 1;
    settings.config.batchSize = 10;
    const request = { ...trainRequest(defaultSpec(), settings), checkpoints: false };
    const control = new RunControl();
    const batches: Batch[] = [];
    // The batch whose report made the test ask for a pause, and the last batch reported before the halt.
    let requestedAt: number | null = null;
    let haltedAt: number | null = null;
    const emit = (event: TrainEvent) => {
      if (event.type !== 'batch') return;
      batches.push(event);
      if (requestedAt !== null || event.batch < 3) return;
      requestedAt = event.batch;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        void control.pause().then(() => {
          haltedAt = batches.at(-1)?.batch ?? 0;
          control.stop();
        });
      };
      channel.port2.postMessage('pause');
    };
    const result = await runTraining(tf, request, undefined, control, emit);
    result.model.dispose();
    expect(result.outcome.reason).toBe('stopped');
    expect(requestedAt).toBeGreaterThanOrEqual(3);
    // 40 batches in the epoch: before the fix the pause was only seen after the last one. Now the
    // loop checks between every two steps; the margin is the step it keeps in flight (reports lag
    // it by one) and one loop yield, since Node orders messages of different ports freely.
    expect(haltedAt! - requestedAt!).toBeLessThanOrEqual(3);
    expect(batches.at(-1)?.batch).toBe(haltedAt);
  });
});
