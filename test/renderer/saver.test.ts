/**
 * The renderer's autosave policy (Saver): every change saved within a second, also while the clerk
 * keeps typing; one save at a time; the newest document wins; a failed save is kept and retried.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportDocument } from '../../src/core/document/types';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, SAVE_IDLE_TIMEOUT_MS, Saver } from '../../src/renderer/src/editor/saver';
import { loadSeed } from '../helpers/seed';

const docWith = (n: number): ReportDocument => {
  const d = loadSeed();
  return { ...d, cells: { ...d.cells, 'a.next.natural': n } };
};

interface Call {
  readonly at: number;
  readonly value: number | undefined;
}

function recorder(fail = () => false) {
  const calls: Call[] = [];
  const start = Date.now();
  const save = vi.fn(async (doc: ReportDocument) => {
    calls.push({ at: Date.now() - start, value: doc.cells['a.next.natural'] });
    await new Promise((r) => setTimeout(r, 30)); // the write takes a while
    return fail() ? { ok: false as const, error: { code: 'io', message: '磁盘已满' } } : { ok: true as const, value: { savedAt: new Date().toISOString() } };
  });
  return { calls, save };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-10T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Saver', () => {
  it('saves 400 ms after the last change, once, with the newest document', async () => {
    const { calls, save } = recorder();
    const saver = new Saver(save, '2026-01-10T08:00:00Z');
    saver.schedule(docWith(1));
    await vi.advanceTimersByTimeAsync(100);
    saver.schedule(docWith(2));
    expect(saver.getStatus().kind).toBe('dirty');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ at: 100 + AUTOSAVE_DELAY_MS, value: 2 }]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(1);
    expect(saver.getStatus().kind).toBe('saved');
    expect(saver.dirty).toBe(false);
  });

  it('keeps saving within a second while the clerk types without pause', async () => {
    const { calls, save } = recorder();
    const saver = new Saver(save, '2026-01-10T08:00:00Z');
    const changedAt: number[] = [];
    // A keystroke every 250 ms for 5 s: the debounce alone would never fire.
    for (let i = 0; i < 20; i++) {
      saver.schedule(docWith(i));
      changedAt.push(i * 250);
      await vi.advanceTimersByTimeAsync(250);
    }
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.length).toBeGreaterThanOrEqual(5);
    // Every change is contained in a save that started less than a second after it.
    changedAt.forEach((t, i) => {
      const covering = calls.find((c) => c.at >= t && (c.value ?? -1) >= i);
      expect(covering, `change ${i} at ${t} ms`).toBeDefined();
      expect(covering!.at - t).toBeLessThan(1000);
    });
    expect(calls[0]!.at).toBe(AUTOSAVE_MAX_WAIT_MS);
    expect(calls.at(-1)!.value).toBe(19);
  });

  it('runs a due save when the page is idle, with the newest document, still within a second', async () => {
    const { calls, save } = recorder();
    // An idle period comes 120 ms after the save is due (the page was busy drawing frames).
    const idle: number[] = [];
    const whenIdle = (run: () => void): void => {
      idle.push(Date.now());
      setTimeout(run, 120);
    };
    const saver = new Saver(save, '2026-01-10T08:00:00Z', whenIdle);
    saver.schedule(docWith(1));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(idle).toHaveLength(1); // due now: waits for idle
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    saver.schedule(docWith(2)); // typed while waiting: that document is the one saved
    await vi.advanceTimersByTimeAsync(60);
    expect(calls).toEqual([{ at: AUTOSAVE_DELAY_MS + 120, value: 2 }]);
    expect(AUTOSAVE_MAX_WAIT_MS + SAVE_IDLE_TIMEOUT_MS).toBeLessThan(1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(1); // the change made while waiting was in that save: nothing more
    expect(saver.getStatus().kind).toBe('saved');
  });

  it('runs one save at a time and saves what changed meanwhile right after', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const values: (number | undefined)[] = [];
    const save = async (doc: ReportDocument) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      values.push(doc.cells['a.next.natural']);
      await new Promise((r) => setTimeout(r, 500));
      inFlight--;
      return { ok: true as const, value: { savedAt: 'x' } };
    };
    const saver = new Saver(save, 'x');
    saver.schedule(docWith(1));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    saver.schedule(docWith(2));
    const done = saver.flush();
    await vi.advanceTimersByTimeAsync(2000);
    expect(await done).toBe(true);
    expect(maxInFlight).toBe(1);
    expect(values).toEqual([1, 2]);
  });

  it('keeps a failed save pending, shows the error and retries on the next flush', async () => {
    let failing = true;
    const { calls, save } = recorder(() => failing);
    const saver = new Saver(save, 'x');
    saver.schedule(docWith(7));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 50);
    expect(saver.getStatus()).toEqual({ kind: 'error', message: '磁盘已满' });
    expect(saver.dirty).toBe(true);
    failing = false;
    const ok = saver.flush();
    await vi.advanceTimersByTimeAsync(100);
    expect(await ok).toBe(true);
    expect(calls.map((c) => c.value)).toEqual([7, 7]);
    expect(saver.getStatus().kind).toBe('saved');
  });
});
