/**
 * The report document: the JSON every version of the app reads and writes
 * (shared/spec/document-format.md), plus the app's own optional fields.
 */
import type { TextKey, UnitKind, UnitLevel } from '../format';

export const DOCUMENT_FORMAT = 'nianbao';
export const CURRENT_SCHEMA_VERSION = 1;

/** Cell values by cell id. A missing id means "not filled in yet", which is not 0. */
export type Cells = Readonly<Record<string, number>>;

export type ReportText = Readonly<Record<TextKey, string>>;

export interface Unit {
  readonly name: string;
  readonly kind: UnitKind;
  readonly level?: UnitLevel;
}

export interface Contact {
  readonly person?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly email?: string;
}

/** What was kept of last year's report when this one was started from it. */
export interface LastYear {
  readonly year: number;
  readonly cells: Cells;
  readonly text: Partial<ReportText>;
}

export interface ReportDocument {
  readonly format: typeof DOCUMENT_FORMAT;
  readonly schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  /** The mandated format the report follows; `2021` = 国办公开办函〔2021〕30号. */
  readonly formatVersion: '2021';
  readonly unit: Unit;
  readonly year: number;
  readonly cells: Cells;
  readonly text: ReportText;
  readonly contact?: Contact;
  /** Date of publication, YYYY-MM-DD. */
  readonly publishedAt?: string;
  /** Written explanations (出错说明) of kept warnings, by finding id. */
  readonly explanations?: Readonly<Record<string, string>>;
  /** Last year's cells and text, when the report was started from last year's. */
  readonly lastYear?: LastYear;
  /** ISO time of the last edit. */
  readonly updatedAt?: string;
}

/** The parts of a report the checker compares against (a full document or a LastYear snapshot). */
export interface PreviousReport {
  readonly year: number;
  readonly cells: Cells;
  readonly text?: Partial<ReportText>;
}
