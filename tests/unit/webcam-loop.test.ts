import { describe, expect, it } from 'vitest';
import { CameraFeed } from '$lib/datasets/client/camera-feed.svelte';
import { WebcamLoop, type WebcamDeps } from '$lib/live/client/webcam-loop.svelte';
import type { FrameOptions, Prediction } from '$lib/live/shared/protocol';

class FakeTrack extends EventTarget {
  stopped = false;
  constructor(readonly deviceId: string) {
    super();
  }
  stop(): void {
    this.stopped = true;
  }
  getSettings() {
    return { deviceId: this.deviceId };
  }
}

/** A page with two cameras; records which one each getUserMedia asked for and the tracks it gave. */
function fakeCameras() {
  const asked: MediaStreamConstraints[] = [];
  const tracks: FakeTrack[] = [];
  const feed = new CameraFeed(() => ({
    getUserMedia: async (constraints) => {
      asked.push(constraints ?? {});
      const video = constraints?.video;
      const id = typeof video === 'object' && video.deviceId ? (video.deviceId as { exact: string }).exact : 'front';
      const track = new FakeTrack(id);
      tracks.push(track);
      return { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream;
    },
  }));
  return { feed, asked, tracks };
}

/** A worker whose answers the test releases one by one. */
function fakeWorker() {
  const pending: { options: FrameOptions; answer: (p: Prediction) => void }[] = [];
  let clock = 0;
  const prediction = (p: number): Prediction => ({ probabilities: Float32Array.of(p, 1 - p), ms: 1, input: new Uint8Array(4) });
  const deps: WebcamDeps = {
    classify: (_image, options) => new Promise((answer) => pending.push({ options, answer })),
    canClassify: () => true,
    grab: async () => ({}) as ImageBitmap,
    cameras: async () => [
      { id: 'front', label: 'Front' },
      { id: 'back', label: 'Back' },
    ],
    now: () => clock,
  };
  return { deps, pending, prediction, tick: (ms: number) => (clock += ms) };
}

const video = {} as HTMLVideoElement;
/** Lets the loop's awaits (grab, then classify) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('webcam loop', () => {
  it('keeps at most one frame in flight: frames arriving meanwhile are dropped, not queued', async () => {
    const worker = fakeWorker();
    const loop = new WebcamLoop(worker.deps, fakeCameras().feed);
    await loop.start();
    void loop.frame(video);
    await settle();
    for (let i = 0; i < 3; i++) void loop.frame(video);
    await settle();
    expect([worker.pending.length, loop.dropped]).toEqual([1, 3]);

    worker.tick(40);
    worker.pending[0].answer(worker.prediction(0.9));
    await settle();
    expect(loop.predictions).toBe(1);
    expect(loop.prediction?.probabilities[0]).toBeCloseTo(0.9);
    // The dropped frames never reach the worker; the next new frame does.
    void loop.frame(video);
    await settle();
    expect(worker.pending.length).toBe(2);
  });

  it('measures FPS and latency from capture to prediction', async () => {
    const worker = fakeWorker();
    const loop = new WebcamLoop(worker.deps, fakeCameras().feed);
    await loop.start();
    for (let i = 0; i < 3; i++) {
      void loop.frame(video);
      await settle();
      worker.tick(25); // 25 ms in the worker…
      worker.pending[i].answer(worker.prediction(0.5));
      await settle();
      worker.tick(25); // …and 25 ms until the camera's next frame
    }
    // Predictions at 25, 75, 125: 2 intervals in 100 ms.
    expect(loop.summary).toEqual({ fps: 20, p50: 25, p95: 25, frames: 3 });
  });

  it('sends the chosen fit and mirror with each frame, and nothing while paused or without a model', async () => {
    const worker = fakeWorker();
    let ready = false;
    const loop = new WebcamLoop({ ...worker.deps, canClassify: () => ready }, fakeCameras().feed);
    await loop.start();
    await loop.frame(video);
    expect(worker.pending.length).toBe(0);
    ready = true;
    loop.togglePause();
    await loop.frame(video);
    expect(worker.pending.length).toBe(0);
    loop.togglePause();
    loop.fit = 'pad';
    loop.mirror = false;
    void loop.frame(video);
    await settle();
    expect(worker.pending.map((p) => p.options)).toEqual([{ fit: 'pad', mirror: false }]);
  });

  it('lists the cameras, switches by reopening the stream on the chosen one, and stop releases it', async () => {
    const worker = fakeWorker();
    const cameras = fakeCameras();
    const loop = new WebcamLoop(worker.deps, cameras.feed);
    await loop.start();
    expect([loop.cameraId, loop.cameras.map((c) => c.label)]).toEqual(['front', ['Front', 'Back']]);

    await loop.chooseCamera('back');
    expect(cameras.asked.at(-1)).toEqual({ video: { deviceId: { exact: 'back' } }, audio: false });
    expect(cameras.tracks.map((t) => t.stopped)).toEqual([true, false]);
    expect([loop.live, loop.cameraId]).toEqual([true, 'back']);

    loop.stop();
    expect(cameras.tracks.every((t) => t.stopped)).toBe(true);
    expect(loop.live).toBe(false);
  });

  it('a prediction for a frame of a stopped stream is not shown', async () => {
    const worker = fakeWorker();
    const loop = new WebcamLoop(worker.deps, fakeCameras().feed);
    await loop.start();
    void loop.frame(video);
    await settle();
    loop.stop();
    worker.pending[0].answer(worker.prediction(0.9));
    await settle();
    expect([loop.prediction, loop.predictions]).toEqual([null, 0]);
  });
});
