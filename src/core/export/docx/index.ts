/**
 * The Word (DOCX) export: the report laid out as a 公文 (GB/T 9704-2012) in the mandated format
 * (国办公开办函〔2021〕30号). Headings, labels and table layouts all come from the format data.
 */
import { Document, DocumentGridType, Footer, Packer, Paragraph, type Table } from 'docx';
import type { DocxFontSet } from '../../api/contract';
import { effectiveCells } from '../../document/cells';
import type { ReportDocument } from '../../document/types';
import { FORMAT, reportTitle, tableById } from '../../format';
import { importedStyles, normalStyle } from './styles';
import { buildTable } from './tables';
import { closingParagraphs, narrativeParagraphs, pageNumberParagraph, sectionHeading, titleParagraphs } from './text';
import { FONT_SETS, PAGE, SIZE, runFont } from './typography';

export { FONT_SETS, type FontSet } from './typography';
export { titleLines } from './text';

export interface DocxOptions {
  readonly fonts: DocxFontSet;
}

/** The report as the `docx` document model (exposed for tests and benchmarks). */
export function reportDocument(doc: ReportDocument, options: DocxOptions): Document {
  const fonts = FONT_SETS[options.fonts];
  const values = effectiveCells(doc.cells);
  const children: (Paragraph | Table)[] = [...titleParagraphs(doc.unit.name, doc.year, fonts)];

  for (const section of FORMAT.sections) {
    children.push(sectionHeading(section.heading, fonts));
    // For 二/三/四 the text is an optional lead printed above the table, and kept with it.
    const text = doc.text[section.textKey] ?? '';
    children.push(...narrativeParagraphs(text, fonts, { keepLastWithNext: section.table !== undefined }));
    if (section.table) children.push(buildTable(tableById(section.table), values, fonts));
  }
  children.push(...closingParagraphs(doc.unit.name, doc.publishedAt, fonts));

  return new Document({
    title: reportTitle(doc.unit.name, doc.year),
    creator: doc.unit.name,
    lastModifiedBy: doc.unit.name,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        // w:charSpace is relative to the default font size, so that is 3号 (as in the Normal style).
        document: {
          run: {
            font: runFont(fonts.body, fonts.latin),
            size: SIZE.text,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
        },
      },
      paragraphStyles: [normalStyle(fonts)],
      importedStyles: importedStyles(fonts),
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: PAGE.margin,
          },
          grid: { type: DocumentGridType.LINES, linePitch: PAGE.linePitch, charSpace: PAGE.charSpace },
        },
        footers: {
          default: new Footer({ children: [pageNumberParagraph('odd', fonts)] }),
          even: new Footer({ children: [pageNumberParagraph('even', fonts)] }),
        },
        children,
      },
    ],
  });
}

export async function buildDocx(doc: ReportDocument, options: DocxOptions): Promise<Uint8Array> {
  const buffer = await Packer.toArrayBuffer(reportDocument(doc, options));
  return new Uint8Array(buffer);
}

/** Default file name: <unit><year>年政府信息公开工作年度报告.docx */
export const docxFileName = (doc: ReportDocument): string => `${reportTitle(doc.unit.name, doc.year)}.docx`;
