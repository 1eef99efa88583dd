import { describe, expect, it } from 'vitest';
import { DrawingPad, type DrawingModel } from '$lib/live/client/drawing-pad.svelte';
import { ImageCards, type ImageModel } from '$lib/live/client/image-cards.svelte';
import type { Prediction } from '$lib/live/shared/protocol';
import type { Stroke } from '$lib/live/client/strokes';
import type { GrayImage } from '$lib/live/shared/mnist-preprocess';

const MNIST = { height: 28, width: 28, channels: 1 };

function prediction(top: number, input = new Uint8Array(28 * 28)): Prediction {
  const probabilities = new Float32Array(10);
  probabilities[top] = 1;
  return { probabilities, ms: 1, input };
}

/** A live model whose answers the test releases one at a time. */
function pendingModel(status: DrawingModel['status'] = 'ready') {
  const answers: ((p: Prediction) => void)[] = [];
  const model = {
    status,
    size: MNIST,
    classifyPixels: () => new Promise<Prediction>((resolve) => answers.push(resolve)),
  } as DrawingModel;
  return { model, answers };
}

/** Paints each point as one white pixel of a 40×40 image, and records which strokes it was asked for. */
function recordingPaint() {
  const painted: (readonly Stroke[])[] = [];
  const paint = (strokes: readonly Stroke[]): GrayImage => {
    painted.push(strokes);
    const pixels = new Uint8Array(40 * 40);
    for (const p of strokes.flat()) pixels[Math.floor(p.y) * 40 + Math.floor(p.x)] = 255;
    return { width: 40, height: 40, pixels };
  };
  return { painted, paint };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the drawing pad', () => {
  it('keeps strokes as point lists; undo removes exactly the last stroke, clear all', () => {
    const { model } = pendingModel();
    const pad = new DrawingPad(() => model, recordingPaint().paint);
    pad.begin({ x: 1, y: 1 });
    pad.extend({ x: 1, y: 5 });
    pad.end();
    pad.extend({ x: 9, y: 9 });
    pad.begin({ x: 3, y: 3 });
    pad.extend({ x: 8, y: 3 });
    pad.end();
    expect(pad.strokes).toEqual([
      [
        { x: 1, y: 1 },
        { x: 1, y: 5 },
      ],
      [
        { x: 3, y: 3 },
        { x: 8, y: 3 },
      ],
    ]);
    pad.undo();
    expect(pad.strokes).toEqual([
      [
        { x: 1, y: 1 },
        { x: 1, y: 5 },
      ],
    ]);
    pad.clear();
    expect(pad.strokes).toEqual([]);
    expect(pad.canUndo).toBe(false);
  });

  it('classifies while drawing, one call at a time, the next one reading the latest strokes', async () => {
    const { model, answers } = pendingModel();
    const { painted, paint } = recordingPaint();
    const pad = new DrawingPad(() => model, paint);
    pad.begin({ x: 10, y: 2 });
    for (let y = 3; y < 30; y++) pad.extend({ x: 10, y });
    expect(answers).toHaveLength(1);
    expect(painted.map((s) => s[0].length)).toEqual([1]);
    answers[0](prediction(1));
    await settle();
    expect(pad.reading?.method).toBe('mnist');
    expect(pad.reading?.size).toEqual(MNIST);
    // One re-run for the 27 points added meanwhile, with all of them.
    expect(answers).toHaveLength(2);
    expect(painted.map((s) => s[0].length)).toEqual([1, 28]);
  });

  it('shows no prediction for an empty pad, after undoing the last stroke, or for an answer that arrives after Clear', async () => {
    const { model, answers } = pendingModel();
    const pad = new DrawingPad(() => model, recordingPaint().paint);
    pad.refresh();
    await settle();
    expect(answers).toHaveLength(0);
    pad.begin({ x: 5, y: 5 });
    answers[0](prediction(7));
    await settle();
    expect(pad.reading).not.toBeNull();
    pad.undo();
    expect(pad.reading).toBeNull();
    await settle();
    pad.begin({ x: 6, y: 6 });
    pad.clear();
    answers[1](prediction(3));
    await settle();
    expect(pad.reading).toBeNull();
  });

  it('waits for a ready model', () => {
    const { model, answers } = pendingModel('loading');
    const pad = new DrawingPad(() => model, recordingPaint().paint);
    pad.begin({ x: 5, y: 5 });
    expect(answers).toHaveLength(0);
  });
});

/** A model that answers at once with class `top`, counting its calls. */
function answeringModel(top: number, status: ImageModel['status'] = 'ready') {
  const state = { status, size: MNIST, calls: 0, top };
  const model = {
    get status() {
      return state.status;
    },
    size: MNIST,
    report: { runtime: 'ort-wasm', detail: 'ONNX Runtime Web on WASM' },
    classifyImage: async () => {
      state.calls++;
      return prediction(state.top);
    },
  } as unknown as ImageModel;
  return { model, state };
}

const png = (name: string) => new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' });
const decoded = async () => ({}) as ImageBitmap;

describe('image prediction cards', () => {
  it('gives each image a card with its prediction and the model size it was made at', async () => {
    const { model } = answeringModel(4);
    const cards = new ImageCards(() => model, decoded);
    await cards.add([png('four.png'), png('other.png')]);
    expect(cards.cards.map((c) => [c.name, c.state, c.prediction?.probabilities[4], c.size])).toEqual([
      ['four.png', 'done', 1, MNIST],
      ['other.png', 'done', 1, MNIST],
    ]);
    expect(cards.cards[0].runtime).toBe('ONNX Runtime Web on WASM');
  });

  it('gives a file that is not an image, or does not decode, a card with the reason and no prediction', async () => {
    const { model, state } = answeringModel(4);
    const cards = new ImageCards(() => model, async (file) => {
      if ((file as File).name === 'broken.png') throw new Error('bad data');
      return {} as ImageBitmap;
    });
    await cards.add([new File(['hello'], 'notes.txt', { type: 'text/plain' }), png('broken.png')]);
    expect(cards.cards.map((c) => [c.name, c.state, c.problem])).toEqual([
      ['notes.txt', 'failed', 'not an image (text/plain)'],
      ['broken.png', 'failed', 'could not be decoded'],
    ]);
    expect(state.calls).toBe(0);
  });

  it('waits for the model, then classifies again on each rerun (new model or runtime); removed cards are gone', async () => {
    const { model, state } = answeringModel(2, 'loading');
    const cards = new ImageCards(() => model, decoded);
    await cards.add([png('a.png'), png('b.png')]);
    expect(cards.cards.map((c) => c.state)).toEqual(['waiting', 'waiting']);
    state.status = 'ready';
    await cards.rerun();
    expect(cards.cards.map((c) => c.prediction?.probabilities[2])).toEqual([1, 1]);
    cards.remove(cards.cards[0].id);
    state.top = 5;
    await cards.rerun();
    expect(cards.cards.map((c) => [c.name, c.prediction?.probabilities[5]])).toEqual([['b.png', 1]]);
    expect(state.calls).toBe(3);
  });
});
