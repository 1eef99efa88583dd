/**
 * The webcam demo's loop: camera on or off (which camera), paused or running, how frames are
 * fitted and mirrored, and the latest prediction with the loop's speed. Each new video frame is
 * sent to the live worker as an ImageBitmap; while one frame is in flight the next ones are
 * dropped, never queued, so the prediction shown is always about what the camera sees now.
 */
import { CameraFeed } from '$lib/datasets/client/camera-feed.svelte';
import type { ImageFit } from '$lib/datasets/shared/user-dataset';
import type { FrameOptions, LiveImage, Prediction } from '$lib/live/shared/protocol';
import { FrameStats, type FrameSummary } from '$lib/live/shared/frame-stats';
import { m } from '$lib/i18n/messages';
import type { LiveSession } from './live-session.svelte';

export interface CameraChoice {
  id: string;
  label: string;
}

/** What the loop needs from the page; tests pass fakes. */
export interface WebcamDeps {
  /** Sends one frame to the live worker (the live session's `classifyImage`). */
  classify(image: LiveImage, options: FrameOptions): Promise<Prediction>;
  /** Whether a model is loaded to classify with (frames are not sent before). */
  canClassify(): boolean;
  /** The video's current frame, to hand to the worker. */
  grab(video: HTMLVideoElement): Promise<LiveImage>;
  /** The cameras the browser lists (their names are known once one has been allowed). */
  cameras(): Promise<CameraChoice[]>;
  now(): number;
}

async function listCameras(): Promise<CameraChoice[]> {
  const devices = (await navigator.mediaDevices?.enumerateDevices()) ?? [];
  return devices.filter((d) => d.kind === 'videoinput').map((d, i) => ({ id: d.deviceId, label: d.label || m.webcamCameraNumber({ n: i + 1 }) }));
}

/**
 * The browser's camera list and clock, and the live session's worker. Frames go only to a model
 * that is ready: during a runtime switch they pause, and the next ones use the new runtime.
 */
export const browserWebcamDeps = (live: () => Pick<LiveSession, 'classifyImage' | 'status'>): WebcamDeps => ({
  classify: (image, options) => live().classifyImage(image, options),
  canClassify: () => live().status === 'ready',
  // A VideoFrame wraps the decoded frame (~0.02 ms); createImageBitmap copies it on the main thread (~2 ms at 640×480).
  grab: async (video) => (typeof VideoFrame === 'function' ? new VideoFrame(video) : createImageBitmap(video)),
  cameras: listCameras,
  now: () => performance.now(),
});

export class WebcamLoop {
  paused = $state(false);
  /** Flip left–right, as a mirror (what a selfie camera user expects); the model sees it flipped too. */
  mirror = $state(true);
  fit = $state<ImageFit>('crop');
  cameras = $state.raw<CameraChoice[]>([]);
  /** The camera in use ('' until one is open: the browser's default). */
  cameraId = $state('');
  prediction = $state.raw<Prediction | null>(null);
  /** Predictions received since the camera started: lets a viewer (and a test) see them update. */
  predictions = $state(0);
  /** Frames skipped because the previous one was still being classified. */
  dropped = $state(0);
  summary = $state.raw<FrameSummary | null>(null);
  /** Why the last frame could not be classified; cleared by the next one that is. */
  frameError = $state<string | null>(null);
  #inFlight = false;
  /** Bumped on every stop, so a prediction for a frame of an earlier stream is not shown. */
  #run = 0;
  readonly #stats = new FrameStats();

  constructor(
    private readonly deps: WebcamDeps,
    readonly feed = new CameraFeed(),
  ) {}

  get live(): boolean {
    return this.feed.status === 'live';
  }

  async start(): Promise<void> {
    await this.feed.start(this.cameraId || undefined);
    if (!this.live) return;
    this.cameraId = this.feed.stream?.getVideoTracks()[0]?.getSettings().deviceId ?? this.cameraId;
    this.cameras = await this.deps.cameras();
  }

  stop(): void {
    this.feed.stop();
    this.#run++;
    this.#inFlight = false;
    this.paused = false;
    this.prediction = null;
    this.predictions = 0;
    this.dropped = 0;
    this.frameError = null;
    this.resetStats();
  }

  /** Switches camera: the stream is reopened on the chosen device. */
  async chooseCamera(id: string): Promise<void> {
    if (id === this.cameraId) return;
    this.cameraId = id;
    if (this.feed.status === 'off') return;
    this.stop();
    await this.start();
  }

  togglePause(): void {
    this.paused = !this.paused;
    this.resetStats();
  }

  /** Forgets the speed measured so far (after a runtime switch the numbers describe the new one). */
  resetStats(): void {
    this.#stats.reset();
    this.summary = null;
  }

  /**
   * A new camera frame is on the video: classify it, unless the loop is paused, no model is
   * loaded, or the previous frame is still in flight (then this one is dropped).
   */
  async frame(video: HTMLVideoElement): Promise<void> {
    if (this.paused || !this.live || !this.deps.canClassify()) return;
    if (this.#inFlight) {
      this.dropped++;
      return;
    }
    this.#inFlight = true;
    const run = this.#run;
    const captured = this.deps.now();
    try {
      const options = { fit: this.fit, mirror: this.mirror };
      const prediction = await this.deps.classify(await this.deps.grab(video), options);
      if (run !== this.#run) return;
      const at = this.deps.now();
      this.#stats.record(at, at - captured);
      this.prediction = prediction;
      this.predictions++;
      this.summary = this.#stats.summary(at);
      this.frameError = null;
    } catch (error) {
      // A frame caught by a runtime switch fails with the model it was sent to: not worth a message.
      if (run === this.#run && this.deps.canClassify()) this.frameError = error instanceof Error ? error.message : String(error);
    } finally {
      if (run === this.#run) this.#inFlight = false;
    }
  }

  /** Calls `frame` for every new frame the video presents, until the returned function is called. */
  attach(video: HTMLVideoElement): () => void {
    let handle = 0;
    let attached = true;
    const next = () => {
      handle = video.requestVideoFrameCallback(() => {
        if (!attached) return;
        void this.frame(video);
        next();
      });
    };
    next();
    return () => {
      attached = false;
      video.cancelVideoFrameCallback(handle);
    };
  }
}
