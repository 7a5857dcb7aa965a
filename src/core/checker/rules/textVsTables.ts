/**
 * Text against tables (X-1, X-2): numbers the narrative states about table quantities must match
 * the cells. Approximations (5000余条) are not claims; a clause that names another scope makes an
 * X-1 mismatch a warning instead of an error.
 */
import { FORMAT } from '../../format';
import { splitParagraphs } from '../../text/paragraphs';
import { num, type CheckContext } from '../context';
import { textMemo } from '../memo';
import type { Finding } from '../types';
import { APPROX_AFTER, APPROX_BEFORE, CLAIMS, DISCLOSURE_SUBJECT, SCOPE_MARKERS, SUBJECT_BOUND, ZERO_CLAIMS, type ClaimDef } from './claims';

/** A number the text states, with its unit and surroundings inside its clause. */
export interface StatedNumber {
  readonly value: number;
  /** Decimal places as written (435.53 → 2): a money amount is read as rounded to them. */
  readonly decimals: number;
  readonly unit: string;
  readonly before: string;
  readonly after: string;
  readonly clause: string;
}

const CLAUSE_SPLIT = /[，,。；;！!？?\n（）()]/;
const FULLWIDTH_DIGITS = /[０-９．]/g;
const CN_DIGITS = '零〇一二两三四五六七八九十百千';
const NUMBER = new RegExp(`(\\d+(?:\\.\\d+)?|[${CN_DIGITS}]+(?=\\s*件))\\s*(万元|元|件|项|个|条|次|%|％)?`, 'g');

const CN_VALUE: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** 二十五 → 25, 一百零三 → 103, 十二 → 12 (up to 9999); NaN when malformed. */
export function chineseNumber(s: string): number {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_VALUE) digit = CN_VALUE[ch]!;
    else if (ch in CN_UNIT) {
      total += (digit === -1 ? 1 : digit) * CN_UNIT[ch]!;
      digit = -1;
    } else return Number.NaN;
  }
  return total + (digit === -1 ? 0 : digit);
}

