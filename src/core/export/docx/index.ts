// STUB: replaced by the DOCX export. Signature is fixed.
import type { DocxFontSet } from '../../api/contract';
import type { ReportDocument } from '../../document/types';

export interface DocxOptions {
  readonly fonts: DocxFontSet;
}

export async function buildDocx(_doc: ReportDocument, _options: DocxOptions): Promise<Uint8Array> {
  throw new Error('not implemented');
}

/** Default file name: <unit><year>年政府信息公开工作年度报告.docx */
export const docxFileName = (doc: ReportDocument): string => `${doc.unit.name}${doc.year}年政府信息公开工作年度报告.docx`;
