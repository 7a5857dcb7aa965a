/**
 * The Excel workbook for superiors, and its lossless import.
 *
 * writeWorkbook: 基本信息, 主动公开 (表二), 依申请公开 (表三), 复议诉讼 (表四), 正文, 检查结果, 数据 and,
 * when the report was started from last year's, a hidden 上年数据. readWorkbook: the guard on the
 * ZIP container (size, entry count, declared and real uncompressed sizes), then the import
 * (read.ts). The spreadsheet library sits behind the XlsxPort (port.ts, exceljsAdapter.ts).
 */
import type { Finding } from '../checker/types';
import type { ReportDocument } from '../document/types';
import { fail, type Result } from '../result';
import { exceljsPort } from './exceljsAdapter';
import type { XlsxPort } from './port';
import { importBook, type WorkbookImport } from './read';
import { buildBook } from './write';
import { checkZip, XLSX_LIMITS } from './zipGuard';

export type { WorkbookImport } from './read';
export type { XlsxPort } from './port';
export { XLSX_LIMITS } from './zipGuard';

export interface XlsxIo {
  writeWorkbook(doc: ReportDocument, findings: readonly Finding[]): Promise<Uint8Array>;
  readWorkbook(bytes: Uint8Array): Promise<Result<WorkbookImport>>;
}

/** The workbook functions over any spreadsheet library that implements the port. */
export function xlsxIo(port: XlsxPort): XlsxIo {
  return {
    writeWorkbook: (doc, findings) => port.write(buildBook(doc, findings)),
    async readWorkbook(bytes) {
      try {
        const guard = await checkZip(bytes, XLSX_LIMITS);
        if (!guard.ok) return guard;
        let book;
        try {
          book = await port.read(bytes);
        } catch {
          return fail('damaged', '无法读取此工作簿：文件可能已损坏，或不是Excel（.xlsx）格式。请重新导出或从原处重新获取文件。');
        }
        return importBook(book);
      } catch (e) {
        return fail('internal', `读取工作簿时发生意外错误：${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}

const io = xlsxIo(exceljsPort);

export async function writeWorkbook(doc: ReportDocument, findings: readonly Finding[]): Promise<Uint8Array> {
  return io.writeWorkbook(doc, findings);
}

export async function readWorkbook(bytes: Uint8Array): Promise<Result<WorkbookImport>> {
  return io.readWorkbook(bytes);
}

export const xlsxFileName = (doc: ReportDocument): string => `${doc.unit.name}${doc.year}年政府信息公开工作年度报告.xlsx`;
