import { describe, expect, it } from 'vitest';
import { FrameStats, percentile } from '$lib/live/shared/frame-stats';

describe('live loop speed (fake clock)', () => {
  it('nearest-rank percentiles: the smallest value with p% of the values at or below it', () => {
    const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(sorted, 50)).toBe(50); // rank ceil(0.5 × 10) = 5
    expect(percentile(sorted, 95)).toBe(100); // rank ceil(9.5) = 10
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('counts predictions per second between the first and last in the window, and the latency median and p95', () => {
    const stats = new FrameStats(1000);
    // A prediction every 50 ms (20 FPS); latencies 30, 31, …, 39 ms.
    for (let i = 0; i < 10; i++) stats.record(i * 50, 30 + i);
    // 9 intervals over 450 ms → 20 FPS; sorted latencies 30…39: rank 5 is 34, rank 10 is 39.
    expect(stats.summary(450)).toEqual({ fps: 20, p50: 34, p95: 39, frames: 10 });
  });

  it('forgets predictions older than the window, so the numbers follow a slowdown', () => {
    const stats = new FrameStats(1000);
    for (let t = 0; t <= 900; t += 100) stats.record(t, 10); // 10 FPS, 10 ms each
    for (let t = 1000; t <= 2000; t += 250) stats.record(t, 200); // then 4 FPS, 200 ms each
    // At 2000 only the predictions after 1000 remain: 1250, 1500, 1750, 2000.
    expect(stats.summary(2000)).toEqual({ fps: 4, p50: 200, p95: 200, frames: 4 });
  });

  it('says nothing until two predictions are in the window, nor once the loop has been quiet for a whole window', () => {
    const stats = new FrameStats(1000);
    expect(stats.summary(0)).toBeNull();
    stats.record(100, 12);
    expect(stats.summary(100)).toBeNull();
    stats.record(200, 14);
    expect(stats.summary(200)).toEqual({ fps: 10, p50: 12, p95: 14, frames: 2 });
    expect(stats.summary(1250)).toBeNull();
  });

  it('starts over after a reset (a runtime switch)', () => {
    const stats = new FrameStats(1000);
    stats.record(0, 5);
    stats.record(100, 5);
    stats.reset();
    stats.record(150, 40);
    expect(stats.summary(150)).toBeNull();
  });
});
