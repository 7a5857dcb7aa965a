/**
 * Paragraph styles of the export.
 *
 * Body text keeps to the document's line grid. The title, table text and page numbers must not:
 * LibreOffice would give a 2号 title line or a single-spaced table line whole grid lines, and with
 * a character grid (should a user switch one on) 五号 text would be spread to the 3号 pitch.
 * docx has no option for the paragraph-level `w:snapToGrid`, so these styles are written as
 * WordprocessingML.
 */
import { ImportedXmlComponent, type IParagraphStyleOptions } from 'docx';
import { SIZE, runFont, type FontSet } from './typography';

/** Style ids used by the builders. */
export const STYLE = {
  title: 'NbTitle',
  table: 'NbTable',
  pageNumber: 'NbPageNumber',
} as const;

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** rFonts with an East Asian face and a Latin face, as in `runFont`. */
const rFonts = (eastAsia: string, latin: string): string =>
  `<w:rFonts w:ascii="${escapeXml(latin)}" w:hAnsi="${escapeXml(latin)}" w:eastAsia="${escapeXml(eastAsia)}" ` +
  `w:cs="${escapeXml(latin)}" w:hint="eastAsia"/>`;

interface OffGridStyle {
  readonly id: string;
  /** The name a user sees in Word's style list. */
  readonly name: string;
  readonly pPr: string;
  readonly eastAsia: string;
  readonly latin: string;
  /** Half-points. */
  readonly size: number;
  readonly bold?: boolean;
}

/**
 * A paragraph style that snaps to the document grid neither its lines nor its characters, with
 * its face and size (which also size an empty paragraph, such as an unfilled table cell).
 */
function offGridStyle(s: OffGridStyle): ImportedXmlComponent {
  return ImportedXmlComponent.fromXmlString(
    `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${escapeXml(s.id)}">` +
      `<w:name w:val="${escapeXml(s.name)}"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
      `<w:pPr><w:snapToGrid w:val="0"/>${s.pPr}</w:pPr>` +
      `<w:rPr>${rFonts(s.eastAsia, s.latin)}${s.bold ? '<w:b/><w:bCs/>' : ''}<w:snapToGrid w:val="0"/>` +
      `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/></w:rPr>` +
      `</w:style>`,
  );
}

const SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>';

/** The custom styles of a font set. */
export const importedStyles = (fonts: FontSet): ImportedXmlComponent[] => [
  offGridStyle({
    id: STYLE.title,
    name: '年报标题',
    pPr: '<w:jc w:val="center"/>',
    eastAsia: fonts.title,
    latin: fonts.title,
    size: SIZE.title,
    bold: fonts.titleBold,
  }),
  offGridStyle({ id: STYLE.table, name: '年报表格', pPr: SINGLE, eastAsia: fonts.table, latin: fonts.latin, size: SIZE.table }),
  offGridStyle({
    id: STYLE.pageNumber,
    name: '页码',
    pPr: SINGLE,
    eastAsia: fonts.pageNumber,
    latin: fonts.pageNumber,
    size: SIZE.pageNumber,
  }),
];

/**
 * The Normal style carries the body face and the 3号 size explicitly: the grid's character pitch
 * is defined relative to it (Word takes the document defaults, LibreOffice the Normal style).
 */
export const normalStyle = (fonts: FontSet): IParagraphStyleOptions => ({
  id: 'Normal',
  name: 'Normal',
  quickFormat: true,
  run: { font: runFont(fonts.body, fonts.latin), size: SIZE.text },
});
