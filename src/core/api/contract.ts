/**
 * The one API the renderer talks to. The preload implements it over IPC (src/preload), the browser
 * implementation serves the end-to-end tests (src/renderer/api/browserApi.ts). Every method
 * returns a Result instead of throwing: errors thrown across Electron IPC lose everything but
 * their message.
 */
import type { Finding } from '../checker/types';
import type { Contact, ReportDocument, Unit } from '../document/types';
import type { Result } from '../result';

export const IPC_PREFIX = 'nianbao:';

export interface ReportSummary {
  readonly id: string;
  readonly unitName: string;
  readonly unitKind: Unit['kind'];
  readonly year: number;
  /** ISO time of the last save. */
  readonly updatedAt: string;
  readonly errors: number;
  readonly warnings: number;
}

export interface LoadedReport {
  readonly id: string;
  readonly doc: ReportDocument;
  readonly savedAt: string;
  /** Set when the file was damaged and a good version was restored: say so to the clerk. */
  readonly notice?: string;
}

export interface HistoryEntry {
  readonly versionId: string;
  /** ISO time the version was saved. */
  readonly savedAt: string;
  readonly bytes: number;
}

export interface TrashEntry {
  readonly id: string;
  readonly unitName: string;
  readonly year: number;
  readonly deletedAt: string;
}

export interface CreateReportInput {
  /** The unit of a blank report. From last year's report (fromId) the unit is that report's. */
  readonly unit?: Unit;
  readonly year: number;
  readonly contact?: Contact;
  /** Start from this (last year's) report: carries its unit and 上年结转. */
  readonly fromId?: string;
}

export type DocxFontSet = 'standard' | 'common';

/** A workbook read back, not yet stored: the renderer asks before anything is replaced. */
export interface ImportPreview {
  readonly fileName: string;
  readonly doc: ReportDocument;
  /** Findings of the import itself (e.g. a total typed over its formula). */
  readonly findings: readonly Finding[];
  /** A report of the same unit and year already in the library, if any. */
  readonly existingId?: string;
}

export interface Settings {
  readonly unit?: Unit;
  readonly contact?: Contact;
  readonly recentUnits: readonly string[];
  readonly docxFonts: DocxFontSet;
}

export interface AppApi {
  listReports(): Promise<Result<readonly ReportSummary[]>>;
  loadReport(id: string): Promise<Result<LoadedReport>>;
  /** Save a whole document; the previous version goes into the history. */
  saveReport(id: string, doc: ReportDocument): Promise<Result<{ readonly savedAt: string }>>;
  createReport(input: CreateReportInput): Promise<Result<ReportSummary>>;
  duplicateReport(id: string): Promise<Result<ReportSummary>>;
  /** Move to the recycle bin (回收站); restorable. */
  deleteReport(id: string): Promise<Result<null>>;
  listTrash(): Promise<Result<readonly TrashEntry[]>>;
  restoreFromTrash(id: string): Promise<Result<ReportSummary>>;
  listHistory(id: string): Promise<Result<readonly HistoryEntry[]>>;
  /** Make an older version current again; the current one stays in the history. */
  restoreVersion(id: string, versionId: string): Promise<Result<LoadedReport>>;
  /** Ask for a .json report file and add it to the library as a new report (null: cancelled). */
  openReportFile(): Promise<Result<ReportSummary | null>>;
  /** Ask where to save a copy of a report as .json (null: cancelled; else the path). */
  saveReportCopy(id: string): Promise<Result<string | null>>;
  exportDocx(id: string, fonts: DocxFontSet): Promise<Result<string | null>>;
  exportXlsx(id: string): Promise<Result<string | null>>;
  /** Ask for a workbook and read it (null: cancelled). Nothing is stored yet. */
  readXlsx(): Promise<Result<ImportPreview | null>>;
  /** Store an imported document: as a new report, or as a new version of `targetId`. */
  importDocument(doc: ReportDocument, targetId?: string): Promise<Result<ReportSummary>>;
  getSettings(): Promise<Result<Settings>>;
  setSettings(patch: Partial<Settings>): Promise<Result<Settings>>;
}

export type AppMethod = keyof AppApi;

/** Every method, in one list: the preload and main iterate it; nothing else crosses IPC. */
export const APP_METHODS = [
  'listReports',
  'loadReport',
  'saveReport',
  'createReport',
  'duplicateReport',
  'deleteReport',
  'listTrash',
  'restoreFromTrash',
  'listHistory',
  'restoreVersion',
  'openReportFile',
  'saveReportCopy',
  'exportDocx',
  'exportXlsx',
  'readXlsx',
  'importDocument',
  'getSettings',
  'setSettings',
] as const satisfies readonly AppMethod[];

/** Menu commands main sends to the renderer (the only main→renderer messages). */
export const MENU_COMMANDS = ['new-report', 'open-report', 'go-library', 'check-export', 'about'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
