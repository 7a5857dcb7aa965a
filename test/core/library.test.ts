import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/checker';
import { parseDocument, serializeDocument, type ReportDocument } from '../../src/core/document';
import {
  createMemoryFileSystem,
  createReportLibrary,
  HOUR_MS,
  versionIdAt,
  versionsToPrune,
  versionTime,
  writeFileAtomic,
  type MemoryFileSystem,
  type ReportLibrary,
} from '../../src/core/library';

const seedText = readFileSync(resolve(__dirname, '../fixtures/seed-2024.json'), 'utf8');
const seedParsed = parseDocument(seedText);
if (!seedParsed.ok) throw new Error(seedParsed.error.message);
const seed: ReportDocument = seedParsed.value;

const ROOT = '/data/reports';
const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

function withOverview(doc: ReportDocument, overview: string): ReportDocument {
  return { ...doc, text: { ...doc.text, overview } };
}

interface Setup {
  fs: MemoryFileSystem;
  lib: ReportLibrary;
  clock: { t: number; now(): number };
  ids: string[];
}

function setup(opts: { start?: number; delays?: boolean; recentMs?: number } = {}): Setup {
  const clock = { t: opts.start ?? new Date(2025, 0, 10, 9, 0, 0).getTime(), now: () => clock.t };
  let seq = 0;
  const ids: string[] = [];
  const fs = createMemoryFileSystem({
    clock,
    delay: opts.delays ? () => new Promise((r) => setTimeout(r, Math.floor(Math.random() * 3))) : undefined,
  });
  const lib = createReportLibrary({
    fs,
    root: ROOT,
    clock,
    sleep: async () => undefined,
    newId: () => {
      const id = `r${++seq}`;
      ids.push(id);
      return id;
    },
    history: opts.recentMs !== undefined ? { recentMs: opts.recentMs } : undefined,
  });
  return { fs, lib, clock, ids };
}

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const historyFiles = (fs: MemoryFileSystem, id: string): string[] =>
  [...fs.files().keys()].filter((k) => k.startsWith(`${ROOT}/history/${id}/`)).sort();

