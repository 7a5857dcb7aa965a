/**
 * Domain knowledge: who may make 规章 (T2-4) and fees that look like 元 instead of 万元 (T2-5).
 */
import { num, type CheckContext } from '../context';
import type { Finding } from '../types';

const RULE_CELLS = ['p.rules.issued', 'p.rules.repealed', 'p.rules.valid'] as const;
/** 10亿元 in 万元: far above any county-level unit's fee income. */
const FEE_SUSPICIOUS_WAN = 100_000;

export function domainRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const level = ctx.doc.unit.level;
  const local = level === 'county' || level === 'township';
  if (local) {
    const nonZero = RULE_CELLS.filter((id) => (ctx.eff[id] ?? 0) > 0);
    if (nonZero.length > 0) {
      out.push({
        id: 'T2-4',
        rule: 'T2-4',
        severity: 'warning',
        cells: nonZero,
        message: `县级及以下单位无权制定规章（只有省级和设区的市级人民政府可以），表二“规章”行应为0，现有${nonZero.length}格不为0；行政规范性文件请填在“行政规范性文件”行。`,
        section: 'proactive',
      });
    }
    const fee = ctx.eff['p.fees'];
    if (fee !== undefined && fee >= FEE_SUSPICIOUS_WAN) {
      out.push({
        id: 'T2-5',
        rule: 'T2-5',
        severity: 'warning',
        cells: ['p.fees'],
        message: `表二“行政事业性收费”为${num(fee)}万元（即${num(fee / 10000)}亿元），对县级及以下单位来说过大，请确认是否误按“元”填写（单位应为万元）。`,
        actual: fee,
        section: 'proactive',
      });
    }
  }
  return out;
}
