/**
 * afterNextFrame (common/frames.ts): work queued by a keystroke runs in a task after the next
 * frame, coalesced, in the order first queued; without frames (a hidden window) it still runs,
 * after NO_FRAME_FALLBACK_MS; a cancelled function does not run.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Frames = typeof import('../../src/renderer/src/common/frames');

describe('afterNextFrame', () => {
  let frames: ((time: number) => void)[];
  let mod: Frames;

  beforeEach(async () => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: (time: number) => void) => frames.push(cb));
    vi.resetModules();
    mod = await import('../../src/renderer/src/common/frames');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  /** The browser draws a frame: its animation-frame callbacks run. */
  const frame = (): void => {
    const cbs = frames.splice(0);
    for (const cb of cbs) cb(0);
  };

  it('runs after the next frame, in a task of its own, not before', () => {
    const log: string[] = [];
    mod.afterNextFrame(() => log.push('badge'));
    expect(log).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(log).toEqual([]); // no frame yet
    frame();
    expect(log).toEqual([]); // not inside the frame's callbacks either
    vi.advanceTimersByTime(0);
    expect(log).toEqual(['badge']);
    vi.advanceTimersByTime(mod.NO_FRAME_FALLBACK_MS);
    expect(log).toEqual(['badge']); // the fallback finds nothing left to run
  });

  it('coalesces: a function queued by every keystroke of a frame runs once, all in first-queued order', () => {
    const log: string[] = [];
    const a = (): number => log.push('a');
    const b = (): number => log.push('b');
    mod.afterNextFrame(a);
    mod.afterNextFrame(b);
    mod.afterNextFrame(a);
    expect(frames).toHaveLength(1); // one frame request for all of them
    frame();
    vi.advanceTimersByTime(0);
    expect(log).toEqual(['a', 'b']);
    // Queued again afterwards: runs again after the frame after.
    mod.afterNextFrame(b);
    expect(frames).toHaveLength(1);
    frame();
    vi.advanceTimersByTime(0);
    expect(log).toEqual(['a', 'b', 'b']);
  });

  it('runs without frames (hidden window) after the fallback delay', () => {
    const log: string[] = [];
    mod.afterNextFrame(() => log.push('x'));
    vi.advanceTimersByTime(mod.NO_FRAME_FALLBACK_MS - 1);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['x']);
    // The late frame then finds nothing to run.
    frame();
    vi.advanceTimersByTime(0);
    expect(log).toEqual(['x']);
  });

  it('a cancelled function does not run; the others do', () => {
    const log: string[] = [];
    const gone = (): number => log.push('gone');
    mod.afterNextFrame(gone);
    mod.afterNextFrame(() => log.push('kept'));
    mod.cancelAfterNextFrame(gone);
    frame();
    vi.advanceTimersByTime(0);
    expect(log).toEqual(['kept']);
  });

  it('the fallback of one run does not start the next run early', () => {
    const log: string[] = [];
    mod.afterNextFrame(() => log.push('first'));
    frame();
    vi.advanceTimersByTime(0);
    expect(log).toEqual(['first']);
    vi.advanceTimersByTime(mod.NO_FRAME_FALLBACK_MS - 10);
    mod.afterNextFrame(() => log.push('second')); // queued just before the first run's fallback
    vi.advanceTimersByTime(10);
    expect(log).toEqual(['first']); // waits for its own frame
    frame();
    vi.advanceTimersByTime(0);
    expect(log).toEqual(['first', 'second']);
  });

  it('keeps one fallback timer while runs follow one another, and still runs each in time', () => {
    const log: number[] = [];
    for (let i = 0; i < 10; i++) {
      mod.afterNextFrame(() => log.push(i));
      expect(vi.getTimerCount()).toBe(1); // the fallback; no timer per keystroke
      frame(); // the frame's task is the second timer
      vi.advanceTimersByTime(20);
    }
    expect(log).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // A run armed after the fallback timer was set still waits its own full delay without frames.
    mod.afterNextFrame(() => log.push(10));
    vi.advanceTimersByTime(mod.NO_FRAME_FALLBACK_MS - 1);
    expect(log).toHaveLength(10);
    vi.advanceTimersByTime(1);
    expect(log).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
