/**
 * AppApi in a plain browser: what the end-to-end tests run against, and what `vite` serves when
 * the renderer is opened in a browser. It mirrors the desktop library (src/main) closely:
 *
 * - every report is stored as the canonical JSON text (serializeDocument) and read back through
 *   parseDocument, so a document that would not survive the desktop round trip fails here too;
 * - saveReport keeps the previous version in the history (versions closer than a minute apart
 *   collapse into one, as autosave writes every few hundred milliseconds), at most 100 versions;
 * - deleting moves a report to the 回收站; restoring brings it back;
 * - file dialogs are an <input type=file> (open, import) or a download (save a copy, export).
 *
 * Storage is window.localStorage (synchronous, so a save issued while the page unloads still
 * lands), falling back to memory when it is unavailable.
 */
import type {
  AppApi,
  CreateReportInput,
  DocxFontSet,
  HistoryEntry,
  ImportPreview,
  LoadedReport,
  ReportSummary,
  Settings,
  TrashEntry,
} from '../../../core/api/contract';
import { check } from '../../../core/checker';
import { blankDocument, documentFromPrevious } from '../../../core/document/cells';
import { parseDocument, serializeDocument } from '../../../core/document/schema';
import type { ReportDocument } from '../../../core/document/types';
import { reportTitle } from '../../../core/format';
import { fail, ok, type Result } from '../../../core/result';

const PREFIX = 'nianbao.browser.v1.';
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

