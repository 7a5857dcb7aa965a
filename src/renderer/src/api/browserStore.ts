/**
 * The report library of the browser implementation (browserApi.ts), over a string key-value store
 * and with no DOM: what the desktop library (src/main) does on disk, done in storage.
 *
 * - every report is stored as the canonical JSON text (serializeDocument) and read back through
 *   parseDocument, so a document that would not survive the desktop round trip fails here too;
 * - saveReport keeps the previous version in the history (versions closer than a minute apart
 *   collapse into one, as autosave writes every few hundred milliseconds), at most 100 versions
 *   (browser storage is small; the desktop keeps every save of the last hour, then one a day, and
 *   the history drawer describes the desktop);
 *   while the storage is full, the oldest versions are dropped to make room;
 * - deleting moves a report to the 回收站; restoring brings it back.
 */
import type {
  AppApi,
  CreateReportInput,
  HistoryEntry,
  LoadedReport,
  ReportSummary,
  Settings,
  TrashEntry,
} from '../../../core/api/contract';
import { check } from '../../../core/checker';
import { parseDocument, serializeDocument } from '../../../core/document/schema';
import type { ReportDocument } from '../../../core/document/types';
import { newReportDocument } from '../../../core/library/newReport';
import { fail, ok, type Result } from '../../../core/result';

const MAX_VERSIONS = 100;
/** Saves closer together than this keep only the older version in the history. */
const VERSION_INTERVAL_MS = 60_000;

interface Meta {
  id: string;
  unitName: string;
  unitKind: ReportSummary['unitKind'];
  year: number;
  updatedAt: string;
  errors: number;
  warnings: number;
  deletedAt?: string;
}

interface Version {
  versionId: string;
  savedAt: string;
  text: string;
}

/** A string key-value store: localStorage in the page (browserApi.ts), a Map in tests. */
export interface Kv {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** Calls `cb` when another tab or window changed the store. */
  onExternalChange?(cb: () => void): void;
}

const isQuotaError = (e: unknown): boolean =>
  e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');

const newId = (): string => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

