/**
 * Arithmetic, driven by the sums and balances of the format data: row totals (T3-3), 办理结果
 * 总计 (T3-2), 表四 group totals (T4-1) and the official cross-check (T3-1). A rule is checked
 * where all its cells have values; unfilled cells are reported by V-1 instead.
 *
 * The equations are compiled once from the format data; a check only reads values.
 */
import { FORMAT, type AxisEntry, type SectionKey } from '../../format';
import { num, type CheckContext } from '../context';
import type { Finding } from '../types';

const MAX_LISTED_PARTS = 6;

interface Term {
  readonly id: string;
  readonly label: string;
}

/** One equation: sum(left) must equal sum(right). */
interface Equation {
  readonly id: string;
  readonly rule: string;
  readonly section: SectionKey;
  readonly kind: 'sum' | 'balance';
  /** For sums: where (表三“…”行); for balances: the column name. */
  readonly where: string;
  readonly left: readonly Term[];
  readonly right: readonly Term[];
}

const innermost = (e: AxisEntry): string => e.path[e.path.length - 1] ?? e.short;
const rowTitle = (row: AxisEntry): string => (row.path.length >= 3 ? row.path.slice(-2).join(' ') : innermost(row));

function compile(): Equation[] {
  const out: Equation[] = [];
  for (const table of FORMAT.tables) {
    for (const block of table.blocks) {
      const rowBy = new Map(block.rows.map((r) => [r.key, r]));
      const colBy = new Map(block.columns.map((c) => [c.key, c]));
      for (const b of block.balances ?? []) {
        for (const col of block.columns) {
          const terms = (keys: readonly string[]): Term[] =>
            keys.map((k) => ({ id: block.cellId(rowBy.get(k)!, col), label: rowBy.get(k)!.short }));
          out.push({ id: `${b.rule}:${col.key}`, rule: b.rule, section: table.section, kind: 'balance', where: innermost(col), left: terms(b.left), right: terms(b.right) });
        }
      }
      for (const s of block.sums ?? []) {
        const lines = s.along === 'row' ? block.rows : block.columns;
        for (const line of lines) {
          const at = (k: string): string => (s.along === 'row' ? block.cellId(line, colBy.get(k)!) : block.cellId(rowBy.get(k)!, line));
          const label = (k: string): string => (s.along === 'row' ? innermost(colBy.get(k)!) : rowBy.get(k)!.short);
          const target: Term = { id: at(s.target), label: s.along === 'row' ? colBy.get(s.target)!.short : innermost(rowBy.get(s.target)!) };
          const where = table.id === 't4' ? table.name : s.along === 'row' ? `${table.name}“${rowTitle(line)}”行` : `${table.name}“${innermost(line)}”列`;
          out.push({
            id: `${s.rule}:${table.id}:${line.key}:${s.target}`,
            rule: s.rule,
            section: table.section,
            kind: 'sum',
            where,
            left: s.parts.map((k) => ({ id: at(k), label: label(k) })),
            right: [target],
          });
        }
      }
    }
  }
  return out;
}

const EQUATIONS = compile();

/** Sum of the terms' values, or undefined while one is unfilled. */
function total(eff: Readonly<Record<string, number>>, terms: readonly Term[]): number | undefined {
  let s = 0;
  for (const t of terms) {
    const v = eff[t.id];
    if (v === undefined) return undefined;
    s += v;
  }
  return s;
}

const listTerms = (eff: Readonly<Record<string, number>>, terms: readonly Term[]): string =>
  terms.map((t) => `${t.label}(${num(eff[t.id]!)})`).join('+');

export function arithmeticRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const eff = ctx.eff;
  for (const e of EQUATIONS) {
    const l = total(eff, e.left);
    if (l === undefined) continue;
    const r = total(eff, e.right);
    if (r === undefined || l === r) continue;
    if (e.kind === 'balance') {
      out.push({
        id: e.id,
        rule: e.rule,
        severity: 'error',
        cells: [...e.left, ...e.right].map((t) => t.id),
        message: `“${e.where}”列：${listTerms(eff, e.left)}应等于${listTerms(eff, e.right)}，现在左边是${num(l)}，右边是${num(r)}，相差${num(Math.abs(l - r))}。`,
        expected: l,
        actual: r,
        section: e.section,
      });
    } else {
      const target = e.right[0]!;
      const parts = e.left;
      const detail =
        parts.length <= MAX_LISTED_PARTS
          ? `${listTerms(eff, parts)}=${num(l)}`
          : `“${parts[0]!.label}”至“${parts[parts.length - 1]!.label}”各项之和为${num(l)}`;
      out.push({
        id: e.id,
        rule: e.rule,
        severity: 'error',
        cells: [target.id, ...parts.map((p) => p.id)],
        message: `${e.where}：${detail}，但“${target.label}”为${num(r)}。`,
        expected: l,
        actual: r,
        section: e.section,
      });
    }
  }
  return out;
}
