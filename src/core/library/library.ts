/**
 * The report library: one JSON file per report in a folder, with a version history, a recycle
 * bin and recovery from damaged files. Pure TypeScript: the file system and the clock are
 * injected (src/main/nodeFs.ts in the app, createMemoryFileSystem in tests).
 *
 * Layout under `root`:
 *   <id>.json                        the current version (serializeDocument)
 *   <id>.json.corrupt-<stamp>        a damaged file copied aside; never deleted
 *   <id>.json.writing                only while an EXDEV fallback write is in progress (atomic.ts;
 *                                    <id>.json.bak in libraries written by earlier versions)
 *   history/<id>/<versionId>.json    every saved version (the current one too), thinned
 *   trash/<id>/report.json           a deleted report, with info.json and its history/
 *
 * Every write to a report goes through one promise chain per report, so an older snapshot can
 * never land after a newer one; a save whose text equals the last saved text writes nothing.
 */
import type {
  AppApi,
  CreateReportInput,
  HistoryEntry,
  LoadedReport,
  ReportSummary,
  TrashEntry,
} from '../api/contract';
import { check as defaultCheck, type CheckResult } from '../checker';
import { parseDocument, serializeDocument } from '../document/schema';
import type { PreviousReport, ReportDocument } from '../document/types';
import { UNIT_KINDS } from '../format';
import { fail, ok, type Result } from '../result';
import { fallbackPath, isTempFile, removeQuietly, renameWithRetry, writeFileAtomic } from './atomic';
import { byWriteOrder, type ThinningPolicy, versionIdAt, versionOrder, versionSeq, versionsToPrune, versionTime } from './history';
import { describeFsError, fileStamp, formatWhen } from './messages';
import { newReportDocument } from './newReport';
import { type Clock, defaultSleep, type FileSystem, isNotFound, randomId, systemClock } from './ports';

export interface LibraryOptions {
  readonly fs: FileSystem;
  /** The folder that holds the reports (created when missing). */
  readonly root: string;
  readonly clock?: Clock;
  /** New report ids (default: 12 random lowercase letters and digits). */
  readonly newId?: () => string;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly history?: ThinningPolicy;
  /** The checker, for the error and warning counts of the list. */
  readonly check?: (doc: ReportDocument, previous?: PreviousReport) => CheckResult;
  /** Where unexpected problems are logged (default: nowhere). */
  readonly log?: (message: string, error?: unknown) => void;
}

type LibraryMethods =
  | 'listReports'
  | 'loadReport'
  | 'saveReport'
  | 'createReport'
  | 'duplicateReport'
  | 'deleteReport'
  | 'listTrash'
  | 'restoreFromTrash'
  | 'listHistory'
  | 'restoreVersion'
  | 'importDocument';

export interface ReportLibrary extends Pick<AppApi, LibraryMethods> {
  /** The id of the most recently saved report of this unit and year, if any. */
  findReport(unitName: string, year: number): Promise<string | undefined>;
  /** The report in the list that holds exactly this document, if any (a file opened again). */
  findSame(doc: ReportDocument): Promise<ReportSummary | undefined>;
  /** Resolves when every queued write has finished (call before quitting). */
  flush(): Promise<void>;
}

/** Report ids: as the API schema says (short, file-name safe). */
export const REPORT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const REPORT_FILE = /^([A-Za-z0-9_-]{1,64})\.json$/;
const HISTORY = 'history';
const TRASH = 'trash';
const TRASH_REPORT = 'report.json';
const TRASH_INFO = 'info.json';