const halfWidth = (s: string): string =>
  s.replace(FULLWIDTH_DIGITS, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** Numbers stated in one paragraph, clause by clause. */
export function statedNumbers(paragraph: string): StatedNumber[] {
  const out: StatedNumber[] = [];
  const text = halfWidth(paragraph);
  // Split on clause punctuation, but keep thousands separators inside numbers.
  const clauses = text.replace(/(\d)[,，](?=\d{3}(?!\d))/g, '$1').split(CLAUSE_SPLIT);
  for (const clause of clauses) {
    if (!/\d|件/.test(clause)) continue;
    const found: { value: number; decimals: number; unit: string; start: number; end: number }[] = [];
    NUMBER.lastIndex = 0;
    for (let m = NUMBER.exec(clause); m; m = NUMBER.exec(clause)) {
      const raw = m[1]!;
      const value = /\d/.test(raw) ? Number(raw) : chineseNumber(raw);
      if (Number.isNaN(value)) continue;
      const decimals = raw.includes('.') ? raw.length - raw.indexOf('.') - 1 : 0;
      found.push({ value, decimals, unit: m[2] ?? '', start: m.index, end: m.index + m[0].length });
    }
    found.forEach((f, i) => {
      const before = clause.slice(i === 0 ? 0 : found[i - 1]!.end, f.start);
      const after = clause.slice(f.end, i + 1 < found.length ? found[i + 1]!.start : clause.length);
      out.push({ value: f.value, decimals: f.decimals, unit: f.unit, before, after, clause });
    });
  }
  return out;
}

/** The claim a stated number makes, if any. */
export function classify(n: StatedNumber): ClaimDef | undefined {
  if (APPROX_BEFORE.test(n.before) || APPROX_AFTER.test(n.after)) return undefined;
  let first: ClaimDef | undefined;
  for (const c of CLAIMS) {
    if (!c.units.includes(n.unit)) continue;
    const beforeOk =
      c.before !== undefined && c.before.test(n.before) && (!c.requires || c.requires.test(n.before)) && !(c.excludes?.test(n.before) ?? false);
    const afterOk = c.after !== undefined && c.after.test(n.after) && !(c.excludes?.test(n.before) ?? false);
    if (!beforeOk && !afterOk) continue;
    if (!first) first = c;
    else if (c.group !== first.group) return undefined; // two quantities named before one number
  }
  return first;
}

const otherYear = (clause: string, year: number): boolean => {
  for (const m of clause.matchAll(/(\d{4})年/g)) if (Number(m[1]) !== year) return true;
  return false;
};

/** The sum of the cells, or undefined while one is unfilled. */
function cellSum(ctx: CheckContext, ids: readonly string[]): number | undefined {
  let s = 0;
  for (const id of ids) {
    const v = ctx.eff[id];
    if (v === undefined) return undefined;
    s += v;
  }
  return s;
}

/**
 * Error or warning: a warning when the clause names another scope, and for 表三/表四 quantities
 * when neither the clause nor the field ties the sentence to 政府信息公开.
 */
function severityOf(year: number, rule: string, group: string, clause: string, field: string): 'error' | 'warning' {
  if (rule !== 'X-1') return 'warning';
  if (SCOPE_MARKERS.test(clause) || otherYear(clause, year)) return 'warning';
  const lead = SUBJECT_BOUND[group];
  if (lead !== undefined && field !== lead && !DISCLOSURE_SUBJECT.test(clause)) return 'warning';
  return 'error';
}

/** A claim found in one narrative field, before it is compared with the table. */
interface ParsedClaim {
  readonly id: string;
  readonly rule: string;
  readonly label: string;
  readonly sums: readonly (readonly string[])[];
  readonly cells: readonly string[];
  readonly value: number;
  readonly tolerance: number;
  readonly severity: 'error' | 'warning';
  /** Message up to the table value: “…”第N段写“…”，与<label>. */
  readonly lead: string;
  readonly hint: string;
  readonly zero: boolean;
  readonly paragraph: number;
  readonly excerpt: string;
}

/** Every claim a field's text makes (depends on the text, the field and the year only). */
function parseField(text: string, textKey: string, heading: string, year: number): ParsedClaim[] {
  const out: ParsedClaim[] = [];
  // Ids name the field, the quantity and the number stated, not the paragraph, so that a
  // written explanation stays with its finding when paragraphs are added above it.
  const seen = new Map<string, number>();
  const idFor = (base: string): string => {
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  };
  splitParagraphs(text).forEach((p, paragraph) => {
    for (const n of statedNumbers(p.text)) {
      const claim = classify(n);
      if (!claim) continue;
      const severity = severityOf(year, claim.rule, claim.group, n.clause, textKey);
      out.push({
        id: idFor(`${claim.rule}:${textKey}:${claim.key}:${num(n.value)}`),
        rule: claim.rule,
        label: claim.label,
        sums: claim.sums,
        cells: claim.sums[0]!,
        value: n.value,
        // Money is read as rounded to the decimals written (435.53万元 ≈ 435.532).
        tolerance: claim.units.includes('万元') ? 0.5 * 10 ** -n.decimals + 1e-9 : 1e-9,
        severity,
        lead: `“${heading}”第${paragraph + 1}段写“${`${n.before}${num(n.value)}${n.unit}`.trim()}”，与${claim.label}`,
        hint: severity === 'warning' && claim.rule === 'X-1' ? '（这句话的统计范围可能不同，请核对）' : '',
        zero: false,
        paragraph,
        excerpt: n.clause.trim(),
      });
    }
    // “全年未收到政府信息公开申请” while the table has applications.
    for (const sentence of p.text.split(/[。；;！!？?\n]/)) {
      for (const z of ZERO_CLAIMS) {
        if (!z.re.test(sentence)) continue;
        const bound = severityOf(year, 'X-1', z.key === 'new' ? 'new' : 'rev', sentence, textKey) === 'error' || textKey === z.lead;
        out.push({
          id: idFor(`X-1:${textKey}:${z.key}:none`),
          rule: 'X-1',
          label: z.label,
          sums: [z.sums],
          cells: z.sums,
          value: 0,
          tolerance: 1e-9,
          severity: bound ? 'error' : 'warning',
          lead: `“${heading}”第${paragraph + 1}段写“${sentence.trim()}”，但${z.label}为`,
          hint: '',
          zero: true,
          paragraph,
          excerpt: sentence.trim(),
        });
      }
    }
  });
  return out;
}

/** The claims of one section's text (the tag names the section and the year). */
const parsed = textMemo((tag: string, text: string) => {
  const [textKey, heading, year] = tag.split('\u0001') as [string, string, string];
  return parseField(text, textKey, heading, Number(year));
});

export function textVsTableRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const section of FORMAT.sections) {
    const text = ctx.doc.text[section.textKey];
    if (!text) continue;
    for (const c of parsed(`${section.textKey}\u0001${section.heading}\u0001${ctx.doc.year}`, text)) {
      const totals = c.sums.map((ids) => cellSum(ctx, ids)).filter((t): t is number => t !== undefined);
      if (totals.length === 0) continue;
      if (c.zero ? totals[0] === 0 : totals.some((t) => Math.abs(t - c.value) <= c.tolerance)) continue;
      out.push({
        id: c.id,
        rule: c.rule,
        severity: c.severity,
        cells: c.cells,
        message: c.zero ? `${c.lead}${num(totals[0]!)}。` : `${c.lead}（${num(totals[0]!)}）不一致${c.hint}。`,
        expected: totals[0]!,
        actual: c.value,
        section: section.key,
        text: { key: section.textKey, paragraph: c.paragraph, excerpt: c.excerpt },
      });
    }
  }
  return out;
}