/** A string key-value store: localStorage, or memory when localStorage cannot be used. */
interface Kv {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

function openKv(): Kv {
  try {
    const ls = window.localStorage;
    const probe = `${PREFIX}probe`;
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return {
      get: (k) => ls.getItem(PREFIX + k),
      set: (k, v) => ls.setItem(PREFIX + k, v),
      remove: (k) => ls.removeItem(PREFIX + k),
    };
  } catch {
    const mem = new Map<string, string>();
    return { get: (k) => mem.get(k) ?? null, set: (k, v) => void mem.set(k, v), remove: (k) => void mem.delete(k) };
  }
}

const isQuotaError = (e: unknown): boolean =>
  e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');

const newId = (): string => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

const DEFAULT_SETTINGS: Settings = { recentUnits: [], docxFonts: 'standard' };

/** Ask for a file with a hidden <input type=file>; null when the clerk cancels. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    let settled = false;
    const done = (f: File | null): void => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(f);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

/** Offer bytes or text as a download; returns the file name. */
function download(fileName: string, data: string | Uint8Array, mime: string): string {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function createBrowserApi() {
  const kv = openKv();

  const readJson = <T>(key: string, fallback: T): T => {
    const raw = kv.get(key);
    if (raw === null) return fallback;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return fallback;
    }
  };

  const index = (): Meta[] => readJson<Meta[]>('index', []);
  const writeIndex = (metas: readonly Meta[]): void => kv.set('index', JSON.stringify(metas));
  const meta = (id: string): Meta | undefined => index().find((m) => m.id === id);
  const history = (id: string): Version[] => readJson<Version[]>(`history.${id}`, []);
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

  /** Write, dropping the oldest history versions while storage is full. */
  const writeWithRoom = (id: string, write: () => void): Result<null> => {
    for (;;) {
      try {
        write();
        return ok(null);
      } catch (e) {
        if (!isQuotaError(e)) return fail('storage', `无法写入浏览器存储（${errorText(e)}）`);
        const versions = history(id);
        if (versions.length === 0) {
          return fail('storage-full', '浏览器存储空间已满，无法保存。请删除回收站中不需要的报告后再试。');
        }
        versions.splice(0, Math.max(1, Math.ceil(versions.length / 4)));
        try {
          kv.set(`history.${id}`, JSON.stringify(versions));
        } catch {
          kv.remove(`history.${id}`);
        }
      }
    }
  };

  /** Store a new current text for a report; the previous one goes to the history. */
  const storeVersion = (id: string, text: string, doc: ReportDocument, always: boolean): Result<string> => {
    const savedAt = new Date().toISOString();
    const metas = index();
    const i = metas.findIndex((m) => m.id === id);
    const prevMeta = i >= 0 ? metas[i] : undefined;
    const prevText = docText(id);
    if (prevText === text && prevMeta) return ok(prevMeta.updatedAt);
    const versions = history(id);
    if (prevText !== null && prevMeta) {
      const newest = versions[versions.length - 1];
      const gap = newest ? Date.parse(prevMeta.updatedAt) - Date.parse(newest.savedAt) : Infinity;
      if (always || !newest || (gap >= VERSION_INTERVAL_MS && newest.text !== prevText)) {
        versions.push({ versionId: `v${Date.parse(prevMeta.updatedAt).toString(36)}${Math.random().toString(36).slice(2, 6)}`, savedAt: prevMeta.updatedAt, text: prevText });
        while (versions.length > MAX_VERSIONS) versions.shift();
      }
    }
    const nextMeta = metaFor(id, doc, savedAt, prevMeta);
    if (i >= 0) metas[i] = nextMeta;
    else metas.push(nextMeta);
    const written = writeWithRoom(id, () => {
      kv.set(`history.${id}`, JSON.stringify(versions));
      kv.set(`doc.${id}`, text);
      writeIndex(metas);
    });
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
    if (!stored.ok) return stored;
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

  const api = {
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
      let doc: ReportDocument;
      if (input.fromId) {
        const prev = loadDoc(input.fromId);
        if (!prev.ok) return prev;
        const next = documentFromPrevious(prev.value.doc, input.year);
        const contact = input.contact ?? next.contact;
        doc = { ...next, unit: input.unit, ...(contact ? { contact } : {}) };
      } else {
        const blank = blankDocument(input.unit, input.year);
        doc = input.contact ? { ...blank, contact: input.contact } : blank;
      }
      return addNew(doc);
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
      writeIndex(metas);
      return ok(null);
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
      writeIndex(metas);
      return ok(summaryOf(m));
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

    async openReportFile() {
      const file = await pickFile('.json,application/json');
      if (!file) return ok(null);
      const parsed = parseDocument(await file.text());
      if (!parsed.ok) return fail(parsed.error.code, `无法打开“${file.name}”：${parsed.error.message}`);
      return addNew(parsed.value);
    },

    async saveReportCopy(id: string) {
      const loaded = loadDoc(id);
      if (!loaded.ok) return loaded;
      const doc = loaded.value.doc;
      return ok(download(`${reportTitle(doc.unit.name, doc.year)}.json`, serializeDocument(doc), 'application/json'));
    },

    async exportDocx(id: string, fonts: DocxFontSet) {
      const loaded = loadDoc(id);
      if (!loaded.ok) return loaded;
      try {
        const { buildDocx, docxFileName } = await import('../../../core/export/docx');
        const bytes = await buildDocx(loaded.value.doc, { fonts });
        return ok(download(docxFileName(loaded.value.doc), bytes, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'));
      } catch (e) {
        return fail('export-failed', `导出Word失败：${errorText(e)}`);
      }
    },

    async exportXlsx(id: string) {
      const loaded = loadDoc(id);
      if (!loaded.ok) return loaded;
      try {
        const { writeWorkbook, xlsxFileName } = await import('../../../core/xlsx');
        const doc = loaded.value.doc;
        const bytes = await writeWorkbook(doc, check(doc, doc.lastYear).findings);
        return ok(download(xlsxFileName(doc), bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
      } catch (e) {
        return fail('export-failed', `导出Excel失败：在浏览器中无法生成Excel文件（${errorText(e)}），请在年报助手桌面版中导出。`);
      }
    },

    async readXlsx() {
      const file = await pickFile('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      if (!file) return ok(null);
      try {
        const { readWorkbook } = await import('../../../core/xlsx');
        const read = await readWorkbook(new Uint8Array(await file.arrayBuffer()));
        if (!read.ok) return fail(read.error.code, `无法导入“${file.name}”：${read.error.message}`);
        const { doc, findings } = read.value;
        const existing = index().find((m) => !m.deletedAt && m.unitName === doc.unit.name && m.year === doc.year);
        const preview: ImportPreview = { fileName: file.name, doc, findings, ...(existing ? { existingId: existing.id } : {}) };
        return ok(preview);
      } catch (e) {
        return fail('import-failed', `无法导入“${file.name}”：在浏览器中无法读取Excel文件（${errorText(e)}），请在年报助手桌面版中导入。`);
      }
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
      return ok({ ...DEFAULT_SETTINGS, ...readJson<Partial<Settings>>('settings', {}) });
    },

    async setSettings(patch: Partial<Settings>) {
      const cur: Settings = { ...DEFAULT_SETTINGS, ...readJson<Partial<Settings>>('settings', {}) };
      let recentUnits = patch.recentUnits ?? cur.recentUnits;
      if (patch.unit) recentUnits = [patch.unit.name, ...recentUnits.filter((n) => n !== patch.unit!.name)].slice(0, 20);
      const next: Settings = { ...cur, ...patch, recentUnits };
      try {
        kv.set('settings', JSON.stringify(next));
      } catch (e) {
        return fail('storage', `保存设置失败：${errorText(e)}`);
      }
      return ok(next);
    },
  } satisfies AppApi;

  return api;
}
