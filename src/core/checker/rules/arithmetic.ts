/**
 * Arithmetic, driven by the sums and balances of the format data: row totals (T3-3), 办理结果
 * 总计 (T3-2), 表四 group totals (T4-1) and the official cross-check (T3-1). A rule is checked
 * where all its cells have values; unfilled cells are reported by V-1 instead.
 */
import { FORMAT, type AxisEntry, type TableBlock, type TableDef } from '../../format';
import { num, type CheckContext } from '../context';
import type { Finding } from '../types';

const MAX_LISTED_PARTS = 6;

interface Term {
  readonly id: string;
  readonly label: string;
}

function values(ctx: CheckContext, terms: readonly Term[]): number[] | undefined {
  const out: number[] = [];
  for (const t of terms) {
    const v = ctx.eff[t.id];
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const listTerms = (terms: readonly Term[], vals: readonly number[]): string =>
  terms.map((t, i) => `${t.label}(${num(vals[i]!)})`).join('+');

const innermost = (e: AxisEntry): string => e.path[e.path.length - 1] ?? e.short;

function sumFindings(ctx: CheckContext, table: TableDef, block: TableBlock): Finding[] {
  const out: Finding[] = [];
  const rowBy = new Map(block.rows.map((r) => [r.key, r]));
  const colBy = new Map(block.columns.map((c) => [c.key, c]));
  for (const s of block.sums ?? []) {
    const lines = s.along === 'row' ? block.rows : block.columns;
    for (const line of lines) {
      const at = (k: string): string =>
        s.along === 'row' ? block.cellId(line, colBy.get(k)!) : block.cellId(rowBy.get(k)!, line);
      const label = (k: string): string => (s.along === 'row' ? innermost(colBy.get(k)!) : rowBy.get(k)!.short);
      const parts: Term[] = s.parts.map((k) => ({ id: at(k), label: label(k) }));
      const target: Term = { id: at(s.target), label: s.along === 'row' ? colBy.get(s.target)!.short : innermost(rowBy.get(s.target)!) };
      const pv = values(ctx, parts);
      const tv = ctx.eff[target.id];
      if (!pv || tv === undefined) continue;
      const total = sum(pv);
      if (total === tv) continue;
      const where =
        table.id === 't4'
          ? `${table.name}`
          : s.along === 'row'
            ? `${table.name}“${line.path.length >= 3 ? line.path.slice(-2).join(' ') : innermost(line)}”行`
            : `${table.name}“${innermost(line)}”列`;
      const detail =
        parts.length <= MAX_LISTED_PARTS
          ? `${listTerms(parts, pv)}=${num(total)}`
          : `“${parts[0]!.label}”至“${parts[parts.length - 1]!.label}”各项之和为${num(total)}`;
      out.push({
        id: `${s.rule}:${table.id}:${s.along === 'row' ? line.key : line.key}:${s.target}`,
        rule: s.rule,
        severity: 'error',
        cells: [target.id, ...parts.map((p) => p.id)],
        message: `${where}：${detail}，但“${target.label}”为${num(tv)}。`,
        expected: total,
        actual: tv,
        section: table.section,
      });
    }
  }
  return out;
}

function balanceFindings(ctx: CheckContext, table: TableDef, block: TableBlock): Finding[] {
  const out: Finding[] = [];
  const rowBy = new Map(block.rows.map((r) => [r.key, r]));
  for (const b of block.balances ?? []) {
    for (const col of block.columns) {
      const terms = (keys: readonly string[]): Term[] =>
        keys.map((k) => ({ id: block.cellId(rowBy.get(k)!, col), label: rowBy.get(k)!.short }));
      const left = terms(b.left);
      const right = terms(b.right);
      const lv = values(ctx, left);
      const rv = values(ctx, right);
      if (!lv || !rv) continue;
      const l = sum(lv);
      const r = sum(rv);
      if (l === r) continue;
      out.push({
        id: `${b.rule}:${col.key}`,
        rule: b.rule,
        severity: 'error',
        cells: [...left, ...right].map((t) => t.id),
        message: `“${innermost(col)}”列：${listTerms(left, lv)}应等于${listTerms(right, rv)}，现在左边是${num(l)}，右边是${num(r)}，相差${num(Math.abs(l - r))}。`,
        expected: l,
        actual: r,
        section: table.section,
      });
    }
  }
  return out;
}

export function arithmeticRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const table of FORMAT.tables) {
    for (const block of table.blocks) {
      out.push(...balanceFindings(ctx, table, block), ...sumFindings(ctx, table, block));
    }
  }
  return out;
}
