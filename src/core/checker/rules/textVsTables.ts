/**
 * Text against tables: numbers the narrative states about table quantities must match
 * the cells. Approximations (5000余条) are not claims; a clause that names another scope makes an
 * X-1 mismatch a warning instead of an error.
 */
import { FORMAT } from '../../format';
import { splitParagraphs } from '../../text/paragraphs';
import { num, type CheckContext } from '../context';
import type { Finding } from '../types';
import { APPROX_AFTER, APPROX_BEFORE, CLAIMS, SCOPE_MARKERS, type ClaimDef } from './claims';

/** A number the text states, with its unit and surroundings inside its clause. */
export interface StatedNumber {
  readonly value: number;
  readonly unit: string;
  readonly before: string;
  readonly after: string;
  readonly clause: string;
}

const CLAUSE_SPLIT = /[，,。；;！!？?\n（）()]/;
const FULLWIDTH_DIGITS = /[０-９．]/g;
const NUMBER = /(\d+(?:[,，]\d{3})*(?:\.\d+)?)\s*(万元|元|件|项|个|条|次|%|％)?/g;

const halfWidth = (s: string): string =>
  s.replace(FULLWIDTH_DIGITS, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** Numbers stated in one paragraph, clause by clause. */
export function statedNumbers(paragraph: string): StatedNumber[] {
  const out: StatedNumber[] = [];
  const text = halfWidth(paragraph);
  // Split on clause punctuation, but keep thousands separators inside numbers.
  const clauses = text.replace(/(\d)[,，](\d{3})/g, '$1$2').split(CLAUSE_SPLIT);
  for (const clause of clauses) {
    if (!/\d/.test(clause)) continue;
    const found: { value: number; unit: string; start: number; end: number }[] = [];
    NUMBER.lastIndex = 0;
    for (let m = NUMBER.exec(clause); m; m = NUMBER.exec(clause)) {
      found.push({ value: Number(m[1]!.replace(/[,，]/g, '')), unit: m[2] ?? '', start: m.index, end: m.index + m[0].length });
    }
    found.forEach((f, i) => {
      const before = clause.slice(i === 0 ? 0 : found[i - 1]!.end, f.start);
      const after = clause.slice(f.end, i + 1 < found.length ? found[i + 1]!.start : clause.length);
      out.push({ value: f.value, unit: f.unit, before, after, clause });
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

export function textVsTableRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const section of FORMAT.sections) {
    const text = ctx.doc.text[section.textKey];
    if (!text) continue;
    splitParagraphs(text).forEach((p, paragraph) => {
      let index = 0;
      for (const n of statedNumbers(p.text)) {
        const claim = classify(n);
        if (!claim) continue;
        const totals: number[] = [];
        for (const ids of claim.sums) {
          let s = 0;
          let complete = true;
          for (const id of ids) {
            const v = ctx.eff[id];
            if (v === undefined) complete = false;
            else s += v;
          }
          if (complete) totals.push(s);
        }
        if (totals.length === 0) continue;
        if (totals.some((t) => Math.abs(t - n.value) < 1e-6)) continue;
        const scoped = SCOPE_MARKERS.test(n.clause) || otherYear(n.clause, ctx.doc.year);
        const severity = claim.rule === 'X-1' && !scoped ? 'error' : 'warning';
        const quote = `${n.before}${num(n.value)}${n.unit}`.trim();
        const hint = severity === 'warning' && claim.rule === 'X-1' ? '（这句话的统计范围可能不同，请核对）' : '';
        out.push({
          id: `${claim.rule}:${section.textKey}:${paragraph}:${claim.key}:${index++}`,
          rule: claim.rule,
          severity,
          cells: claim.sums[0]!,
          message: `“${section.heading}”第${paragraph + 1}段写“${quote}”，与${claim.label}（${num(totals[0]!)}）不一致${hint}。`,
          expected: totals[0]!,
          actual: n.value,
          section: section.key,
          text: { key: section.textKey, paragraph, excerpt: n.clause.trim() },
        });
      }
    });
  }
  return out;
}
