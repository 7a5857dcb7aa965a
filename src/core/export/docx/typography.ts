/**
 * The typography of the exported report, as data: the font sets, the type sizes and the
 * GB/T 9704-2012 page (A4, 156 mm × 225 mm type area, 22 lines × 28 characters).
 *
 * Every length written to the document is derived here; the builders only read these values.
 */
import type { DocxFontSet } from '../../api/contract';

/** The faces of one font set. Latin letters and digits use `latin` everywhere but in page numbers. */
export interface FontSet {
  /** 2号 report title. */
  readonly title: string;
  /** Whether the title is set bold (only when the title face is not a display face). */
  readonly titleBold: boolean;
  /** 一、 headings. */
  readonly heading1: string;
  /** （一） headings. */
  readonly heading2: string;
  /** 1. headings. */
  readonly heading3: string;
  /** （1） headings. */
  readonly heading4: string;
  /** Body text and the closing block. */
  readonly body: string;
  /** Text in the three tables. */
  readonly table: string;
  /** Page numbers (4号 半角宋体, digits included). */
  readonly pageNumber: string;
  /** Latin letters and digits. */
  readonly latin: string;
}

/**
 * `standard`: the faces GB/T 9704-2012 names (小标宋, 黑体, 楷体, 仿宋 in their GB2312 builds).
 * `common`: only faces every Windows and 统信UOS machine has (宋体, 黑体, 楷体, 仿宋).
 */
export const FONT_SETS: Readonly<Record<DocxFontSet, FontSet>> = {
  standard: {
    title: '方正小标宋简体',
    titleBold: false,
    heading1: '黑体',
    heading2: '楷体_GB2312',
    heading3: '仿宋_GB2312',
    heading4: '仿宋_GB2312',
    body: '仿宋_GB2312',
    table: '仿宋_GB2312',
    pageNumber: '宋体',
    latin: 'Times New Roman',
  },
  common: {
    title: '宋体',
    titleBold: true,
    heading1: '黑体',
    heading2: '楷体',
    heading3: '仿宋',
    heading4: '仿宋',
    body: '仿宋',
    table: '宋体',
    pageNumber: '宋体',
    latin: 'Times New Roman',
  },
};

/**
 * The rFonts of a run: the East Asian face, and the Latin face for letters and digits. The
 * `eastAsia` hint sets ambiguous characters (quotes, dashes) in the East Asian face.
 */
export const runFont = (eastAsia: string, latin: string) =>
  ({ ascii: latin, hAnsi: latin, eastAsia, cs: latin, hint: 'eastAsia' }) as const;

/** Type sizes in half-points (what `w:sz` holds). */
export const SIZE = {
  /** 2号 = 22 pt */
  title: 44,
  /** 3号 = 16 pt: headings and body */
  text: 32,
  /** 4号 = 14 pt */
  pageNumber: 28,
  /**
   * 五号 = 10.5 pt in all three tables: it keeps 表三's long labels readable in 156 mm, and 表四's
   * 10.4 mm columns still take two characters a line (结果/维持).
   */
  table: 21,
} as const;

/** Twips per millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;

/** Millimetres to twips, rounded to the nearest twip. */
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

/**
 * Column widths in twips whose sum is exactly the rounded total width: each boundary is rounded,
 * not each width, so rounding errors do not add up.
 */
export function columnTwips(widthsMm: readonly number[]): number[] {
  const out: number[] = [];
  let mm = 0;
  let prev = 0;
  for (const w of widthsMm) {
    mm += w;
    const edge = mmToTwips(mm);
    out.push(edge - prev);
    prev = edge;
  }
  return out;
}

/** GB/T 9704-2012 page geometry, in millimetres. */
export const PAGE_MM = {
  width: 210,
  height: 297,
  top: 37,
  bottom: 35,
  left: 28,
  right: 26,
  header: 15,
  /** Footer distance from the bottom edge (research note §5.2: about 2.8 cm). */
  footer: 28,
  linesPerPage: 22,
  charsPerLine: 28,
} as const;

/**
 * The page in twips, with the grid that gives 22 lines of 28 characters of 3号 text.
 *
 * 28 characters of 16 pt do not fit 156 mm (442 pt), so each character must be set a little
 * narrower than its size. Word does that with a character grid (`linesAndChars` and a negative
 * `charSpace`), but LibreOffice cannot set a character narrower than a grid cell and gives it two
 * cells instead: 16 characters a line. So the grid here is a line grid (22 lines; `charSpace`
 * still says 28 characters, for when a user switches the grid to characters in Word), and the
 * text is condensed by `condense` twentieths of a point per character, which gives 28 characters
 * a line in Word, WPS and LibreOffice alike.
 */
export const PAGE = (() => {
  const width = mmToTwips(PAGE_MM.width);
  const height = mmToTwips(PAGE_MM.height);
  const margin = {
    top: mmToTwips(PAGE_MM.top),
    bottom: mmToTwips(PAGE_MM.bottom),
    left: mmToTwips(PAGE_MM.left),
    right: mmToTwips(PAGE_MM.right),
    header: mmToTwips(PAGE_MM.header),
    footer: mmToTwips(PAGE_MM.footer),
  };
  const typeWidth = width - margin.left - margin.right;
  const typeHeight = height - margin.top - margin.bottom;
  // 22 lines must fit: round the pitch down (579 twips ≈ 28.95 pt).
  const linePitch = Math.floor(typeHeight / PAGE_MM.linesPerPage);
  // Character pitch that fills the type width with 28 characters, in twips (≈ 15.79 pt).
  const charPitch = typeWidth / PAGE_MM.charsPerLine;
  // w:charSpace: the pitch minus the default (3号) size, in 4096ths of a point.
  const charSpace = Math.floor(((charPitch - SIZE.text * 10) / 20) * 4096);
  // Run condensing (w:spacing, twentieths of a point) so that 28 characters fit: −5 = −0.25 pt.
  const condense = Math.floor(charPitch - SIZE.text * 10);
  return { width, height, margin, typeWidth, typeHeight, linePitch, charSpace, condense };
})();

/** One character of 3号 text, in twips (the unit of 公文 indents: 左空二字 = 2 × this). */
export const CHAR_TWIPS = SIZE.text * 10;

/** One character of 4号 text, in twips (页码 “单页码居右空一字”). */
export const PAGE_NUMBER_CHAR_TWIPS = SIZE.pageNumber * 10;

/**
 * The visual width of a string in em: CJK and full-width characters count 1, half-width
 * (ASCII digits, Latin letters, half-width punctuation) count ½.
 */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x2000 ? 0.5 : 1;
  return w;
}