describe('report library: basics', () => {
  it('creates, lists, loads and saves a report', async () => {
    const { lib, fs } = setup();
    const created = await must(lib.createReport({ unit: seed.unit, year: 2025, contact: { person: '张三' } }));
    expect(created).toMatchObject({ unitName: '集贤县人民政府', unitKind: 'government', year: 2025 });
    const list = await must(lib.listReports());
    expect(list.map((r) => r.id)).toEqual([created.id]);
    const loaded = await must(lib.loadReport(created.id));
    // The counts are the checker's.
    const counts = check(loaded.doc, loaded.doc.lastYear);
    expect(list[0]).toMatchObject({ errors: counts.errors, warnings: counts.warnings });
    expect(loaded.doc.contact).toEqual({ person: '张三' });
    expect(loaded.notice).toBeUndefined();

    const edited = withOverview(loaded.doc, '2025年，本县…');
    const saved = await must(lib.saveReport(created.id, edited));
    expect(saved.savedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(dec(fs.files().get(`${ROOT}/${created.id}.json`))).toBe(serializeDocument(edited));
  });

  it('rejects ids that are not report ids (no path traversal)', async () => {
    const { lib } = setup();
    for (const bad of ['../x', 'a/b', '', 'x'.repeat(65), 'a.json']) {
      const r = await lib.loadReport(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad-request');
    }
    const v = await lib.restoreVersion('r1', '..');
    expect(v.ok).toBe(false);
  });

  it('a missing report gives a Chinese error', async () => {
    const { lib } = setup();
    const r = await lib.loadReport('nothere');
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    if (!r.ok) expect(r.error.message).toMatch(/找不到/);
  });

  it('starts from last year: carries the unit, 上年结转 and lastYear', async () => {
    const { lib } = setup();
    const last = await must(lib.importDocument(seed));
    const next = await must(lib.createReport({ year: 2025, fromId: last.id }));
    const doc = (await must(lib.loadReport(next.id))).doc;
    expect(doc.unit).toEqual(seed.unit);
    expect(next.unitName).toBe('集贤县人民政府');
    expect(doc.year).toBe(2025);
    expect(doc.lastYear?.year).toBe(2024);
    expect(doc.lastYear?.cells['a.new.natural']).toBe(24);
    expect(doc.cells['p.norms.valid']).toBe(18);
  });

  it('a report from last year keeps that report’s unit, whatever unit is given; a blank one needs a unit', async () => {
    const { lib } = setup();
    const last = await must(lib.importDocument(seed));
    const next = await must(lib.createReport({ unit: { name: '某某局', kind: 'department' }, year: 2025, fromId: last.id }));
    expect((await must(lib.loadReport(next.id))).doc.unit).toEqual(seed.unit);
    const r = await lib.createReport({ year: 2025 });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    if (!r.ok) expect(r.error.message).toMatch(/单位名称/);
    // Only last year's report carries 上年结转 into this year.
    const wrong = await lib.createReport({ year: 2027, fromId: last.id });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'not-last-year', message: '只能从上一年度（2026年）的报告新建2027年度报告。' } });
  });

  it('duplicates a report under a new id', async () => {
    const { lib } = setup();
    const a = await must(lib.importDocument(seed));
    const b = await must(lib.duplicateReport(a.id));
    expect(b.id).not.toBe(a.id);
    expect(serializeDocument((await must(lib.loadReport(b.id))).doc)).toBe(serializeDocument(seed));
    expect((await must(lib.listReports())).length).toBe(2);
  });

  it('finds a report by unit and year', async () => {
    const { lib } = setup();
    const a = await must(lib.importDocument(seed));
    expect(await lib.findReport('集贤县人民政府', 2024)).toBe(a.id);
    expect(await lib.findReport('集贤县人民政府', 2023)).toBeUndefined();
  });

  it('imports a new version of an existing report, keeping the old one in the history', async () => {
    const { lib, clock } = setup();
    const a = await must(lib.importDocument(seed));
    clock.t += 60_000;
    const changed = withOverview(seed, '导入的新版本');
    await must(lib.importDocument(changed, a.id));
    expect((await must(lib.loadReport(a.id))).doc.text.overview).toBe('导入的新版本');
    const hist = await must(lib.listHistory(a.id));
    expect(hist).toHaveLength(1);
    const old = await must(lib.restoreVersion(a.id, hist[0]!.versionId));
    expect(serializeDocument(old.doc)).toBe(serializeDocument(seed));
  });
});

