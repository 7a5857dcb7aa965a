/**
 * The AppApi as main implements it: the library for reports, dialogs and files for import and
 * export, the settings store. Every dependency is injected, so this runs in tests without
 * Electron.
 */
import { basename, dirname, join } from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { AppApi, ImportPreview } from '../core/api/contract';
import { check as defaultCheck } from '../core/checker';
import { MAX_DOCUMENT_BYTES, parseDocument, serializeDocument } from '../core/document/schema';
import type { ReportDocument } from '../core/document/types';
import { buildDocx as defaultBuildDocx, docxFileName } from '../core/export/docx';
import type { ReportLibrary } from '../core/library/library';
import type { FileSystem } from '../core/library/ports';
import { fail, ok, type Result } from '../core/result';
import { readWorkbook as defaultReadWorkbook, writeWorkbook as defaultWriteWorkbook, xlsxFileName } from '../core/xlsx';
import { readUserFile, safeFileName, withExtension, writeUserFile } from './files';
import type { SettingsService } from './settings';

export interface DialogPort {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface ServiceDeps {
  readonly library: ReportLibrary;
  readonly settings: SettingsService;
  readonly dialogs: DialogPort;
  readonly fs: FileSystem;
  /** Where save dialogs start the first time (the Documents folder). */
  readonly defaultDir: () => string;
  readonly buildDocx?: typeof defaultBuildDocx;
  readonly writeWorkbook?: typeof defaultWriteWorkbook;
  readonly readWorkbook?: typeof defaultReadWorkbook;
  readonly check?: typeof defaultCheck;
  readonly log?: (message: string, error?: unknown) => void;
}

/** A workbook is a few hundred kilobytes; refuse anything absurd before unzipping it. */
export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

const REPORT_FILTER = { name: '年报助手报告文件 (*.json)', extensions: ['json'] };
const DOCX_FILTER = { name: 'Word 文档 (*.docx)', extensions: ['docx'] };
const XLSX_FILTER = { name: 'Excel 工作簿 (*.xlsx)', extensions: ['xlsx'] };

const reportFileName = (doc: ReportDocument): string => `${doc.unit.name}${doc.year}年政府信息公开工作年度报告.json`;

export function createServices(deps: ServiceDeps): AppApi {
  const { library, settings, dialogs, fs } = deps;
  const log = deps.log ?? (() => undefined);
  const buildDocx = deps.buildDocx ?? defaultBuildDocx;
  const writeWorkbook = deps.writeWorkbook ?? defaultWriteWorkbook;
  const readWorkbook = deps.readWorkbook ?? defaultReadWorkbook;
  const check = deps.check ?? defaultCheck;
  let lastDir: string | undefined;

  async function askSavePath(title: string, fileName: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
    const r = await dialogs.showSaveDialog({
      title,
      defaultPath: join(lastDir ?? deps.defaultDir(), safeFileName(fileName)),
      filters: [filter],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    if (r.canceled || !r.filePath) return null;
    const path = withExtension(r.filePath, filter.extensions[0]!);
    lastDir = dirname(path);
    return path;
  }

  async function askOpenPath(title: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
    const r = await dialogs.showOpenDialog({ title, defaultPath: lastDir ?? deps.defaultDir(), filters: [filter], properties: ['openFile'] });
    const path = r.canceled ? undefined : r.filePaths[0];
    if (!path) return null;
    lastDir = dirname(path);
    return path;
  }

  async function loadDoc(id: string): Promise<Result<ReportDocument>> {
    const loaded = await library.loadReport(id);
    return loaded.ok ? ok(loaded.value.doc) : loaded;
  }

  /** Build an export; an exception in a builder becomes a Chinese message. */
  async function build(what: string, task: () => Promise<Uint8Array>): Promise<Result<Uint8Array>> {
    try {
      return ok(await task());
    } catch (e) {
      log(`export: building the ${what} failed`, e);
      return fail('export-failed', `生成${what}时出错，未能导出。请重试；如仍失败，请用“另存为报告文件”保存一份交技术人员检查。`);
    }
  }

  return {
    listReports: () => library.listReports(),
    loadReport: (id) => library.loadReport(id),
    saveReport: (id, doc) => library.saveReport(id, doc),
    createReport: (input) => library.createReport(input),
    duplicateReport: (id) => library.duplicateReport(id),
    deleteReport: (id) => library.deleteReport(id),
    listTrash: () => library.listTrash(),
    restoreFromTrash: (id) => library.restoreFromTrash(id),
    listHistory: (id) => library.listHistory(id),
    restoreVersion: (id, versionId) => library.restoreVersion(id, versionId),
    importDocument: (doc, targetId) => library.importDocument(doc, targetId),

    async openReportFile() {
      const path = await askOpenPath('打开报告文件', REPORT_FILTER);
      if (!path) return ok(null);
      const bytes = await readUserFile(fs, path, MAX_DOCUMENT_BYTES);
      if (!bytes.ok) return bytes;
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
      } catch {
        return fail('not-utf8', `无法打开“${basename(path)}”：文件不是 UTF-8 编码的文本，可能不是报告文件。`);
      }
      const parsed = parseDocument(text);
      if (!parsed.ok) return fail(parsed.error.code, `无法打开“${basename(path)}”：${parsed.error.message}`);
      // The same report opened again: the one in the list, not a second identical row.
      const same = await library.findSame(parsed.value);
      return same ? ok(same) : library.importDocument(parsed.value);
    },

    async saveReportCopy(id) {
      const doc = await loadDoc(id);
      if (!doc.ok) return doc;
      const path = await askSavePath('另存为报告文件', reportFileName(doc.value), REPORT_FILTER);
      if (!path) return ok(null);
      return writeUserFile(fs, path, new TextEncoder().encode(serializeDocument(doc.value)));
    },

    async exportDocx(id, fonts) {
      const doc = await loadDoc(id);
      if (!doc.ok) return doc;
      const bytes = await build('Word 文档', () => buildDocx(doc.value, { fonts }));
      if (!bytes.ok) return bytes;
      const path = await askSavePath('导出 Word 文档', docxFileName(doc.value), DOCX_FILTER);
      if (!path) return ok(null);
      return writeUserFile(fs, path, bytes.value);
    },

    async exportXlsx(id) {
      const doc = await loadDoc(id);
      if (!doc.ok) return doc;
      const bytes = await build('Excel 工作簿', () => writeWorkbook(doc.value, check(doc.value, doc.value.lastYear).findings));
      if (!bytes.ok) return bytes;
      const path = await askSavePath('导出 Excel 工作簿', xlsxFileName(doc.value), XLSX_FILTER);
      if (!path) return ok(null);
      return writeUserFile(fs, path, bytes.value);
    },

    async readXlsx() {
      const path = await askOpenPath('导入 Excel 工作簿', XLSX_FILTER);
      if (!path) return ok(null);
      const bytes = await readUserFile(fs, path, MAX_XLSX_BYTES);
      if (!bytes.ok) return bytes;
      let read: Awaited<ReturnType<typeof readWorkbook>>;
      try {
        read = await readWorkbook(bytes.value);
      } catch (e) {
        log('import: reading the workbook failed', e);
        return fail('bad-xlsx', `无法读取“${basename(path)}”：文件可能已损坏，或不是 Excel 工作簿（.xlsx）。`);
      }
      if (!read.ok) return fail(read.error.code, `无法导入“${basename(path)}”：${read.error.message}`);
      const existingId = await library.findReport(read.value.doc.unit.name, read.value.doc.year);
      const preview: ImportPreview = {
        fileName: basename(path),
        doc: read.value.doc,
        findings: read.value.findings,
        ...(existingId ? { existingId } : {}),
      };
      return ok(preview);
    },

    getSettings: async () => ok(settings.get()),
    async setSettings(patch) {
      try {
        return ok(settings.set(patch));
      } catch (e) {
        log('settings: write failed', e);
        return fail('settings-write', '设置未能保存（设置文件可能被占用或没有写入权限），本次修改仅在重新启动前有效。');
      }
    },
  };
}
