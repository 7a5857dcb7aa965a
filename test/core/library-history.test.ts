import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWriteOrder, HOUR_MS, localDay, versionIdAt, versionOrder, versionsToPrune, versionTime } from '../../src/core/library';

describe('history thinning (properties)', () => {
  const now = new Date(2025, 5, 15, 12, 0, 0).getTime();
  const times = fc.uniqueArray(fc.integer({ min: now - 30 * 24 * HOUR_MS, max: now }), { maxLength: 120 });

  it('keeps every recent version, exactly the last version of each older day, and the newest', () => {
    fc.assert(
      fc.property(times, (ts) => {
        const ids = ts.map((t) => versionIdAt(t));
        const pruned = new Set(versionsToPrune(ids, now));
        const kept = ids.filter((id) => !pruned.has(id));
        for (const id of ids) {
          const t = versionTime(id)!;
          if (now - t < HOUR_MS) expect(pruned.has(id)).toBe(false);
        }
        const olderKept = kept.filter((id) => now - versionTime(id)! >= HOUR_MS);
        const olderDays = new Set(ids.filter((id) => now - versionTime(id)! >= HOUR_MS).map((id) => localDay(versionTime(id)!)));
        expect(new Set(olderKept.map((id) => localDay(versionTime(id)!))).size).toBe(olderDays.size);
        expect(olderKept.length).toBe(olderDays.size);
        for (const id of olderKept) {
          const day = localDay(versionTime(id)!);
          const later = ids.filter((o) => localDay(versionTime(o)!) === day && now - versionTime(o)! >= HOUR_MS && o > id);
          expect(later).toEqual([]);
        }
        if (ids.length > 0) expect(pruned.has([...ids].sort().at(-1)!)).toBe(false);
      }),
    );
  });

  it('version ids round-trip and sort in time order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4102444800000 }), fc.integer({ min: 0, max: 999 }), (t, seq) => {
        const id = versionIdAt(t, seq);
        expect(id).toMatch(/^[A-Za-z0-9_.-]{1,80}$/); // what the API schema accepts
        expect(versionTime(id)).toBe(t);
        if (seq > 0) expect(versionIdAt(t, seq - 1) < id).toBe(true);
        expect(versionIdAt(t) < versionIdAt(t + 1)).toBe(true);
      }),
    );
  });

  it('write order: ids with one come after every id without, in the order written, whatever their time', () => {
    const old = [versionIdAt(now - 2 * HOUR_MS), versionIdAt(now - HOUR_MS, 3)];
    const written = [versionIdAt(now + 24 * HOUR_MS, 0, 7), versionIdAt(now - 365 * 24 * HOUR_MS, 0, 8), versionIdAt(now, 2, 9)];
    const shuffled = [written[2]!, old[1]!, written[0]!, old[0]!, written[1]!];
    expect(shuffled.sort(compareWriteOrder)).toEqual([...old, ...written]);
    for (const id of written) expect(versionTime(id)).toBeDefined();
    expect(versionOrder(written[1]!)).toBe(8);
    expect(versionOrder(old[0]!)).toBeUndefined();
    // Ids of one millisecond sort as strings in their order too.
    expect(versionIdAt(now, 0, 1) < versionIdAt(now, 1, 2)).toBe(true);
  });

  it('keeps the version of a day written last, even when the clock ran ahead earlier that day', () => {
    const day = new Date(2025, 5, 10, 0, 0, 0).getTime();
    const ahead = versionIdAt(day + 11 * HOUR_MS, 0, 1); // saved at 09:00 with the clock two hours ahead
    const b = versionIdAt(day + 9 * HOUR_MS + 40 * 60_000, 0, 2); // the clock put right: 09:40
    const c = versionIdAt(day + 10 * HOUR_MS, 0, 3); // 10:00, the day's final text
    const next = versionIdAt(day + 24 * HOUR_MS + 9 * HOUR_MS, 0, 4);
    expect(versionsToPrune([ahead, b, c, next], day + 24 * HOUR_MS + 9 * HOUR_MS).sort()).toEqual([ahead, b].sort());
  });

  it('ignores names that are not versions', () => {
    expect(versionsToPrune(['notes', '2025-01-01', '../x'], now)).toEqual([]);
    expect(versionTime('20250230T000000000Z')).toBeUndefined();
    expect(versionTime('20250228T235959999Z')).toBe(Date.UTC(2025, 1, 28, 23, 59, 59, 999));
  });
});
