import { describe, expect, it } from 'vitest';
import { channelsToRgba, fitRect, rgbaToChannels } from '$lib/datasets/shared/fit-image';

describe('fitRect: which part of a photo becomes the sample', () => {
  const square = { width: 50, height: 50 };

  it('crops a wide image to its centre square', () => {
    // scale = max(50/200, 50/100) = 0.5: a 100×100 source square, 50 px cut from each side.
    expect(fitRect({ width: 200, height: 100 }, square, 'crop')).toEqual({ sx: 50, sy: 0, sw: 100, sh: 100, dx: 0, dy: 0, dw: 50, dh: 50 });
  });

  it('pads a wide image: whole width, black bands above and below', () => {
    // scale = min(0.25, 0.5) = 0.25: drawn 50×25, centred 12.5 px down.
    expect(fitRect({ width: 200, height: 100 }, square, 'pad')).toEqual({ sx: 0, sy: 0, sw: 200, sh: 100, dx: 0, dy: 12.5, dw: 50, dh: 25 });
  });

  it('crops a tall image to its centre square', () => {
    // 30×120 onto 60×60: scale = max(2, 0.5) = 2, a 30×30 source square starting 45 px down.
    expect(fitRect({ width: 30, height: 120 }, { width: 60, height: 60 }, 'crop')).toEqual({ sx: 0, sy: 45, sw: 30, sh: 30, dx: 0, dy: 0, dw: 60, dh: 60 });
  });

  it('pads a tall image: whole height, black bands left and right', () => {
    // scale = min(2, 0.5) = 0.5: drawn 15×60, centred 22.5 px in.
    expect(fitRect({ width: 30, height: 120 }, { width: 60, height: 60 }, 'pad')).toEqual({ sx: 0, sy: 0, sw: 30, sh: 120, dx: 22.5, dy: 0, dw: 15, dh: 60 });
  });

  it('scales a small square up whole, either way', () => {
    const whole = { sx: 0, sy: 0, sw: 10, sh: 10, dx: 0, dy: 0, dw: 28, dh: 28 };
    expect(fitRect({ width: 10, height: 10 }, { width: 28, height: 28 }, 'crop')).toEqual(whole);
    expect(fitRect({ width: 10, height: 10 }, { width: 28, height: 28 }, 'pad')).toEqual(whole);
  });
});

describe('rgbaToChannels and back', () => {
  // red, half-transparent green, fully transparent blue, a dark grey-blue
  const rgba = [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 255];

  it('keeps RGB and drops alpha (so the importer draws on black first)', () => {
    expect([...rgbaToChannels(rgba, 3)]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
  });

  it('turns colour into BT.601 luma, rounded', () => {
    // 0.299·255 = 76.2, 0.587·255 = 149.7, 0.114·255 = 29.1, 0.299·10 + 0.587·20 + 0.114·30 = 18.15
    expect([...rgbaToChannels(rgba, 1)]).toEqual([76, 150, 29, 18]);
  });

  it('gives canvases opaque RGBA from either layout', () => {
    expect([...channelsToRgba(new Uint8Array([76, 18]), 1)]).toEqual([76, 76, 76, 255, 18, 18, 18, 255]);
    expect([...channelsToRgba(new Uint8Array([1, 2, 3]), 3)]).toEqual([1, 2, 3, 255]);
  });
});
