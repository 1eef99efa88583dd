/**
 * The camera on the page side: open it (video only), turn its current frame into a sample of the
 * dataset's size exactly as the file importer would (same `fitRect`, black borders, same channel
 * conversion), and say in plain words why it could not start.
 */
import { m } from '$lib/i18n/messages';
import { fitRect, rgbaToChannels } from '$lib/datasets/shared/fit-image';
import type { SampleFormat } from '$lib/datasets/shared/user-dataset';

/** A camera that could not start, with the message to show (what happened and what to do). */
export class CameraError extends Error {}

/** Maps what `getUserMedia` throws to a message that says what to do about it. */
export function cameraFailure(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return m.cameraDenied();
    case 'NotFoundError':
    case 'OverconstrainedError':
      return m.cameraMissing();
    case 'NotReadableError':
    case 'AbortError':
      return m.cameraBusy();
    default:
      return m.cameraFailed({ why: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Asks for the camera (video only): the one with `deviceId` when given, else the browser's choice.
 * `mediaDevices` is undefined on pages that are not secure contexts (plain http other than
 * localhost), which is its own message.
 */
export async function openCamera(mediaDevices: Pick<MediaDevices, 'getUserMedia'> | undefined, deviceId?: string): Promise<MediaStream> {
  if (!mediaDevices?.getUserMedia) throw new CameraError(m.cameraInsecure());
  try {
    return await mediaDevices.getUserMedia({ video: deviceId ? { deviceId: { exact: deviceId } } : true, audio: false });
  } catch (error) {
    throw new CameraError(cameraFailure(error));
  }
}

/** Releases the camera (its light goes off). */
export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** `HTMLMediaElement.HAVE_CURRENT_DATA`: a frame can be drawn. */
const HAVE_CURRENT_DATA = 2;

/**
 * Returns a function that grabs the video's current frame as the dataset stores it
 * (height × width × channels uint8), or null while the video has no frame yet.
 * One canvas is reused for every grab.
 */
export function frameGrabber(): (video: HTMLVideoElement, format: SampleFormat) => Uint8Array | null {
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  return (video, format) => {
    if (video.readyState < HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
    if (!canvas || canvas.width !== format.width || canvas.height !== format.height) {
      canvas = new OffscreenCanvas(format.width, format.height);
      context = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!context) return null;
    // Opaque black first: 'pad' leaves borders, and rgbaToChannels drops alpha.
    context.fillStyle = '#000';
    context.fillRect(0, 0, format.width, format.height);
    const r = fitRect({ width: video.videoWidth, height: video.videoHeight }, format, format.fit);
    context.drawImage(video, r.sx, r.sy, r.sw, r.sh, r.dx, r.dy, r.dw, r.dh);
    return rgbaToChannels(context.getImageData(0, 0, format.width, format.height).data, format.channels);
  };
}
