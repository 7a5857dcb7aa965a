// STUB: replaced by the XLSX export/import. Signatures are fixed.
import type { Finding } from '../checker/types';
import type { ReportDocument } from '../document/types';
import type { Result } from '../result';

export interface WorkbookImport {
  readonly doc: ReportDocument;
  /** Findings of the import itself, e.g. a total typed over its formula (rule XL-1). */
  readonly findings: readonly Finding[];
}

export async function writeWorkbook(_doc: ReportDocument, _findings: readonly Finding[]): Promise<Uint8Array> {
  throw new Error('not implemented');
}

export async function readWorkbook(_bytes: Uint8Array): Promise<Result<WorkbookImport>> {
  throw new Error('not implemented');
}

export const xlsxFileName = (doc: ReportDocument): string => `${doc.unit.name}${doc.year}年政府信息公开工作年度报告.xlsx`;
