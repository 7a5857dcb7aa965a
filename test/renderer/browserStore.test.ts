/**
 * browserStore.ts, the library behind the browser implementation of the app's API (what the
 * end-to-end tests and a plain browser run on): versions kept in the history, a save that leaves
 * the history alone when it has no new version, a full storage handled by dropping the oldest
 * versions, and what it keeps in memory agreeing with what a fresh start (a reload) reads.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportDocument } from '../../src/core/document/types';
import { createBrowserStore, type Kv } from '../../src/renderer/src/api/browserStore';
import { loadSeed, withCells } from '../helpers/seed';

const seed = loadSeed();
/** The seed report with 结转下年度/自然人 set to `n`: each n a different text to save. */
const docWith = (n: number): ReportDocument => withCells(seed, { 'a.next.natural': n });

/** A Map as storage, counting writes per key, refusing writes past `quota` characters. */
function memoryKv(quota = Infinity) {
  const data = new Map<string, string>();
  const writes = new Map<string, number>();
  const used = (): number => [...data.values()].reduce((n, v) => n + v.length, 0);
  const kv: Kv = {
    get: (k) => data.get(k) ?? null,
    set: (k, v) => {
      if (used() - (data.get(k)?.length ?? 0) + v.length > quota) throw new DOMException('full', 'QuotaExceededError');
      data.set(k, v);
      writes.set(k, (writes.get(k) ?? 0) + 1);
    },
    remove: (k) => void data.delete(k),
  };
  return { kv, data, writes, used };
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

let now = 0;
beforeEach(() => {
  now = Date.parse('2026-01-10T09:00:00Z');
  vi.useFakeTimers({ now, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});
const later = (ms: number): void => {
  now += ms;
  vi.setSystemTime(now);
};

describe('browser API storage', () => {
  it('keeps a version per minute of saves and writes the history only when it gains one', async () => {
    const { kv, writes } = memoryKv();
    const api = createBrowserStore(kv).methods;
    const { id } = unwrap(await api.importDocument(docWith(1)));
    const historyKey = `history.${id}`;
    const historyWrites = (): number => writes.get(historyKey) ?? 0;

    later(1000);
    unwrap(await api.saveReport(id, docWith(2))); // first save: the imported text becomes a version
    expect(unwrap(await api.listHistory(id))).toHaveLength(1);
    const afterFirst = historyWrites();
    for (let n = 3; n <= 8; n++) {
      later(5000); // autosave every few seconds: versions closer than a minute collapse
      unwrap(await api.saveReport(id, docWith(n)));
    }
    expect(historyWrites()).toBe(afterFirst); // no new version, no rewrite of the history
    expect(unwrap(await api.listHistory(id))).toHaveLength(1);
    expect(unwrap(await api.loadReport(id)).doc.cells['a.next.natural']).toBe(8);

    later(61_000);
    unwrap(await api.saveReport(id, docWith(9))); // 8 was saved only 31 s after the kept version
    expect(historyWrites()).toBe(afterFirst);
    later(5000);
    unwrap(await api.saveReport(id, docWith(10))); // 9 came a minute after it: 9 is kept
    expect(historyWrites()).toBe(afterFirst + 1);

    // A fresh start over the same storage (a reload) reads what this one kept in memory.
    const reloaded = createBrowserStore(kv).methods;
    const versions = unwrap(await reloaded.listHistory(id));
    expect(versions).toEqual(unwrap(await api.listHistory(id)));
    expect(versions).toHaveLength(2);
    const restored = unwrap(await reloaded.restoreVersion(id, versions[0]!.versionId));
    expect(restored.doc.cells['a.next.natural']).toBe(9);
    expect(unwrap(await reloaded.loadReport(id)).doc.cells['a.next.natural']).toBe(9);
  });

  it('drops the oldest versions when the storage is full, and the save still lands', async () => {
    const text = JSON.stringify(docWith(0)).length;
    // Room for the report, the index and about four versions: the fifth must push old ones out.
    const { kv, data } = memoryKv(text * 6);
    const api = createBrowserStore(kv).methods;
    const { id } = unwrap(await api.importDocument(docWith(100)));
    for (let n = 101; n <= 110; n++) {
      later(61_000);
      const saved = await api.saveReport(id, docWith(n));
      expect(saved.ok, `save of ${n}`).toBe(true);
    }
    expect(unwrap(await api.loadReport(id)).doc.cells['a.next.natural']).toBe(110);
    const kept = unwrap(await api.listHistory(id));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(10);
    // The newest versions are the ones kept, newest first, and storage agrees with memory.
    const fresh = createBrowserStore(kv).methods;
    expect(unwrap(await fresh.listHistory(id))).toEqual(kept);
    const newest = unwrap(await fresh.restoreVersion(id, kept[0]!.versionId));
    expect(newest.doc.cells['a.next.natural']).toBe(109);
    expect(data.get(`doc.${id}`)).toBeDefined();
  });

  it('says plainly when even the report alone does not fit, and keeps what was saved', async () => {
    const { kv, data } = memoryKv(JSON.stringify(docWith(0)).length * 3.6);
    const api = createBrowserStore(kv).methods;
    const { id } = unwrap(await api.importDocument(docWith(1)));
    later(61_000);
    unwrap(await api.saveReport(id, docWith(2))); // the history now holds the imported version
    expect(unwrap(await api.listHistory(id))).toHaveLength(1);
    const stored = new Map(data);
    later(61_000);
    const d = docWith(3);
    const text = Object.fromEntries(Object.keys(d.text).map((k) => [k, '很长的正文。'.repeat(4000)]));
    const r = await api.saveReport(id, { ...d, text: text as ReportDocument['text'] });
    if (r.ok) throw new Error('a report larger than the storage was saved');
    expect(r.error.message).toContain('浏览器存储空间已满');
    // Storage is as it was (the history trimmed to make room is put back), and this instance
    // and a fresh start agree.
    expect(new Map(data)).toEqual(stored);
    for (const store of [api, createBrowserStore(kv).methods]) {
      expect(unwrap(await store.loadReport(id)).doc.cells['a.next.natural']).toBe(2);
      expect(unwrap(await store.listHistory(id))).toHaveLength(1);
      expect(unwrap(await store.listReports()).map((x) => x.id)).toEqual([id]);
    }
    // A new report that does not fit leaves nothing behind.
    const keys = [...data.keys()].sort();
    expect((await api.importDocument({ ...d, text: text as ReportDocument['text'] })).ok).toBe(false);
    expect([...data.keys()].sort()).toEqual(keys);
    expect(unwrap(await api.listReports())).toHaveLength(1);
  });

  it('returns a failed index write as a result, and nothing changes', async () => {
    const { kv, data } = memoryKv();
    const api = createBrowserStore(kv).methods;
    const { id } = unwrap(await api.importDocument(docWith(1)));
    const set = kv.set;
    kv.set = (k, v) => {
      if (k === 'index') throw new Error('磁盘故障');
      set(k, v);
    };
    const r = await api.deleteReport(id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('无法写入浏览器存储');
    kv.set = set;
    for (const store of [api, createBrowserStore(kv).methods]) {
      expect(unwrap(await store.listReports()).map((x) => x.id)).toEqual([id]);
      expect(unwrap(await store.listTrash())).toEqual([]);
    }
    expect(data.get('index')).toContain(id);
  });

  it('reads back settings and trash changes at once and after a reload', async () => {
    const { kv } = memoryKv();
    const api = createBrowserStore(kv).methods;
    const returned = unwrap(await api.setSettings({ docxFonts: 'common', recentUnits: ['甲'] }));
    (returned.recentUnits as string[]).push('changed by a caller'); // must not reach the store
    const got = unwrap(await api.getSettings());
    (got.recentUnits as string[]).push('changed again');
    expect(unwrap(await api.getSettings())).toMatchObject({ docxFonts: 'common', recentUnits: ['甲'] });
    expect(unwrap(await api.getSettings()).docxFonts).toBe('common');
    expect(unwrap(await createBrowserStore(kv).methods.getSettings()).docxFonts).toBe('common');

    const { id } = unwrap(await api.importDocument(docWith(1)));
    const listed = unwrap(await api.listReports());
    (listed[0] as { unitName: string }).unitName = 'changed by a caller'; // must not reach storage
    unwrap(await api.deleteReport(id));
    expect(unwrap(await api.listReports())).toHaveLength(0);
    expect(unwrap(await createBrowserStore(kv).methods.listTrash()).map((t) => t.id)).toEqual([id]);
    unwrap(await api.restoreFromTrash(id));
    const back = unwrap(await createBrowserStore(kv).methods.listReports());
    expect(back.map((r) => r.id)).toEqual([id]);
    expect(back[0]!.unitName).toBe(seed.unit.name);
  });
});

describe('a report file opened again', () => {
  it('is found in the list when identical, and not when it differs', async () => {
    const { kv } = memoryKv();
    const store = createBrowserStore(kv);
    const added = unwrap(store.addNew(docWith(3)));
    expect(store.findSame(docWith(3))?.id).toBe(added.id);
    expect(store.findSame(docWith(4))).toBeUndefined();
    unwrap(await store.methods.deleteReport(added.id));
    expect(store.findSame(docWith(3))).toBeUndefined(); // in the recycle bin: not in the list
  });
});

describe('a report from last year’s', () => {
  it('carries that report’s unit, and only last year’s can be the base', async () => {
    const { kv } = memoryKv();
    const store = createBrowserStore(kv);
    const last = unwrap(store.addNew(seed));
    const next = unwrap(await store.methods.createReport({ year: 2025, fromId: last.id }));
    expect(next.unitName).toBe(seed.unit.name);
    const wrong = await store.methods.createReport({ year: 2026, fromId: last.id });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'not-last-year' } });
    expect(await store.methods.createReport({ year: 2025 })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});