const DEFAULT_SETTINGS: Settings = { recentUnits: [], docxFonts: 'standard' };

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The library over `kv`: the AppApi methods that need no DOM, and what browserApi.ts builds on. */
export function createBrowserStore(kv: Kv) {
  /**
   * The parsed values of the JSON keys (index, histories, settings): an autosave must not parse
   * and re-serialise every kept version of the report again (that was most of a save's time on
   * the page's thread). Callers get copies (never the cached objects); a value is cached only
   * once it is stored. Another tab writing the same storage clears it.
   */
  const parsed = new Map<string, unknown>();
  kv.onExternalChange?.(() => parsed.clear());

  const readJson = <T>(key: string, fallback: T): T => {
    if (parsed.has(key)) return parsed.get(key) as T;
    const raw = kv.get(key);
    if (raw === null) return fallback;
    try {
      const value = JSON.parse(raw) as T;
      parsed.set(key, value);
      return value;
    } catch {
      return fallback;
    }
  };
  const writeJson = (key: string, value: unknown): void => {
    kv.set(key, JSON.stringify(value));
    parsed.set(key, value);
  };

  const index = (): Meta[] => readJson<Meta[]>('index', []).map((m) => ({ ...m }));
  const writeIndex = (metas: readonly Meta[]): void => writeJson('index', metas.map((m) => ({ ...m })));
  const meta = (id: string): Meta | undefined => index().find((m) => m.id === id);
  /** A copy of the report's kept versions, oldest first (the versions themselves are never changed). */
  const history = (id: string): Version[] => [...readJson<Version[]>(`history.${id}`, [])];
  const docText = (id: string): string | null => kv.get(`doc.${id}`);

  const summaryOf = (m: Meta): ReportSummary => ({
    id: m.id,
    unitName: m.unitName,
    unitKind: m.unitKind,
    year: m.year,
    updatedAt: m.updatedAt,
    errors: m.errors,
    warnings: m.warnings,
  });

  const metaFor = (id: string, doc: ReportDocument, savedAt: string, previous?: Meta): Meta => {
    const result = check(doc, doc.lastYear);
    return {
      ...(previous ?? {}),
      id,
      unitName: doc.unit.name,
      unitKind: doc.unit.kind,
      year: doc.year,
      updatedAt: savedAt,
      errors: result.errors,
      warnings: result.warnings,
    };
  };

  /**
   * Write a report's text, the index and, when it changed, its history. While the storage is
   * full, the oldest quarter of the history is dropped and the write tried again.
   */
  const writeReport = (id: string, text: string, metas: readonly Meta[], versions: readonly Version[], historyChanged: boolean): Result<null> => {
    const historyBefore = history(id);
    const indexBefore = index();
    let kept = versions;
    let writeHistory = historyChanged;
    for (;;) {
      try {
        if (writeHistory) writeJson(`history.${id}`, kept);
        writeIndex(metas);
        kv.set(`doc.${id}`, text); // last: until it lands, the report's text is the one before
        return ok(null);
      } catch (e) {
        if (isQuotaError(e) && (kept.length > 0 || !writeHistory)) {
          kept = kept.slice(Math.max(1, Math.ceil(kept.length / 4)));
          writeHistory = true;
          continue;
        }
        // Nothing new was saved: put the history and the index back as they were (they fit: the
        // report's text takes the room it took before).
        try {
          if (writeHistory) writeJson(`history.${id}`, historyBefore);
          writeIndex(indexBefore);
        } catch {
          // storage refuses even that: the versions trimmed above stay trimmed
        }
        return isQuotaError(e)
          ? fail('storage-full', '浏览器存储空间已满，无法保存。请删除回收站中不需要的报告后再试。')
          : fail('storage', `无法写入浏览器存储（${errorText(e)}）`);
      }
    }
  };

  /** Write the index, or say in Chinese why it could not be written. */
  const tryWriteIndex = (metas: readonly Meta[]): Result<null> => {
    try {
      writeIndex(metas);
      return ok(null);
    } catch (e) {
      return fail('storage', `无法写入浏览器存储（${errorText(e)}）`);
    }
  };

  const sameSummary = (a: Meta, b: Meta): boolean =>
    a.unitName === b.unitName && a.unitKind === b.unitKind && a.year === b.year && a.errors === b.errors && a.warnings === b.warnings;

  /** Store a new current text for a report; the previous one goes to the history. */
  const storeVersion = (id: string, text: string, doc: ReportDocument, always: boolean): Result<string> => {
    const savedAt = new Date().toISOString();
    const metas = index();
    const i = metas.findIndex((m) => m.id === id);
    const prevMeta = i >= 0 ? metas[i] : undefined;
    const prevText = docText(id);
    const nextMeta = metaFor(id, doc, savedAt, prevMeta);
    // The same text again (a save on leaving the window, say): nothing to write, unless a write
    // that stopped half-way left the index behind the text.
    if (prevText === text && prevMeta && sameSummary(prevMeta, nextMeta)) return ok(prevMeta.updatedAt);
    const versions = history(id);
    let historyChanged = false;
    if (prevText !== null && prevMeta) {
      const newest = versions[versions.length - 1];
      const gap = newest ? Date.parse(prevMeta.updatedAt) - Date.parse(newest.savedAt) : Infinity;
      if (always || !newest || (gap >= VERSION_INTERVAL_MS && newest.text !== prevText)) {
        versions.push({ versionId: `v${Date.parse(prevMeta.updatedAt).toString(36)}${Math.random().toString(36).slice(2, 6)}`, savedAt: prevMeta.updatedAt, text: prevText });
        while (versions.length > MAX_VERSIONS) versions.shift();
        historyChanged = true;
      }
    }
    if (i >= 0) metas[i] = nextMeta;
    else metas.push(nextMeta);
    const written = writeReport(id, text, metas, versions, historyChanged);
    return written.ok ? ok(savedAt) : written;
  };

  /** Validate a document the way the desktop library does: through its canonical text. */
  const canonical = (doc: ReportDocument): Result<{ text: string; doc: ReportDocument }> => {
    let text: string;
    try {
      text = serializeDocument(doc);
    } catch (e) {
      return fail('invalid', `报告内容有误：${errorText(e)}`);
    }
    const parsed = parseDocument(text);
    return parsed.ok ? ok({ text: serializeDocument(parsed.value), doc: parsed.value }) : parsed;
  };

  const addNew = (doc: ReportDocument): Result<ReportSummary> => {
    const c = canonical(doc);
    if (!c.ok) return c;
    const id = newId();
    const stored = storeVersion(id, c.value.text, c.value.doc, false);
    if (!stored.ok) {
      // Not in the index: leave nothing of it behind.
      kv.remove(`doc.${id}`);
      kv.remove(`history.${id}`);
      parsed.delete(`history.${id}`);
      return stored;
    }
    return ok(summaryOf(meta(id)!));
  };

  const loadDoc = (id: string): Result<LoadedReport> => {
    const m = meta(id);
    const text = docText(id);
    if (!m || text === null) return fail('not-found', '找不到这份报告，可能已被删除。');
    const parsed = parseDocument(text);
    if (parsed.ok) return ok({ id, doc: parsed.value, savedAt: m.updatedAt });
    // Damaged: fall back to the newest readable version, and say so.
    const versions = history(id);
    for (let v = versions.length - 1; v >= 0; v--) {
      const older = parseDocument(versions[v]!.text);
      if (older.ok) {
        return ok({
          id,
          doc: older.value,
          savedAt: versions[v]!.savedAt,
          notice: `报告数据已损坏（${parsed.error.message}），已恢复到 ${new Date(versions[v]!.savedAt).toLocaleString('zh-CN')} 保存的版本。`,
        });
      }
    }
    return fail(parsed.error.code, parsed.error.message);
  };

  const methods = {
    async listReports() {
      return ok(index().filter((m) => !m.deletedAt).map(summaryOf));
    },

    async loadReport(id: string) {
      return loadDoc(id);
    },

    async saveReport(id: string, doc: ReportDocument) {
      const m = meta(id);
      if (!m) return fail('not-found', '找不到这份报告，可能已被删除。');
      const c = canonical(doc);
      if (!c.ok) return c;
      const stored = storeVersion(id, c.value.text, c.value.doc, false);
      return stored.ok ? ok({ savedAt: stored.value }) : stored;
    },

    async createReport(input: CreateReportInput) {
      let previous: ReportDocument | undefined;
      if (input.fromId !== undefined) {
        const prev = loadDoc(input.fromId);
        if (!prev.ok) return prev;
        previous = prev.value.doc;
      }
      const doc = newReportDocument(input, previous);
      return doc.ok ? addNew(doc.value) : doc;
    },

    async duplicateReport(id: string) {
      const loaded = loadDoc(id);
      if (!loaded.ok) return loaded;
      return addNew(loaded.value.doc);
    },

    async deleteReport(id: string) {
      const metas = index();
      const m = metas.find((x) => x.id === id);
      if (!m) return fail('not-found', '找不到这份报告，可能已被删除。');
      m.deletedAt = new Date().toISOString();
      return tryWriteIndex(metas);
    },

    async listTrash() {
      const trash: TrashEntry[] = index()
        .filter((m) => m.deletedAt)
        .map((m) => ({ id: m.id, unitName: m.unitName, year: m.year, deletedAt: m.deletedAt! }));
      return ok(trash);
    },

    async restoreFromTrash(id: string) {
      const metas = index();
      const m = metas.find((x) => x.id === id);
      if (!m || !m.deletedAt) return fail('not-found', '回收站中没有这份报告。');
      delete m.deletedAt;
      const written = tryWriteIndex(metas);
      return written.ok ? ok(summaryOf(m)) : written;
    },

    async listHistory(id: string) {
      if (!meta(id)) return fail('not-found', '找不到这份报告，可能已被删除。');
      const entries: HistoryEntry[] = history(id)
        .map((v) => ({ versionId: v.versionId, savedAt: v.savedAt, bytes: utf8Bytes(v.text) }))
        .reverse();
      return ok(entries);
    },

    async restoreVersion(id: string, versionId: string) {
      const version = history(id).find((v) => v.versionId === versionId);
      if (!version) return fail('not-found', '找不到这个历史版本。');
      const parsed = parseDocument(version.text);
      if (!parsed.ok) return fail(parsed.error.code, `这个历史版本无法读取：${parsed.error.message}`);
      const stored = storeVersion(id, serializeDocument(parsed.value), parsed.value, true);
      if (!stored.ok) return stored;
      return ok({ id, doc: parsed.value, savedAt: stored.value });
    },

    async importDocument(doc: ReportDocument, targetId?: string) {
      if (targetId === undefined) return addNew(doc);
      if (!meta(targetId)) return fail('not-found', '找不到要替换的报告。');
      const c = canonical(doc);
      if (!c.ok) return c;
      const stored = storeVersion(targetId, c.value.text, c.value.doc, true);
      if (!stored.ok) return stored;
      return ok(summaryOf(meta(targetId)!));
    },

    async getSettings() {
      return ok(structuredClone({ ...DEFAULT_SETTINGS, ...readJson<Partial<Settings>>('settings', {}) }));
    },

    async setSettings(patch: Partial<Settings>) {
      const cur: Settings = { ...DEFAULT_SETTINGS, ...readJson<Partial<Settings>>('settings', {}) };
      let recentUnits = patch.recentUnits ?? cur.recentUnits;
      if (patch.unit) recentUnits = [patch.unit.name, ...recentUnits.filter((n) => n !== patch.unit!.name)].slice(0, 20);
      const next: Settings = { ...cur, ...patch, recentUnits };
      try {
        writeJson('settings', next);
      } catch (e) {
        return fail('storage', `保存设置失败：${errorText(e)}`);
      }
      return ok(structuredClone(next));
    },
  } satisfies Partial<AppApi>;

  /** The report of this unit and year not in the 回收站, if any. */
  const findReport = (unitName: string, year: number): string | undefined =>
    index().find((m) => !m.deletedAt && m.unitName === unitName && m.year === year)?.id;

  /** The report in the list that holds exactly this document, if any (a file opened again). */
  const findSame = (doc: ReportDocument): ReportSummary | undefined => {
    const text = serializeDocument(doc);
    for (const m of index()) {
      if (m.deletedAt || m.unitName !== doc.unit.name || m.year !== doc.year) continue;
      const loaded = loadDoc(m.id);
      if (loaded.ok && serializeDocument(loaded.value.doc) === text) return summaryOf(m);
    }
    return undefined;
  };

  return { methods, loadDoc, addNew, findReport, findSame };
}