describe('report library: saving', () => {
  it('concurrent saves keep the newest', async () => {
    for (let round = 0; round < 5; round++) {
      const { lib, fs } = setup({ delays: true });
      const { id } = await must(lib.importDocument(seed));
      const versions = Array.from({ length: 12 }, (_, i) => withOverview(seed, `第${i}版`));
      const results = await Promise.all(versions.map((v) => lib.saveReport(id, v)));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(dec(fs.files().get(`${ROOT}/${id}.json`))).toBe(serializeDocument(versions[11]!));
      expect((await must(lib.loadReport(id))).doc.text.overview).toBe('第11版');
    }
  });

  it('an equal text skips the write', async () => {
    const { lib, fs } = setup();
    const { id } = await must(lib.importDocument(seed));
    const edited = withOverview(seed, '改过');
    await must(lib.saveReport(id, edited));
    const before = fs.writes();
    const again = await must(lib.saveReport(id, { ...edited }));
    expect(fs.writes()).toBe(before);
    expect(again.savedAt).toMatch(/T/);
  });

  it('an equal text is skipped in a fresh session too', async () => {
    const { lib, fs } = setup();
    const { id } = await must(lib.importDocument(seed));
    const lib2 = createReportLibrary({ fs, root: ROOT });
    const before = fs.writes();
    await must(lib2.saveReport(id, seed));
    expect(fs.writes()).toBe(before);
  });

  it('leaves no temp files and removes stray ones when opened', async () => {
    const { lib, fs } = setup();
    const { id } = await must(lib.importDocument(seed));
    await must(lib.saveReport(id, withOverview(seed, 'x')));
    expect([...fs.files().keys()].filter((k) => k.endsWith('.tmp'))).toEqual([]);
    fs.put(`${ROOT}/${id}.json.abcd1234.tmp`, '{"half');
    fs.put(`${ROOT}/history/${id}/20250101T000000000Z.json.zzzz9999.tmp`, '{"half');
    fs.put(`${ROOT}/trash/gone1/info.json.qqqq1111.tmp`, '{"half');
    fs.put(`${ROOT}/trash/gone1/history/20250101T000000000Z.json.wwww2222.tmp`, '{"half');
    const lib2 = createReportLibrary({ fs, root: ROOT });
    await must(lib2.listReports());
    expect([...fs.files().keys()].filter((k) => k.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to save into a report that is in the recycle bin', async () => {
    const { lib } = setup();
    const { id } = await must(lib.importDocument(seed));
    await must(lib.deleteReport(id));
    const r = await lib.saveReport(id, withOverview(seed, 'late autosave'));
    expect(r).toMatchObject({ ok: false, error: { code: 'in-trash' } });
  });

  it('a write error becomes a Chinese message, the old file stays intact', async () => {
    let full = false;
    const clock = { now: () => 1_700_000_000_000 };
    const fs = createMemoryFileSystem({ clock, fault: (op) => (full && op === 'writeFile' ? 'ENOSPC' : undefined) });
    const lib = createReportLibrary({ fs, root: ROOT, clock, sleep: async () => undefined });
    const { id } = await must(lib.importDocument(seed));
    full = true;
    const r = await lib.saveReport(id, withOverview(seed, 'nope'));
    expect(r).toMatchObject({ ok: false, error: { code: 'io' } });
    if (!r.ok) expect(r.error.message).toMatch(/磁盘空间不足/);
    full = false;
    expect(dec(fs.files().get(`${ROOT}/${id}.json`))).toBe(serializeDocument(seed));
    expect([...fs.files().keys()].filter((k) => k.endsWith('.tmp'))).toEqual([]);
  });
});

describe('atomic write', () => {
  it('retries a rename refused for a moment (EPERM/EBUSY), then succeeds', async () => {
    let refusals = 3;
    const fs = createMemoryFileSystem({ fault: (op) => (op === 'rename' && refusals-- > 0 ? (refusals % 2 ? 'EPERM' : 'EBUSY') : undefined) });
    await fs.mkdir('/d');
    const waits: number[] = [];
    await writeFileAtomic(fs, '/d/f.json', new TextEncoder().encode('new'), { sleep: async (ms) => void waits.push(ms) });
    expect(dec(fs.files().get('/d/f.json'))).toBe('new');
    expect(waits).toEqual([10, 20, 40]);
    expect([...fs.files().keys()]).toEqual(['/d/f.json']);
  });

  it('gives up after the backoff and removes its temp file', async () => {
    const fs = createMemoryFileSystem({ fault: (op) => (op === 'rename' ? 'EBUSY' : undefined) });
    fs.put('/d/f.json', 'old');
    await expect(writeFileAtomic(fs, '/d/f.json', new TextEncoder().encode('new'), { sleep: async () => undefined })).rejects.toMatchObject({
      code: 'EBUSY',
    });
    expect([...fs.files().keys()]).toEqual(['/d/f.json']);
    expect(dec(fs.files().get('/d/f.json'))).toBe('old');
  });

  it('falls back to .writing then in place on EXDEV, leaving a .bak of the same name alone', async () => {
    const written: string[] = [];
    const fs = createMemoryFileSystem({
      fault: (op, path) => {
        if (op === 'writeFile') written.push(path);
        return op === 'rename' ? 'EXDEV' : undefined;
      },
    });
    fs.put('/d/f.json', 'old');
    fs.put('/d/f.json.bak', 'a backup the clerk keeps');
    await writeFileAtomic(fs, '/d/f.json', new TextEncoder().encode('new'), { sleep: async () => undefined });
    expect(dec(fs.files().get('/d/f.json'))).toBe('new');
    expect(written.slice(1)).toEqual(['/d/f.json.writing', '/d/f.json']);
    expect([...fs.files().keys()].sort()).toEqual(['/d/f.json', '/d/f.json.bak']);
    expect(dec(fs.files().get('/d/f.json.bak'))).toBe('a backup the clerk keeps');
  });

  it('an EXDEV write stopped before it reached the report file: its newer data is taken on load', async () => {
    const { lib, fs, clock } = setup();
    const { id } = await must(lib.importDocument(seed));
    clock.t += 60_000;
    fs.put(`${ROOT}/${id}.json.writing`, serializeDocument(withOverview(seed, '正在保存的')));
    const loaded = await must(createReportLibrary({ fs, root: ROOT, clock }).loadReport(id));
    expect(loaded.doc.text.overview).toBe('正在保存的');
    expect(loaded.notice).toBe('上次保存在写入时中断，已恢复到当时正在保存的内容。');
    expect(dec(fs.files().get(`${ROOT}/${id}.json`))).toContain('正在保存的');
    expect(fs.files().has(`${ROOT}/${id}.json.writing`)).toBe(false);
    // One left behind by a write whose clean-up failed is removed by the next save, never taken later.
    fs.put(`${ROOT}/${id}.json.writing`, serializeDocument(withOverview(seed, '旧的')));
    const session = createReportLibrary({ fs, root: ROOT, clock });
    await must(session.importDocument(withOverview(seed, '新导入的'), id));
    expect(fs.files().has(`${ROOT}/${id}.json.writing`)).toBe(false);
    expect((await must(createReportLibrary({ fs, root: ROOT, clock }).loadReport(id))).doc.text.overview).toBe('新导入的');
    // One the report file already holds is simply removed.
    fs.put(`${ROOT}/${id}.json.writing`, dec(fs.files().get(`${ROOT}/${id}.json`)));
    const again = await must(createReportLibrary({ fs, root: ROOT, clock }).loadReport(id));
    expect(again.notice).toBeUndefined();
    expect(fs.files().has(`${ROOT}/${id}.json.writing`)).toBe(false);
  });

  it.each(['writing', 'bak'])('recovers from the .%s of an interrupted EXDEV write', async (ext) => {
    const { lib, fs, clock } = setup();
    const { id } = await must(lib.importDocument(seed));
    clock.t += 10 * 60_000;
    const newer = withOverview(seed, 'EXDEV 写入的新版本');
    fs.put(`${ROOT}/${id}.json.${ext}`, serializeDocument(newer));
    fs.put(`${ROOT}/${id}.json`, serializeDocument(newer).slice(0, 200)); // in-place write cut short
    const lib2 = createReportLibrary({ fs, root: ROOT, clock });
    const loaded = await must(lib2.loadReport(id));
    expect(loaded.doc.text.overview).toBe('EXDEV 写入的新版本');
    expect(loaded.notice).toMatch(/报告文件已损坏/);
    expect(fs.files().has(`${ROOT}/${id}.json.${ext}`)).toBe(false);
  });
});

describe('finding the report a file holds', () => {
  it('finds the identical report without touching a damaged one', async () => {
    const { lib, fs } = setup();
    const a = await must(lib.importDocument(seed));
    expect((await lib.findSame(seed))?.id).toBe(a.id);
    expect(await lib.findSame(withOverview(seed, '别的'))).toBeUndefined();
    fs.put(`${ROOT}/${a.id}.json`, '{"format":"nianbao"');
    const writes = fs.writes();
    expect(await lib.findSame(seed)).toBeUndefined();
    expect(fs.writes()).toBe(writes); // nothing recovered or copied aside behind the clerk's back
  });
});

describe('a report file changed by something else while open', () => {
  it('is kept in the history before the next save replaces it', async () => {
    const { lib, fs, clock } = setup();
    const { id } = await must(lib.importDocument(seed));
    await must(lib.loadReport(id));
    await must(lib.saveReport(id, withOverview(seed, '本软件保存的')));
    clock.t += 60_000;
    fs.put(`${ROOT}/${id}.json`, serializeDocument(withOverview(seed, '别处改过的')));
    clock.t += 60_000;
    await must(lib.saveReport(id, withOverview(seed, '接着输入的')));
    expect(dec(fs.files().get(`${ROOT}/${id}.json`))).toContain('接着输入的');
    const kept = historyFiles(fs, id).map((k) => dec(fs.files().get(k)));
    expect(kept.some((t) => t.includes('别处改过的'))).toBe(true);
    // And only once: the next save finds the file as it left it.
    const before = historyFiles(fs, id).length;
    await must(lib.saveReport(id, withOverview(seed, '再输入的')));
    expect(historyFiles(fs, id).length).toBe(before + 1);
  });

  it('is copied aside when it is damaged', async () => {
    const { lib, fs, clock } = setup();
    const { id } = await must(lib.importDocument(seed));
    await must(lib.loadReport(id));
    clock.t += 60_000;
    fs.put(`${ROOT}/${id}.json`, '{"format":"nianbao","unit"');
    await must(lib.saveReport(id, withOverview(seed, '接着输入的')));
    const corrupt = [...fs.files().keys()].filter((k) => k.includes(`${id}.json.corrupt-`));
    expect(corrupt.map((k) => dec(fs.files().get(k)))).toEqual(['{"format":"nianbao","unit"']);
    expect(dec(fs.files().get(`${ROOT}/${id}.json`))).toContain('接着输入的');
  });
});

describe('damaged report files', () => {
  it('are copied aside and the last good version restored, with a Chinese notice', async () => {
    const start = new Date(2025, 0, 10, 14, 32, 0).getTime();
    const { lib, fs, clock } = setup({ start });
    const { id } = await must(lib.importDocument(seed));
    const good = withOverview(seed, '最后一次正常保存');
    await must(lib.saveReport(id, good));
    clock.t += 5 * 60_000;
    const damaged = new Uint8Array([0x7b, 0x22, 0x66, 0x6f, 0xff, 0x00, 0x00]);
    fs.put(`${ROOT}/${id}.json`, damaged);

    const lib2 = createReportLibrary({ fs, root: ROOT, clock });
    // The list shows it (from the version it will be recovered to) without writing anything.
    const writes = fs.writes();
    const list = await must(lib2.listReports());
    expect(list[0]).toMatchObject({ id, unitName: '集贤县人民政府' });
    expect(fs.writes()).toBe(writes);

    const loaded = await must(lib2.loadReport(id));
    expect(loaded.doc.text.overview).toBe('最后一次正常保存');
    expect(loaded.notice).toMatch(/^报告文件已损坏，已恢复到 ?14:32 ?保存的版本；损坏的文件另存为 /);
    const corrupt = [...fs.files().keys()].filter((k) => k.includes('.json.corrupt-'));
    expect(corrupt).toHaveLength(1);
    expect(loaded.notice).toContain(corrupt[0]);
    expect([...fs.files().get(corrupt[0]!)!]).toEqual([...damaged]);
    expect(dec(fs.files().get(`${ROOT}/${id}.json`))).toBe(serializeDocument(good));
  });

  it('after the clock was put back (it had run ahead), the version written last is the one restored', async () => {
    const ahead = new Date(2030, 0, 1, 9, 0, 0).getTime();
    const { lib, fs, clock } = setup({ start: ahead });
    const { id } = await must(lib.importDocument(seed));
    await must(lib.saveReport(id, withOverview(seed, '时钟快了时保存的')));
    // The clock is corrected; the next sessions save three more versions.
    clock.t = new Date(2025, 5, 1, 9, 0, 0).getTime();
    for (const [i, text] of ['改正时钟后第一版', '第二版', '最后一次正常保存'].entries()) {
      const session = createReportLibrary({ fs, root: ROOT, clock, sleep: async () => undefined });
      await must(session.loadReport(id));
      await must(session.saveReport(id, withOverview(seed, text)));
      clock.t += (i + 1) * 60_000;
    }
    fs.put(`${ROOT}/${id}.json`, '{"format":"nianbao"');
    const loaded = await must(createReportLibrary({ fs, root: ROOT, clock }).loadReport(id));
    expect(loaded.doc.text.overview).toBe('最后一次正常保存');
    // The history lists the versions in the order they were written.
    const list = await must(createReportLibrary({ fs, root: ROOT, clock }).listHistory(id));
    const texts = await Promise.all(
      list.map(async (v) => dec(fs.files().get(`${ROOT}/history/${id}/${v.versionId}.json`)).match(/"overview": "([^"]*)"/)?.[1]),
    );
    expect(texts.indexOf('最后一次正常保存')).toBeLessThan(texts.indexOf('第二版'));
    expect(texts.indexOf('第二版')).toBeLessThan(texts.indexOf('改正时钟后第一版'));
  });

  it('with the clock behind (a flat CMOS battery): the clock’s times, thinned by day, the version written last restored', async () => {
    const { lib, fs, clock } = setup({ start: new Date(2026, 5, 1, 9, 0, 0).getTime() });
    const { id } = await must(lib.importDocument(seed));
    await must(lib.saveReport(id, withOverview(seed, '时钟正常时保存的')));
    // The PC starts in 2009 for a week: ten saves a day, ten minutes apart, a session a day.
    const day0 = new Date(2009, 0, 1, 9, 0, 0).getTime();
    for (let d = 0; d < 7; d++) {
      clock.t = day0 + d * 24 * 3_600_000;
      const session = createReportLibrary({ fs, root: ROOT, clock, sleep: async () => undefined });
      for (let i = 0; i < 10; i++) {
        await must(session.saveReport(id, withOverview(seed, `第${d}天第${i}次`)));
        clock.t += 10 * 60_000;
      }
    }
    const overviewOf = (vid: string): string | undefined =>
      (JSON.parse(dec(fs.files().get(`${ROOT}/history/${id}/${vid}.json`))) as ReportDocument).text.overview;
    const history = async (): Promise<readonly { versionId: string; savedAt: string }[]> => must(createReportLibrary({ fs, root: ROOT, clock }).listHistory(id));
    const days2009 = async (): Promise<number> =>
      new Set((await history()).filter((v) => v.savedAt.startsWith('2009')).map((v) => new Date(v.savedAt).getDate())).size;
    // The history shows the clock's times, one version at least for each day.
    expect(await days2009()).toBe(7);
    // Damaged: the version written last comes back, not the 2026 one the clock calls newest.
    fs.put(`${ROOT}/${id}.json`, '{"format":"nianbao"');
    const loaded = await must(createReportLibrary({ fs, root: ROOT, clock }).loadReport(id));
    expect(loaded.doc.text.overview).toBe('第6天第9次');
    // The clock is set right again: the week is still one version a day, not thinned to one.
    clock.t = new Date(2026, 5, 8, 9, 0, 0).getTime();
    await must(createReportLibrary({ fs, root: ROOT, clock }).saveReport(id, withOverview(seed, '时钟改正后')));
    expect(await days2009()).toBe(7);
    expect(overviewOf((await history())[0]!.versionId)).toBe('第6天第9次'); // the current one aside, written last first
  });

  it('more than 999 versions within one millisecond still get valid, rising ids', async () => {
    const { lib, clock } = setup();
    clock.now = () => clock.t; // frozen
    const { id } = await must(lib.importDocument(seed));
    for (let i = 0; i < 1002; i++) await must(lib.saveReport(id, withOverview(seed, `第${i}版`)));
    const list = await must(lib.listHistory(id));
    expect(list).toHaveLength(1002); // every version but the current one
    const ids = list.map((v) => v.versionId);
    expect(new Set(ids).size).toBe(1002);
    expect([...ids].sort().reverse()).toEqual(ids); // written last first, and so as strings too
  });

  it('without any history: a clear Chinese error, the file kept aside and in place', async () => {
    const { lib, fs } = setup();
    fs.put(`${ROOT}/broken.json`, '{"format":"nianbao","unit":{"name":"某某局"');
    const r = await lib.loadReport('broken');
    expect(r).toMatchObject({ ok: false, error: { code: 'damaged' } });
    if (!r.ok) {
      expect(r.error.message).toMatch(/报告文件已损坏，且没有可以恢复的历史版本/);
      expect(r.error.message).toMatch(/另存为 .*broken\.json\.corrupt-/);
    }
    const corrupt = [...fs.files().keys()].filter((k) => k.includes('broken.json.corrupt-'));
    expect(corrupt).toHaveLength(1);
    expect(dec(fs.files().get(corrupt[0]!))).toBe('{"format":"nianbao","unit":{"name":"某某局"');
    expect(fs.files().has(`${ROOT}/broken.json`)).toBe(true);
    // Opening again does not pile up copies.
    await lib.loadReport('broken');
    expect([...fs.files().keys()].filter((k) => k.includes('broken.json.corrupt-'))).toHaveLength(1);
    // It is still listed, marked, so the clerk can see and remove it.
    const list = await must(lib.listReports());
    expect(list[0]).toMatchObject({ id: 'broken', unitName: '【文件已损坏】某某局', errors: 1 });
  });

  it('a valid JSON file that is not a report is damaged too, and is never overwritten without a copy', async () => {
    const { lib, fs } = setup();
    fs.put(`${ROOT}/odd.json`, '{"hello": 1}');
    const r = await lib.saveReport('odd', seed);
    expect(r.ok).toBe(true);
    const corrupt = [...fs.files().keys()].filter((k) => k.includes('odd.json.corrupt-'));
    expect(corrupt).toHaveLength(1);
    expect(dec(fs.files().get(corrupt[0]!))).toBe('{"hello": 1}');
  });
});

describe('history', () => {
  it('thinning policy: all versions of the last hour, then the last of each day', () => {
    const now = new Date(2025, 2, 14, 15, 0, 0).getTime();
    const at = (d: number, h: number, m: number): string => versionIdAt(new Date(2025, 2, d, h, m, 0).getTime());
    const recent = [at(14, 14, 5), at(14, 14, 30), at(14, 14, 59)];
    const today = [at(14, 9, 0), at(14, 13, 50)];
    const day13 = [at(13, 8, 0), at(13, 12, 0), at(13, 23, 59)];
    const day10 = [at(10, 10, 0)];
    const ids = [...day10, ...day13, ...today, ...recent];
    const pruned = versionsToPrune(ids, now).sort();
    expect(pruned).toEqual([at(13, 8, 0), at(13, 12, 0), at(14, 9, 0)].sort());
    // Everything within the hour stays even when there are many.
    const burst = Array.from({ length: 90 }, (_, i) => versionIdAt(now - i * 60_000));
    expect(versionsToPrune(burst, now).every((id) => versionTime(id)! < now - HOUR_MS + 1)).toBe(true);
    expect(versionsToPrune(burst, now)).toHaveLength(burst.filter((id) => now - versionTime(id)! >= HOUR_MS).length - 1);
  });

  it('the library thins as time passes (injected clock)', async () => {
    const { lib, fs, clock } = setup({ start: new Date(2025, 2, 10, 9, 0, 0).getTime() });
    const { id } = await must(lib.importDocument(seed));
    let n = 0;
    // Three days of work: a save every 10 minutes from 9:00 to 12:00.
    for (let day = 10; day <= 12; day++) {
      for (let m = 0; m <= 180; m += 10) {
        clock.t = new Date(2025, 2, day, 9, m, 0).getTime();
        await must(lib.saveReport(id, withOverview(seed, `v${++n}`)));
      }
    }
    const left = historyFiles(fs, id).map((p) => versionTime(p.slice(p.lastIndexOf('/') + 1, -5))!);
    const lastHour = left.filter((t) => clock.t - t < HOUR_MS);
    const older = left.filter((t) => clock.t - t >= HOUR_MS);
    expect(lastHour).toHaveLength(6); // 11:10 … 12:00 of the last day (7 saves; 11:00 is exactly one hour old)
    // Older: one per day (10th, 11th, and the 12th's older part).
    expect(older.map((t) => new Date(t).getDate())).toEqual([10, 11, 12]);
    expect(older.map((t) => new Date(t).getHours())).toEqual([12, 12, 11]);
  });

  it('restoring a version makes it current and keeps the current one in the history', async () => {
    const { lib, clock } = setup();
    const { id } = await must(lib.importDocument(withOverview(seed, '第一版')));
    clock.t += 60_000;
    await must(lib.saveReport(id, withOverview(seed, '第二版')));
    clock.t += 60_000;
    await must(lib.saveReport(id, withOverview(seed, '第三版')));
    clock.t += 60_000;
    const hist = await must(lib.listHistory(id));
    expect(hist.map((h) => h.savedAt)).toEqual([new Date(clock.t - 120_000).toISOString(), new Date(clock.t - 180_000).toISOString()]);
    expect(hist.every((h) => h.bytes > 1000)).toBe(true);

    const restored = await must(lib.restoreVersion(id, hist[1]!.versionId));
    expect(restored.doc.text.overview).toBe('第一版');
    expect((await must(lib.loadReport(id))).doc.text.overview).toBe('第一版');
    const after = await must(lib.listHistory(id));
    // 第三版 (the one that was current) is now in the history, with the others.
    expect(after).toHaveLength(3);
    const back = await must(lib.restoreVersion(id, after[0]!.versionId));
    expect(back.doc.text.overview).toBe('第三版');
  });

  it('an unknown version gives a Chinese error', async () => {
    const { lib } = setup();
    const { id } = await must(lib.importDocument(seed));
    const r = await lib.restoreVersion(id, versionIdAt(0));
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('recycle bin', () => {
  it('delete moves a report and its history to the bin; restore brings it back unchanged', async () => {
    const { lib, fs, clock } = setup();
    const { id } = await must(lib.importDocument(seed));
    clock.t += 60_000;
    const edited = withOverview(seed, '删除前的内容');
    await must(lib.saveReport(id, edited));
    const historyBefore = historyFiles(fs, id).map((p) => p.slice(p.lastIndexOf('/')));
    clock.t += 60_000;

    await must(lib.deleteReport(id));
    expect((await must(lib.listReports())).map((r) => r.id)).toEqual([]);
    const trash = await must(lib.listTrash());
    expect(trash).toEqual([{ id, unitName: '集贤县人民政府', year: 2024, deletedAt: new Date(clock.t).toISOString() }]);
    expect(fs.files().has(`${ROOT}/${id}.json`)).toBe(false);
    expect((await lib.loadReport(id)).ok).toBe(false);

    const back = await must(lib.restoreFromTrash(id));
    expect(back).toMatchObject({ id, unitName: '集贤县人民政府', year: 2024 });
    expect(await must(lib.listTrash())).toEqual([]);
    expect(dec(fs.files().get(`${ROOT}/${id}.json`))).toBe(serializeDocument(edited));
    expect(historyFiles(fs, id).map((p) => p.slice(p.lastIndexOf('/')))).toEqual(historyBefore);
    expect((await must(lib.listHistory(id))).length).toBe(1);
    expect([...fs.dirs()].filter((d) => d.startsWith(`${ROOT}/trash/`))).toEqual([]);
  });

  it('restoring something not in the bin is a Chinese error', async () => {
    const { lib } = setup();
    const r = await lib.restoreFromTrash('nope');
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found', message: '回收站中没有这份报告。' } });
  });
});

describe('report library: resilience', () => {
  it('a report loads even when its history cannot be written', async () => {
    let historyBroken = false;
    const fs = createMemoryFileSystem({ fault: (op, path) => (historyBroken && op === 'writeFile' && path.includes('/history/') ? 'EACCES' : undefined) });
    fs.put(`${ROOT}/manual.json`, serializeDocument(seed));
    historyBroken = true;
    const lib = createReportLibrary({ fs, root: ROOT, sleep: async () => undefined });
    const loaded = await must(lib.loadReport('manual'));
    expect(loaded.doc.year).toBe(2024);
    // Saving still works; only the history version is missing.
    await must(lib.saveReport('manual', withOverview(seed, '仍可保存')));
    expect(dec(fs.files().get(`${ROOT}/manual.json`))).toContain('仍可保存');
  });
});
