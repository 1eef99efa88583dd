import { describe, expect, it } from 'vitest';
import { CameraCapture, batchSize, type CaptureTarget, type Ticker } from '$lib/datasets/client/camera-capture.svelte';
import type { NewSample } from '$lib/datasets/shared/user-dataset';
import { DataWorkspace } from '$lib/datasets/client/data-workspace.svelte';
import type { DatasetLibrary } from '$lib/datasets/client/library.svelte';
import { m } from '$lib/i18n/messages';
import { memoryStorage } from './support/memory-storage';

/** A clock the test moves by hand: `advance(ms)` fires every tick due in that time, in order. */
class FakeClock implements Ticker {
  now = 0;
  private timers: { every: number; next: number; tick: () => void }[] = [];

  every(ms: number, tick: () => void): () => void {
    const timer = { every: ms, next: this.now + ms, tick };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }

  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.now = due.next;
      due.next += due.every;
      due.tick();
    }
    this.now = end;
  }

  get running(): number {
    return this.timers.length;
  }
}

/** A camera whose frames are numbered (the first pixel holds the frame's number) and a store that records batches. */
class FakeTarget implements CaptureTarget {
  frames = 0;
  batches: NewSample[][] = [];
  /** Batches from this one on are refused, as a full disk would. */
  refuseFrom = Infinity;
  live = true;

  grab = (): Uint8Array | null => (this.live ? Uint8Array.of(++this.frames, 0, 0, 0) : null);
  store = async (samples: NewSample[]): Promise<boolean> => {
    if (this.batches.length >= this.refuseFrom) return false;
    this.batches.push(samples);
    return true;
  };
  get stored(): number[] {
    return this.batches.flat().map((s) => s.pixels[0]);
  }
}

function setup(rate: 2 | 5 | 10 = 5) {
  const clock = new FakeClock();
  const target = new FakeTarget();
  const capture = new CameraCapture(target, clock);
  capture.rate = rate;
  return { clock, target, capture };
}

/** Lets queued storage writes run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('camera capture', () => {
  it('holding for one second at 5 frames/s stores the frame at the press and one every 200 ms, in order, as camera samples of that class', async () => {
    const { clock, target, capture } = setup(5);
    capture.hold(7);
    expect(capture.recording).toBe(7);
    clock.advance(1000);
    await capture.release();
    expect(capture.recording).toBeNull();
    expect(target.stored).toEqual([1, 2, 3, 4, 5, 6]);
    expect(target.batches.flat().every((s) => s.classId === 7 && s.origin === 'camera' && s.name === '')).toBe(true);
    expect(clock.running).toBe(0);
  });

  it('stores while the button is held, in batches of about half a second, so counts grow before release', async () => {
    const { clock, target, capture } = setup(10);
    expect(batchSize(10)).toBe(5);
    capture.hold(1);
    clock.advance(450);
    expect(capture.writing).toBe(1);
    await settle();
    expect(target.batches.map((b) => b.length)).toEqual([5]);
    expect(capture.writing).toBe(0);
    clock.advance(500);
    await settle();
    expect(target.batches.map((b) => b.length)).toEqual([5, 5]);
    await capture.release();
    expect(target.stored).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('the rate sets the interval: 2 frames/s over three seconds is seven frames, one per write', async () => {
    const { clock, target, capture } = setup(2);
    capture.hold(1);
    clock.advance(3000);
    await capture.release();
    expect(target.stored).toHaveLength(7);
    expect(target.batches.every((b) => b.length === 1)).toBe(true);
  });

  it('a quick tap stores one frame; a single shot stores one frame and records nothing after', async () => {
    const { clock, target, capture } = setup();
    capture.hold(1);
    await capture.release();
    await capture.shot(2);
    clock.advance(2000);
    await settle();
    expect(target.batches.map((b) => b.map((s) => [s.classId, s.pixels[0]]))).toEqual([[[1, 1]], [[2, 2]]]);
  });

  it('a second hold or a shot while recording is ignored: frames go only to the class being recorded', async () => {
    const { clock, target, capture } = setup(5);
    capture.hold(1);
    capture.hold(2);
    await capture.shot(2);
    clock.advance(400);
    await capture.release();
    expect(new Set(target.batches.flat().map((s) => s.classId))).toEqual(new Set([1]));
    expect(target.stored).toEqual([1, 2, 3]);
  });

  it('frames the camera does not have yet are skipped, not stored empty', async () => {
    const { clock, target, capture } = setup(5);
    target.live = false;
    capture.hold(1);
    clock.advance(400);
    target.live = true;
    clock.advance(400);
    await capture.release();
    expect(target.stored).toEqual([1, 2]);
  });

  it('storage refusing a batch (a full disk) stops the recording, keeps the earlier batches and takes no more frames', async () => {
    const { clock, target, capture } = setup(10);
    target.refuseFrom = 2;
    capture.hold(1);
    clock.advance(1450);
    await settle();
    expect(capture.recording).toBeNull();
    expect(clock.running).toBe(0);
    const grabbed = target.frames;
    clock.advance(2000);
    await capture.release();
    expect(target.frames).toBe(grabbed);
    expect(target.stored).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    target.refuseFrom = Infinity;
    capture.hold(3);
    await capture.release();
    expect(target.batches.at(-1)?.map((s) => s.classId)).toEqual([3]);
  });

  it('wired as the data view wires it, a full disk stops the recording and shows the storage-full message', async () => {
    const workspace = new DataWorkspace({} as DatasetLibrary, memoryStorage());
    const clock = new FakeClock();
    const target = new FakeTarget();
    let writes = 0;
    const full = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const capture = new CameraCapture(
      {
        grab: target.grab,
        store: (samples) => workspace.attempt(async () => (++writes > 1 ? Promise.reject(full) : target.store(samples))),
      },
      clock,
    );
    capture.rate = 2;
    capture.hold(1);
    clock.advance(500);
    await settle();
    expect([capture.recording, workspace.error, target.stored]).toEqual([null, m.storageFull(), [1]]);
  });
});
