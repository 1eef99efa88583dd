/**
 * The camera's life in the data view: off, asking, live or failed (with the message that says
 * what to do). The stream is released whenever the view stops it or closes.
 */
import { m } from '$lib/i18n/messages';
import { CameraError, cameraFailure, openCamera, stopCamera } from './camera';

export type CameraStatus = 'off' | 'starting' | 'live' | 'failed';

type Devices = Pick<MediaDevices, 'getUserMedia'> | undefined;

export class CameraFeed {
  status = $state<CameraStatus>('off');
  error = $state<string | null>(null);
  stream = $state.raw<MediaStream | null>(null);

  constructor(private readonly devices: () => Devices = () => navigator.mediaDevices) {}

  /** Opens the camera with `deviceId` (a choice from `enumerateDevices`), or the browser's default one. */
  async start(deviceId?: string): Promise<void> {
    if (this.status === 'starting' || this.status === 'live') return;
    this.status = 'starting';
    this.error = null;
    try {
      const stream = await openCamera(this.devices(), deviceId);
      // The view was closed (or the camera stopped) while the browser was asking: let it go.
      if (this.status !== 'starting') return stopCamera(stream);
      stream.getVideoTracks()[0]?.addEventListener('ended', () => this.fail(m.cameraEnded()));
      this.stream = stream;
      this.status = 'live';
    } catch (error) {
      this.fail(error instanceof CameraError ? error.message : cameraFailure(error));
    }
  }

  stop(): void {
    stopCamera(this.stream);
    this.stream = null;
    this.status = 'off';
  }

  private fail(message: string): void {
    stopCamera(this.stream);
    this.stream = null;
    this.status = 'failed';
    this.error = message;
  }
}
