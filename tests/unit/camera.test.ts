import { describe, expect, it } from 'vitest';
import { CameraError, cameraFailure, openCamera } from '$lib/datasets/client/camera';
import { CameraFeed } from '$lib/datasets/client/camera-feed.svelte';
import { m } from '$lib/i18n/messages';

/** What browsers throw from getUserMedia: a DOMException, recognised by its name. */
const refusal = (name: string, message = 'refused') => Object.assign(new Error(message), { name });

class FakeTrack extends EventTarget {
  stopped = false;
  stop(): void {
    this.stopped = true;
  }
}

function fakeStream() {
  const track = new FakeTrack();
  const stream = { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream;
  return { stream, track };
}

describe('camera errors', () => {
  it('names the cause and what to do for each getUserMedia failure', () => {
    expect(cameraFailure(refusal('NotAllowedError'))).toBe(m.cameraDenied());
    expect(m.cameraDenied()).toMatch(/address bar.*Allow.*Start camera/);
    expect(cameraFailure(refusal('NotFoundError'))).toBe(m.cameraMissing());
    expect(cameraFailure(refusal('NotReadableError'))).toBe(m.cameraBusy());
    expect(m.cameraBusy()).toMatch(/another app/);
    expect(cameraFailure(refusal('TypeError', 'odd constraint'))).toBe(m.cameraFailed({ why: 'odd constraint' }));
  });

  it('a page without mediaDevices (not a secure context) is told to use https or localhost, without asking', async () => {
    await expect(openCamera(undefined)).rejects.toThrow(new CameraError(m.cameraInsecure()));
    expect(m.cameraInsecure()).toMatch(/https.*localhost/);
  });

  it('asks for video only', async () => {
    const asked: MediaStreamConstraints[] = [];
    const { stream } = fakeStream();
    await openCamera({ getUserMedia: async (c) => (asked.push(c ?? {}), stream) });
    expect(asked).toEqual([{ video: true, audio: false }]);
  });
});

describe('camera feed', () => {
  it('goes live, and stopping it stops the camera', async () => {
    const { stream, track } = fakeStream();
    const feed = new CameraFeed(() => ({ getUserMedia: async () => stream }));
    await feed.start();
    expect([feed.status, feed.stream, feed.error]).toEqual(['live', stream, null]);
    feed.stop();
    expect([feed.status, feed.stream, track.stopped]).toEqual(['off', null, true]);
  });

  it('a denied permission leaves it failed with the message, and it can be tried again', async () => {
    let allow = false;
    const { stream } = fakeStream();
    const feed = new CameraFeed(() => ({ getUserMedia: async () => (allow ? stream : Promise.reject(refusal('NotAllowedError'))) }));
    await feed.start();
    expect([feed.status, feed.error]).toEqual(['failed', m.cameraDenied()]);
    allow = true;
    await feed.start();
    expect([feed.status, feed.error]).toEqual(['live', null]);
  });

  it('closing the view while the browser is still asking lets the camera go once it arrives', async () => {
    const { stream, track } = fakeStream();
    let grant: (s: MediaStream) => void = () => {};
    const feed = new CameraFeed(() => ({ getUserMedia: () => new Promise((resolve) => (grant = resolve)) }));
    const started = feed.start();
    expect(feed.status).toBe('starting');
    feed.stop();
    grant(stream);
    await started;
    expect([feed.status, feed.stream, track.stopped]).toEqual(['off', null, true]);
  });

  it('a camera that ends (unplugged) is reported and released', async () => {
    const { stream, track } = fakeStream();
    const feed = new CameraFeed(() => ({ getUserMedia: async () => stream }));
    await feed.start();
    track.dispatchEvent(new Event('ended'));
    expect([feed.status, feed.error, feed.stream]).toEqual(['failed', m.cameraEnded(), null]);
  });
});