const encoder = new TextEncoder();
const encode = (text: string): Uint8Array => encoder.encode(text);
/** UTF-8 text of a file, or undefined when the bytes are not valid UTF-8 (a damaged file). */
function decode(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

const BAD_ID = fail('bad-request', '报告编号不正确。');

interface GoodVersion {
  readonly text: string;
  readonly doc: ReportDocument;
  readonly ms: number;
  readonly source: 'bak' | 'history';
}

export function createReportLibrary(options: LibraryOptions): ReportLibrary {
  const { fs, root } = options;
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? defaultSleep;
  const newId = options.newId ?? (() => randomId());
  const checkDoc = options.check ?? defaultCheck;
  const log = options.log ?? (() => undefined);
  const atomic = (path: string, data: Uint8Array): Promise<void> => writeFileAtomic(fs, path, data, { sleep });
  const iso = (ms: number): string => new Date(ms).toISOString();

  const reportPath = (id: string): string => fs.join(root, `${id}.json`);
  /** The new data of an interrupted EXDEV fallback write, and the name earlier versions used for it. */
  const pendingPaths = (id: string): string[] => [fallbackPath(reportPath(id)), `${reportPath(id)}.bak`];
  const historyDir = (id: string): string => fs.join(root, HISTORY, id);
  const versionPath = (id: string, versionId: string): string => fs.join(historyDir(id), `${versionId}.json`);
  const trashDir = (id: string): string => fs.join(root, TRASH, id);

  /** The text last written or read for each report: equal saves are skipped. */
  const lastText = new Map<string, string>();
  const lastSavedAt = new Map<string, string>();
  /** Text of the newest history version of each report, once known. */
  const historyHead = new Map<string, string>();
  /** The last version id given out per report (time, sequence within its millisecond, write order). */
  const lastVersion = new Map<string, { ms: number; seq: number; order: number }>();
  /** Size and modification time of each report file as this library last wrote or read it. */
  const onDisk = new Map<string, string>();

  // ---- serialisation of work per report -------------------------------------------------

  const queues = new Map<string, Promise<unknown>>();
  function serial<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return run;
  }

  // ---- opening -------------------------------------------------------------------------

  let ready: Promise<void> | undefined;
  function open(): Promise<void> {
    ready ??= (async () => {
      await fs.mkdir(root);
      await fs.mkdir(fs.join(root, HISTORY));
      await fs.mkdir(fs.join(root, TRASH));
      await removeStrayTempFiles();
    })().catch((e: unknown) => {
      ready = undefined; // try again next time
      throw e;
    });
    return ready;
  }

  /** A crash can leave the temp file of an interrupted write behind: remove them. */
  async function removeStrayTempFiles(): Promise<void> {
    const sweep = async (dir: string): Promise<void> => {
      for (const name of await readdirOrEmpty(dir)) if (isTempFile(name)) await removeQuietly(fs, fs.join(dir, name));
    };
    await sweep(root);
    for (const id of await readdirOrEmpty(fs.join(root, HISTORY))) {
      if (REPORT_ID.test(id)) await sweep(historyDir(id));
    }
    // The recycle bin is written the same way (its info file, a restored report's history).
    for (const id of await readdirOrEmpty(fs.join(root, TRASH))) {
      if (!REPORT_ID.test(id)) continue;
      await sweep(trashDir(id));
      await sweep(fs.join(trashDir(id), HISTORY));
    }
  }

  /** Run a public operation: open first, never throw (a thrown error becomes a Chinese message). */
  async function guard<T>(what: string, task: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      await open();
      return await task();
    } catch (e) {
      log(`library: ${what} failed`, e);
      return fail('io', describeFsError(e, '报告文件'));
    }
  }

  // ---- small file helpers ------------------------------------------------------------

  async function readdirOrEmpty(dir: string): Promise<string[]> {
    try {
      return await fs.readdir(dir);
    } catch (e) {
      if (isNotFound(e)) return [];
      throw e;
    }
  }

  async function readIfExists(path: string): Promise<Uint8Array | undefined> {
    try {
      return await fs.readFile(path);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async function exists(path: string): Promise<boolean> {
    try {
      await fs.stat(path);
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  async function signatureOf(id: string): Promise<string | undefined> {
    try {
      const st = await fs.stat(reportPath(id));
      return `${st.size}:${st.mtimeMs}`;
    } catch {
      return undefined;
    }
  }

  /** `text` is what the report file holds now (written or read here): remember it and the file's signature. */
  async function known(id: string, text: string): Promise<void> {
    lastText.set(id, text);
    const sig = await signatureOf(id);
    if (sig === undefined) onDisk.delete(id);
    else onDisk.set(id, sig);
  }

  async function mtimeOf(path: string): Promise<number> {
    try {
      return (await fs.stat(path)).mtimeMs;
    } catch {
      return clock.now();
    }
  }

  // ---- history ---------------------------------------------------------------------------

  /** Version ids of a report, oldest first. */
  async function versionIds(id: string): Promise<string[]> {
    const ids: string[] = [];
    for (const name of await readdirOrEmpty(historyDir(id))) {
      if (!name.endsWith('.json')) continue;
      const vid = name.slice(0, -5);
      if (versionTime(vid) !== undefined) ids.push(vid);
    }
    return ids.sort();
  }

  /** The version written last (write order; history.ts), if any. */
  const lastWritten = (ids: readonly string[]): string | undefined => byWriteOrder(ids).at(-1);

  /**
   * The id of a new version: the clock's time (shown and thinned by), and a write order one more
   * than any version of the report — also in a later session, after the clock lost its date or
   * was put back — so recovery takes the version written last, never an older text.
   */
  async function nextVersionId(id: string): Promise<string> {
    let last = lastVersion.get(id);
    if (!last) {
      const newest = lastWritten(await versionIds(id));
      if (newest !== undefined) last = { ms: versionTime(newest)!, seq: versionSeq(newest), order: versionOrder(newest) ?? 0 };
    }
    const now = clock.now();
    const next = { ms: now, seq: last && now === last.ms ? last.seq + 1 : 0, order: (last?.order ?? 0) + 1 };
    lastVersion.set(id, next);
    return versionIdAt(next.ms, next.seq, next.order);
  }

  async function headText(id: string): Promise<string | undefined> {
    const cached = historyHead.get(id);
    if (cached !== undefined) return cached;
    const newest = lastWritten(await versionIds(id));
    if (newest === undefined) return undefined;
    const bytes = await readIfExists(versionPath(id, newest));
    const text = bytes && decode(bytes);
    if (text !== undefined) historyHead.set(id, text);
    return text;
  }

  async function addHistory(id: string, text: string): Promise<void> {
    await fs.mkdir(historyDir(id));
    const written = await nextVersionId(id);
    await atomic(versionPath(id, written), encode(text));
    historyHead.set(id, text);
    // The version just written is the recovery target, whatever time the clock gave it.
    for (const vid of versionsToPrune(await versionIds(id), clock.now(), options.history)) if (vid !== written) await removeQuietly(fs, versionPath(id, vid));
  }

  /** Make sure this text is in the history (before something replaces it). */
  async function keepInHistory(id: string, text: string): Promise<void> {
    if ((await headText(id)) !== text) await addHistory(id, text);
  }

  // ---- writing the current version ---------------------------------------------------

  /** Write the current version, then record it in the history. Returns the save time. */
  async function commit(id: string, text: string): Promise<string> {
    await atomic(reportPath(id), encode(text));
    // A fallback write's data left behind (its removal failed) is older than this: never taken later.
    await removeQuietly(fs, fallbackPath(reportPath(id)));
    const savedAt = iso(clock.now());
    await known(id, text);
    lastSavedAt.set(id, savedAt);
    try {
      await addHistory(id, text);
    } catch (e) {
      // The report itself is saved; a missing history version is not worth failing the save.
      log(`library: history of ${id} not written`, e);
    }
    return savedAt;
  }

  /** Copy damaged bytes aside (once per distinct content) and return the copy's path. */
  async function quarantine(id: string, bytes: Uint8Array): Promise<string> {
    const prefix = `${id}.json.corrupt-`;
    const names = (await readdirOrEmpty(root)).filter((n) => n.startsWith(prefix) && !isTempFile(n));
    for (const name of names) {
      const existing = await readIfExists(fs.join(root, name));
      if (existing && sameBytes(existing, bytes)) return fs.join(root, name);
    }
    const stamp = fileStamp(clock.now());
    let name = `${prefix}${stamp}`;
    for (let n = 2; names.includes(name); n++) name = `${prefix}${stamp}-${n}`;
    await atomic(fs.join(root, name), bytes);
    return fs.join(root, name);
  }

  /**
   * The new data of an EXDEV fallback write that stopped before the report file was written, when
   * it parses. Only `.writing`: every report write removes it (commit), so one found on load is
   * newer than the report. (A legacy `.bak` is used only when the report file is damaged.)
   */
  async function pendingGood(id: string): Promise<GoodVersion | undefined> {
    const path = fallbackPath(reportPath(id));
    const bytes = await readIfExists(path);
    const text = bytes && decode(bytes);
    const parsed = text === undefined ? undefined : parseDocument(text);
    return parsed?.ok && text !== undefined ? { text, doc: parsed.value, ms: await mtimeOf(path), source: 'bak' } : undefined;
  }

  /**
   * The newest readable version to recover from: the new data of an interrupted EXDEV write (it
   * is newer than anything in the history: the history gets a version only after the report file
   * is written, and a good report file on load removes it), else the history, written last first.
   */
  async function newestGood(id: string): Promise<GoodVersion | undefined> {
    const candidates: { ms: number; path: string; source: GoodVersion['source'] }[] = [];
    for (const path of pendingPaths(id)) {
      try {
        const st = await fs.stat(path);
        candidates.push({ ms: st.mtimeMs, path, source: 'bak' });
      } catch {
        // no interrupted fallback write: the usual case
      }
    }
    for (const vid of byWriteOrder(await versionIds(id)).reverse()) {
      candidates.push({ ms: versionTime(vid)!, path: versionPath(id, vid), source: 'history' });
    }
    for (const c of candidates) {
      const bytes = await readIfExists(c.path);
      const text = bytes && decode(bytes);
      if (text === undefined) continue;
      const parsed = parseDocument(text);
      if (parsed.ok) return { text, doc: parsed.value, ms: c.ms, source: c.source };
    }
    return undefined;
  }

  async function inTrash(id: string): Promise<boolean> {
    return exists(fs.join(trashDir(id), TRASH_REPORT));
  }

  const IN_TRASH = (): Result<never> => fail('in-trash', '这份报告已移到回收站。如需继续使用，请先从回收站恢复。');
  const NOT_FOUND = (): Result<never> => fail('not-found', '找不到这份报告，它可能已被删除。');

  /** Load a report; a damaged or missing file is recovered from the newest good version. */
  async function load(id: string): Promise<Result<LoadedReport>> {
    const bytes = await readIfExists(reportPath(id));
    if (bytes === undefined) {
      if (await inTrash(id)) return IN_TRASH();
      const good = await newestGood(id);
      if (!good) return NOT_FOUND();
      await restoreGood(id, good);
      return ok({
        id,
        doc: good.doc,
        savedAt: iso(good.ms),
        notice: `报告文件丢失，已恢复到${formatWhen(good.ms, clock.now())}保存的版本。`,
      });
    }
    const text = decode(bytes);
    const parsed = text === undefined ? fail('not-utf8', '文件不是有效的文本（UTF-8）。') : parseDocument(text);
    if (parsed.ok && text !== undefined) {
      await known(id, text);
      try {
        await keepInHistory(id, text);
      } catch (e) {
        log(`library: could not record ${id} in its history on load`, e); // the report itself is fine
      }
      // An EXDEV fallback write stopped before it reached the report file: its data is newer.
      const pending = await pendingGood(id);
      if (pending && pending.text !== text) {
        await restoreGood(id, pending);
        return ok({ id, doc: pending.doc, savedAt: iso(pending.ms), notice: '上次保存在写入时中断，已恢复到当时正在保存的内容。' });
      }
      if (pending) await removeQuietly(fs, fallbackPath(reportPath(id)));
      return ok({ id, doc: parsed.value, savedAt: iso(await mtimeOf(reportPath(id))) });
    }
    // Damaged: copy it aside first, then recover.
    const aside = await quarantine(id, bytes);
    const good = await newestGood(id);
    if (!good) {
      return fail(
        'damaged',
        `报告文件已损坏，且没有可以恢复的历史版本。${parsed.ok ? '' : `（${parsed.error.message}）`}` +
          `损坏的文件已另存为 ${aside}，请不要删除它，可交技术人员尝试修复。`,
      );
    }
    await restoreGood(id, good);
    log(`library: ${id} was damaged, restored the version of ${iso(good.ms)}; damaged copy at ${aside}`);
    return ok({
      id,
      doc: good.doc,
      savedAt: iso(good.ms),
      notice: `报告文件已损坏，已恢复到${formatWhen(good.ms, clock.now())}保存的版本；损坏的文件另存为 ${aside}`,
    });
  }

  async function restoreGood(id: string, good: GoodVersion): Promise<void> {
    await atomic(reportPath(id), encode(good.text));
    await known(id, good.text);
    lastSavedAt.set(id, iso(good.ms));
    if (good.source === 'bak') {
      await keepInHistory(id, good.text);
      for (const path of pendingPaths(id)) await removeQuietly(fs, path);
    }
  }

  async function save(id: string, doc: ReportDocument): Promise<Result<{ readonly savedAt: string }>> {
    const text = serializeDocument(doc);
    if (lastText.get(id) === text) return ok({ savedAt: lastSavedAt.get(id) ?? iso(await mtimeOf(reportPath(id))) });
    // Something else changed the file since it was read or written here (edited by hand, put back
    // by a sync tool): it is kept like the file met on a first save, never overwritten unseen.
    const changedElsewhere = lastText.has(id) && (await signatureOf(id)) !== onDisk.get(id);
    if (!lastText.has(id) || changedElsewhere) {
      // First save of this report in this session: look at what is on disk before replacing it.
      const current = await readIfExists(reportPath(id));
      if (current === undefined) {
        if (await inTrash(id)) return IN_TRASH();
      } else {
        const currentText = decode(current);
        if (currentText === text) {
          await known(id, text);
          return ok({ savedAt: iso(await mtimeOf(reportPath(id))) });
        }
        if (currentText !== undefined && parseDocument(currentText).ok) await keepInHistory(id, currentText);
        else await quarantine(id, current); // never overwrite a damaged file without a copy
      }
    }
    return ok({ savedAt: await commit(id, text) });
  }

  // ---- summaries -----------------------------------------------------------------------

  function summaryOf(id: string, doc: ReportDocument, updatedMs: number): ReportSummary {
    let errors = 0;
    let warnings = 0;
    try {
      const r = checkDoc(doc, doc.lastYear);
      errors = r.errors;
      warnings = r.warnings;
    } catch (e) {
      log(`library: checker failed on ${id}`, e);
    }
    return { id, unitName: doc.unit.name, unitKind: doc.unit.kind, year: doc.year, updatedAt: iso(updatedMs), errors, warnings };
  }

  /** A row for a damaged report that cannot be recovered: shown, so the clerk can act on it. */
  function damagedSummary(id: string, text: string | undefined, updatedMs: number): ReportSummary {
    const name = text && /"name"\s*:\s*"([^"\\]{1,200})"/.exec(text)?.[1];
    const kind = text && /"kind"\s*:\s*"([a-z]+)"/.exec(text)?.[1];
    const year = text && /"year"\s*:\s*(\d{4})\b/.exec(text)?.[1];
    return {
      id,
      unitName: `【文件已损坏】${name ?? id}`,
      unitKind: kind && kind in UNIT_KINDS ? (kind as keyof typeof UNIT_KINDS) : 'other',
      year: year ? Number(year) : new Date(clock.now()).getFullYear(),
      updatedAt: iso(updatedMs),
      errors: 1,
      warnings: 0,
    };
  }

  async function summaryFromDisk(id: string): Promise<ReportSummary | undefined> {
    const path = reportPath(id);
    const bytes = await readIfExists(path);
    if (bytes === undefined) return undefined;
    const mtime = await mtimeOf(path);
    const text = decode(bytes);
    const parsed = text === undefined ? undefined : parseDocument(text);
    if (parsed?.ok) return summaryOf(id, parsed.value, mtime);
    // Damaged: describe the version it will be recovered to when opened (nothing is written here).
    const good = await newestGood(id);
    return good ? summaryOf(id, good.doc, good.ms) : damagedSummary(id, text, mtime);
  }

  async function freshId(): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const id = newId();
      if (!REPORT_ID.test(id)) continue;
      if (await exists(reportPath(id))) continue;
      if (await exists(trashDir(id))) continue;
      if (await exists(historyDir(id))) continue;
      return id;
    }
    throw new Error('no free report id');
  }

  async function addNew(doc: ReportDocument): Promise<Result<ReportSummary>> {
    const id = await freshId();
    const text = serializeDocument(doc);
    await serial(id, () => commit(id, text));
    return ok(summaryOf(id, doc, clock.now()));
  }

  // ---- the public operations -------------------------------------------------------------

  const library: ReportLibrary = {
    listReports: () =>
      guard('listReports', async () => {
        const ids = (await readdirOrEmpty(root)).map((n) => REPORT_FILE.exec(n)?.[1]).filter((id): id is string => id !== undefined);
        const rows = await Promise.all(
          ids.map(async (id) => {
            try {
              return await summaryFromDisk(id);
            } catch (e) {
              log(`library: cannot list ${id}`, e);
              return undefined;
            }
          }),
        );
        const list = rows.filter((r): r is ReportSummary => r !== undefined);
        list.sort((a, b) => b.year - a.year || b.updatedAt.localeCompare(a.updatedAt));
        return ok(list);
      }),

    loadReport: (id) => (REPORT_ID.test(id) ? guard('loadReport', () => serial(id, () => load(id))) : Promise.resolve(BAD_ID)),

    saveReport: (id, doc) => (REPORT_ID.test(id) ? guard('saveReport', () => serial(id, () => save(id, doc))) : Promise.resolve(BAD_ID)),

    createReport: (input: CreateReportInput) =>
      guard('createReport', async () => {
        let previous: ReportDocument | undefined;
        if (input.fromId !== undefined) {
          const fromId = input.fromId;
          if (!REPORT_ID.test(fromId)) return BAD_ID;
          const prev = await serial(fromId, () => load(fromId));
          if (!prev.ok) return prev;
          previous = prev.value.doc;
        }
        const doc = newReportDocument(input, previous);
        return doc.ok ? addNew(doc.value) : doc;
      }),

    duplicateReport: (id) =>
      REPORT_ID.test(id)
        ? guard('duplicateReport', async () => {
            const source = await serial(id, () => load(id));
            if (!source.ok) return source;
            return addNew(source.value.doc);
          })
        : Promise.resolve(BAD_ID),

    deleteReport: (id) =>
      REPORT_ID.test(id)
        ? guard('deleteReport', () =>
            serial(id, async (): Promise<Result<null>> => {
              const bytes = await readIfExists(reportPath(id));
              if (bytes === undefined) return (await inTrash(id)) ? ok(null) : NOT_FOUND();
              const text = decode(bytes);
              const parsed = text === undefined ? undefined : parseDocument(text);
              const row = parsed?.ok ? summaryOf(id, parsed.value, 0) : damagedSummary(id, text, 0);
              const dir = trashDir(id);
              await fs.mkdir(dir);
              const info = { id, unitName: row.unitName, year: row.year, deletedAt: iso(clock.now()) };
              await atomic(fs.join(dir, TRASH_INFO), encode(`${JSON.stringify(info, null, 2)}\n`));
              await renameWithRetry(fs, reportPath(id), fs.join(dir, TRASH_REPORT), sleep);
              if (await exists(historyDir(id))) await renameWithRetry(fs, historyDir(id), fs.join(dir, HISTORY), sleep);
              lastText.delete(id);
              onDisk.delete(id);
              lastSavedAt.delete(id);
              historyHead.delete(id);
              return ok(null);
            }),
          )
        : Promise.resolve(BAD_ID),

    listTrash: () =>
      guard('listTrash', async () => {
        const out: TrashEntry[] = [];
        for (const id of await readdirOrEmpty(fs.join(root, TRASH))) {
          if (!REPORT_ID.test(id)) continue;
          const dir = trashDir(id);
          const report = fs.join(dir, TRASH_REPORT);
          if (!(await exists(report))) continue;
          let entry: TrashEntry | undefined;
          try {
            const info = JSON.parse(decode((await readIfExists(fs.join(dir, TRASH_INFO))) ?? new Uint8Array()) ?? '') as Record<string, unknown>;
            if (typeof info.unitName === 'string' && typeof info.year === 'number' && typeof info.deletedAt === 'string') {
              entry = { id, unitName: info.unitName, year: info.year, deletedAt: info.deletedAt };
            }
          } catch {
            // no readable info.json: describe it from the report itself
          }
          if (!entry) {
            const bytes = await readIfExists(report);
            const text = bytes && decode(bytes);
            const parsed = text === undefined ? undefined : parseDocument(text);
            const mtime = await mtimeOf(report);
            const row = parsed?.ok ? summaryOf(id, parsed.value, mtime) : damagedSummary(id, text, mtime);
            entry = { id, unitName: row.unitName, year: row.year, deletedAt: iso(mtime) };
          }
          out.push(entry);
        }
        out.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
        return ok(out);
      }),

    restoreFromTrash: (id) =>
      REPORT_ID.test(id)
        ? guard('restoreFromTrash', () =>
            serial(id, async (): Promise<Result<ReportSummary>> => {
              const dir = trashDir(id);
              const report = fs.join(dir, TRASH_REPORT);
              if (!(await exists(report))) return fail('not-found', '回收站中没有这份报告。');
              if (await exists(reportPath(id))) return fail('conflict', '报告列表中已有同一编号的报告，无法恢复。');
              const trashedHistory = fs.join(dir, HISTORY);
              if (await exists(trashedHistory)) {
                if (!(await exists(historyDir(id)))) {
                  await renameWithRetry(fs, trashedHistory, historyDir(id), sleep);
                } else {
                  for (const name of await readdirOrEmpty(trashedHistory)) {
                    await renameWithRetry(fs, fs.join(trashedHistory, name), fs.join(historyDir(id), name), sleep);
                  }
                  await fs.rmdir(trashedHistory);
                }
              }
              await renameWithRetry(fs, report, reportPath(id), sleep);
              await removeQuietly(fs, fs.join(dir, TRASH_INFO));
              try {
                await fs.rmdir(dir);
              } catch (e) {
                log(`library: trash folder of ${id} not removed`, e);
              }
              historyHead.delete(id);
              const loaded = await load(id);
              if (!loaded.ok) return loaded;
              return ok(summaryOf(id, loaded.value.doc, await mtimeOf(reportPath(id))));
            }),
          )
        : Promise.resolve(BAD_ID),

    listHistory: (id) =>
      REPORT_ID.test(id)
        ? guard('listHistory', () =>
            serial(id, async (): Promise<Result<readonly HistoryEntry[]>> => {
              // Written last first (history.ts: the clock may have been wrong).
              const ids = byWriteOrder(await versionIds(id)).reverse();
              if (ids.length === 0 && !(await exists(reportPath(id)))) return NOT_FOUND();
              // The newest version is usually the current one: list only what can be gone back to.
              const current = lastText.get(id) ?? (await readIfExists(reportPath(id)).then((b) => b && decode(b)));
              if (ids[0] !== undefined && current !== undefined && (await headText(id)) === current) ids.shift();
              const out: HistoryEntry[] = [];
              for (const vid of ids) {
                try {
                  const st = await fs.stat(versionPath(id, vid));
                  out.push({ versionId: vid, savedAt: iso(versionTime(vid)!), bytes: st.size });
                } catch {
                  // thinned away meanwhile
                }
              }
              return ok(out);
            }),
          )
        : Promise.resolve(BAD_ID),

    restoreVersion: (id, versionId) =>
      REPORT_ID.test(id) && versionTime(versionId) !== undefined
        ? guard('restoreVersion', () =>
            serial(id, async (): Promise<Result<LoadedReport>> => {
              const bytes = await readIfExists(versionPath(id, versionId));
              if (bytes === undefined) return fail('not-found', '找不到这个历史版本，它可能已被清理。');
              const text = decode(bytes);
              const parsed = text === undefined ? undefined : parseDocument(text);
              if (!parsed?.ok || text === undefined) return fail('damaged', '这个历史版本已损坏，无法恢复。请选择其他版本。');
              // Keep the current version in the history before it is replaced.
              const current = await readIfExists(reportPath(id));
              if (current !== undefined) {
                const currentText = decode(current);
                if (currentText !== undefined && parseDocument(currentText).ok) await keepInHistory(id, currentText);
                else await quarantine(id, current);
              } else if (await inTrash(id)) {
                return IN_TRASH();
              }
              const savedAt = await commit(id, text);
              return ok({ id, doc: parsed.value, savedAt });
            }),
          )
        : Promise.resolve(BAD_ID),

    importDocument: (doc, targetId) =>
      guard('importDocument', async () => {
        if (targetId === undefined) return addNew(doc);
        if (!REPORT_ID.test(targetId)) return BAD_ID;
        return serial(targetId, async (): Promise<Result<ReportSummary>> => {
          const current = await readIfExists(reportPath(targetId));
          if (current === undefined) return (await inTrash(targetId)) ? IN_TRASH() : NOT_FOUND();
          const currentText = decode(current);
          if (currentText !== undefined && parseDocument(currentText).ok) await keepInHistory(targetId, currentText);
          else await quarantine(targetId, current);
          await commit(targetId, serializeDocument(doc));
          return ok(summaryOf(targetId, doc, clock.now()));
        });
      }),

    findReport: async (unitName, year) => {
      const list = await library.listReports();
      if (!list.ok) return undefined;
      return list.value.find((r) => r.unitName === unitName && r.year === year)?.id;
    },

    findSame: async (doc) => {
      const text = serializeDocument(doc);
      const list = await library.listReports();
      if (!list.ok) return undefined;
      for (const r of list.value) {
        if (r.unitName !== doc.unit.name || r.year !== doc.year) continue;
        // Read only: a damaged file is left for its own opening to recover (and say so).
        const bytes = await readIfExists(reportPath(r.id));
        const current = bytes && decode(bytes);
        const parsed = current === undefined ? undefined : parseDocument(current);
        if (parsed?.ok && serializeDocument(parsed.value) === text) return r;
      }
      return undefined;
    },

    flush: async () => {
      while (queues.size > 0) await Promise.all([...queues.values()]);
    },
  };
  return library;
}
