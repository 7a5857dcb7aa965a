/**
 * Last year: the year itself (P-1), 上年结转 carried over (T3-4), 现行有效 continuity (T2-2) and
 * 本年废止 bounds (T2-3).
 */
import { T3_APPLICANT_COLUMNS, T3_TOTAL_COLUMN } from '../../format';
import { num, type CheckContext } from '../context';
import type { Finding } from '../types';

const DOC_KINDS = [
  { key: 'rules', name: '规章' },
  { key: 'norms', name: '行政规范性文件' },
] as const;

export function lastYearRules(ctx: CheckContext): Finding[] {
  const prev = ctx.previous;
  const pe = ctx.prevEff;
  if (!prev || !pe) return [];
  const out: Finding[] = [];
  const year = ctx.doc.year;
  if (prev.year !== year - 1) {
    out.push({
      id: 'P-1',
      rule: 'P-1',
      severity: 'warning',
      cells: [],
      message: `用于比对的上年报告是${prev.year}年的，不是${year - 1}年的，跨年度核对已跳过。`,
      expected: year - 1,
      actual: prev.year,
      section: 'basic',
    });
    return out;
  }
  for (const col of [...T3_APPLICANT_COLUMNS, T3_TOTAL_COLUMN]) {
    const cur = ctx.eff[`a.carried.${col.key}`];
    const last = pe[`a.next.${col.key}`];
    if (cur === undefined || last === undefined || cur === last) continue;
    out.push({
      id: `T3-4:${col.key}`,
      rule: 'T3-4',
      severity: 'error',
      cells: [`a.carried.${col.key}`],
      message: `“${col.path[col.path.length - 1]}”列：本年“二、上年结转政府信息公开申请数量”为${num(cur)}，但${prev.year}年报告“四、结转下年度继续办理”为${num(last)}，两者应相等。`,
      expected: last,
      actual: cur,
      section: 'applications',
    });
  }
  for (const k of DOC_KINDS) {
    const issued = ctx.eff[`p.${k.key}.issued`];
    const repealed = ctx.eff[`p.${k.key}.repealed`];
    const valid = ctx.eff[`p.${k.key}.valid`];
    const lastValid = pe[`p.${k.key}.valid`];
    if (issued === undefined || repealed === undefined || lastValid === undefined) continue;
    if (valid !== undefined) {
      const expected = lastValid + issued - repealed;
      if (expected !== valid) {
        out.push({
          id: `T2-2:${k.key}`,
          rule: 'T2-2',
          severity: 'warning',
          cells: [`p.${k.key}.valid`, `p.${k.key}.issued`, `p.${k.key}.repealed`],
          message: `${k.name}：${prev.year}年现行有效${num(lastValid)}件+本年制发${num(issued)}件−本年废止${num(repealed)}件=${num(expected)}件，但本年现行有效填的是${num(valid)}件。如有文件因有效期届满失效等原因，请写出错说明。`,
          expected,
          actual: valid,
          section: 'proactive',
        });
      }
    }
    if (repealed > lastValid + issued) {
      out.push({
        id: `T2-3:${k.key}`,
        rule: 'T2-3',
        severity: 'warning',
        cells: [`p.${k.key}.repealed`, `p.${k.key}.issued`],
        message: `${k.name}：本年废止${num(repealed)}件，超过了${prev.year}年现行有效${num(lastValid)}件与本年制发${num(issued)}件之和（${num(lastValid + issued)}件）。`,
        expected: lastValid + issued,
        actual: repealed,
        section: 'proactive',
      });
    }
  }
  return out;
}
