/**
 * The paragraphs of the report outside its tables: title, section headings, narrative text in
 * 公文 heading levels, the closing block and the page-number footer.
 */
import { AlignmentType, LineRuleType, PageNumber, Paragraph, TextRun } from 'docx';
import { reportTitle } from '../../format';
import { splitParagraphs, type ParagraphLevel } from '../../text/paragraphs';
import { STYLE } from './styles';
import { CHAR_TWIPS, PAGE, PAGE_NUMBER_CHAR_TWIPS, SIZE, emWidth, runFont, type FontSet } from './typography';

/** Body paragraph geometry: exact grid line spacing, 左空二字. */
const BODY_SPACING = { line: PAGE.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

/** The face of each 公文 level: 0 body, 1 一、, 2 （一）, 3 1., 4 （1）. */
export const levelFace = (fonts: FontSet, level: ParagraphLevel): string =>
  [fonts.body, fonts.heading1, fonts.heading2, fonts.heading3, fonts.heading4][level]!;

/** A run of 3号 text, condensed so that 28 characters fill a line (see `PAGE`). */
const textRun = (text: string, face: string, fonts: FontSet): TextRun =>
  new TextRun({ text, font: runFont(face, fonts.latin), size: SIZE.text, characterSpacing: PAGE.condense });

interface ParagraphExtra {
  readonly keepNext?: boolean;
  readonly outlineLevel?: number;
}

/** A body paragraph: justified, exact grid lines, 左空二字; `face` formats its paragraph mark. */
const bodyParagraph = (children: TextRun[], face: string, fonts: FontSet, extra: ParagraphExtra = {}): Paragraph =>
  new Paragraph({
    children,
    alignment: AlignmentType.JUSTIFIED,
    spacing: BODY_SPACING,
    indent: { firstLine: 2 * CHAR_TWIPS },
    run: { font: runFont(face, fonts.latin), size: SIZE.text },
    ...extra,
  });

/** Title characters per line: the type width in 2号 characters (20). */
const TITLE_EM_PER_LINE = Math.floor(PAGE.typeWidth / (SIZE.title * 10));

/**
 * The title lines. A title wider than one line breaks after “<year>年”, as published reports do
 * (集贤县人民政府2024年 / 政府信息公开工作年度报告): both parts are whole phrases and the two
 * centred lines are about as long as each other.
 */
export function titleLines(unitName: string, year: number): string[] {
  const full = reportTitle(unitName, year);
  if (emWidth(full) <= TITLE_EM_PER_LINE) return [full];
  const mark = `${year}年`;
  const at = full.indexOf(mark, unitName.length);
  if (at < 0) return [full];
  const cut = at + mark.length;
  const head = full.slice(0, cut);
  const tail = full.slice(cut);
  if (emWidth(head) <= TITLE_EM_PER_LINE) return [head, tail];
  // A unit name too long for one line: split the “<unit><year>年” part into lines of about equal
  // length, so the title stays symmetric instead of wrapping into one short ragged line.
  const chars = Array.from(head);
  const n = Math.ceil(emWidth(head) / TITLE_EM_PER_LINE);
  const per = Math.ceil(chars.length / n);
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += per) lines.push(chars.slice(i, i + per).join(''));
  return [...lines, tail];
}

export function titleParagraphs(unitName: string, year: number, fonts: FontSet): Paragraph[] {
  const font = runFont(fonts.title, fonts.title);
  const lines = titleLines(unitName, year);
  const bold = fonts.titleBold ? { bold: true } : {};
  const runs = lines.map(
    (line, i) => new TextRun({ text: line, font, size: SIZE.title, ...bold, ...(i > 0 ? { break: 1 } : {}) }),
  );
  return [
    new Paragraph({
      style: STYLE.title,
      children: runs,
      alignment: AlignmentType.CENTER,
      spacing: BODY_SPACING,
      keepNext: true,
      keepLines: true,
    }),
    // GB/T 9704: one blank line between the title and the text.
    bodyParagraph([], fonts.body, fonts),
  ];
}

/** A section heading such as 一、总体情况 (level 1, 黑体). */
export const sectionHeading = (heading: string, fonts: FontSet): Paragraph =>
  bodyParagraph([textRun(heading, fonts.heading1, fonts)], fonts.heading1, fonts, { keepNext: true, outlineLevel: 0 });

/**
 * Narrative text, one paragraph per line. A 公文 heading is set in its level's face; a heading
 * that runs into its paragraph keeps the heading face up to the first 。 and the body face after.
 */
export function narrativeParagraphs(
  text: string,
  fonts: FontSet,
  options: { readonly keepLastWithNext?: boolean } = {},
): Paragraph[] {
  const paragraphs = splitParagraphs(text);
  return paragraphs.map((p, i) => {
    // A heading on its own line stays with what follows; so does lead text with its table.
    const keepNext = (p.level > 0 && p.body === '') || (options.keepLastWithNext === true && i === paragraphs.length - 1);
    const extra = keepNext ? { keepNext } : {};
    if (p.level === 0) return bodyParagraph([textRun(p.body, fonts.body, fonts)], fonts.body, fonts, extra);
    const face = levelFace(fonts, p.level);
    const runs = [textRun(p.number + p.heading, face, fonts)];
    if (p.body !== '') runs.push(textRun(p.body, fonts.body, fonts));
    return bodyParagraph(runs, face, fonts, extra);
  });
}

/** YYYY-MM-DD as a 成文日期: Arabic numerals, no leading zeros (2025年3月31日). */
export function chineseDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/**
 * The closing block: the unit's name centred over the date, the date 右空四字.
 */
export function closingParagraphs(unitName: string, publishedAt: string | undefined, fonts: FontSet): Paragraph[] {
  const date = publishedAt ? chineseDate(publishedAt) : null;
  if (!date) return [];
  const dateRight = 4 * CHAR_TWIPS;
  // Centre the name over the date when the name is shorter; otherwise align both on the right.
  const nameRight = Math.max(0, dateRight + Math.round(((emWidth(date) - emWidth(unitName)) / 2) * CHAR_TWIPS));
  const line = (text: string, right: number, keepNext: boolean) =>
    new Paragraph({
      children: [textRun(text, fonts.body, fonts)],
      alignment: AlignmentType.RIGHT,
      spacing: BODY_SPACING,
      indent: { right },
      ...(keepNext ? { keepNext } : {}),
      run: { font: runFont(fonts.body, fonts.latin), size: SIZE.text },
    });
  const blank = () => bodyParagraph([], fonts.body, fonts);
  return [blank(), blank(), line(unitName, nameRight, true), line(date, dateRight, false)];
}

/**
 * The page number “— 1 —”: 4号宋体, odd pages on the right 空一字, even pages on the left 空一字.
 */
export function pageNumberParagraph(side: 'odd' | 'even', fonts: FontSet): Paragraph {
  const font = runFont(fonts.pageNumber, fonts.pageNumber);
  return new Paragraph({
    style: STYLE.pageNumber,
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: PAGE_NUMBER_CHAR_TWIPS } : { left: PAGE_NUMBER_CHAR_TWIPS },
    spacing: { before: 0, after: 0 },
    children: [new TextRun({ children: ['\u2014 ', PageNumber.CURRENT, ' \u2014'], font, size: SIZE.pageNumber })],
  });
}
