/**
 * Narrative text as 公文 paragraphs. A document stores each section as plain text, one paragraph
 * per line; a paragraph that starts with a 公文 sequence number is a heading:
 *   “一、” level 1, “（一）” level 2, “1.” level 3, “（1）” level 4.
 * A heading may run into its paragraph (“（一）主动公开情况。2024年，…”): the heading part is
 * everything up to and including the first 。 (or the whole paragraph when it has none).
 */

export type ParagraphLevel = 0 | 1 | 2 | 3 | 4;

export interface Paragraph {
  /** 0 = body text, 1…4 = heading level. */
  readonly level: ParagraphLevel;
  /** The whole paragraph as typed (trimmed). */
  readonly text: string;
  /** For a heading: the sequence number as typed, e.g. （一）, 1., (1). */
  readonly number: string;
  /** For a heading: the heading part after the number, up to and including the first 。 */
  readonly heading: string;
  /** Text that follows the heading in the same paragraph (or the whole text for body). */
  readonly body: string;
}

const CN_NUM = '[一二三四五六七八九十]+';
const PATTERNS: readonly { level: ParagraphLevel; re: RegExp }[] = [
  { level: 2, re: new RegExp(`^[（(]\\s*${CN_NUM}\\s*[）)]`) },
  { level: 4, re: /^[（(]\s*\d{1,2}\s*[）)]/ },
  { level: 1, re: new RegExp(`^${CN_NUM}、`) },
  { level: 3, re: /^\d{1,2}\s*[.．、](?!\d)/ },
];

/** Classify one paragraph. */
export function parseParagraph(raw: string): Paragraph {
  const text = raw.trim();
  for (const { level, re } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const number = m[0];
    const rest = text.slice(number.length);
    const stop = rest.indexOf('。');
    const heading = stop === -1 ? rest : rest.slice(0, stop + 1);
    const body = stop === -1 ? '' : rest.slice(stop + 1);
    return { level, text, number, heading, body };
  }
  return { level: 0, text, number: '', heading: '', body: text };
}

/** Split a narrative field into paragraphs (empty lines dropped). */
export function splitParagraphs(text: string): Paragraph[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map(parseParagraph);
}

/** Index of the non-empty paragraph that contains a character offset of the raw text. */
export function paragraphIndexAt(text: string, offset: number): number {
  let index = -1;
  let pos = 0;
  for (const line of text.split(/\n/)) {
    const end = pos + line.length;
    if (line.trim() !== '') index++;
    if (offset <= end) return Math.max(index, 0);
    pos = end + 1;
  }
  return Math.max(index, 0);
}
