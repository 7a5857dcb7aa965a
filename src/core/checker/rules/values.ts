/**
 * Values: unfilled cells (V-1, grouped by row) and invalid numbers (T2-1, T3-5, T4-2).
 */
import { CELLS, tableById, type CellDef, type TableId } from '../../format';
import { cellPlace, num, type CheckContext } from '../context';
import type { Finding } from '../types';

const VALUE_RULE: Record<TableId, string> = { t2: 'T2-1', t3: 'T3-5', t4: 'T4-2' };

/** True when a money value has more than 4 decimals (tolerant to binary float noise). */
const tooManyDecimals = (v: number): boolean => Math.abs(v * 1e4 - Math.round(v * 1e4)) > 1e-6 * Math.max(1, Math.abs(v));

/** A row of a table with the cells a person types in it: V-1 reports its unfilled ones together. */
interface TypedRow {
  readonly key: string;
  readonly cells: readonly CellDef[];
}

/** Every row with cells to type, in printed order (CELLS.all is row by row). Computed once. */
const TYPED_ROWS: readonly TypedRow[] = (() => {
  const byKey = new Map<string, CellDef[]>();
  for (const def of CELLS.all) {
    if (def.sumOf) continue; // totals are computed
    const key = `${def.table}:${def.block}:${def.row.key}`;
    const list = byKey.get(key);
    if (list) list.push(def);
    else byKey.set(key, [def]);
  }
  return [...byKey].map(([key, cells]) => ({ key, cells }));
})();

/**
 * The V-1 finding of each row as last reported: a row whose unfilled cells are the same as last
 * time gets the same finding object back (the live check runs on every keystroke, and in a blank
 * table most rows stay as they were; the app also tells an unchanged finding by its identity).
 */
const lastUnfilled = new Map<string, Finding>();

function unfilledFinding(row: TypedRow, ids: readonly string[]): Finding {
  const last = lastUnfilled.get(row.key);
  if (last && last.cells.length === ids.length && last.cells.every((id, i) => id === ids[i])) return last;
  const first = row.cells[0]!;
  const table = tableById(first.table);
  const single = table.blocks[first.block]!.columns.length === 1;
  const names = (): string => ids.map((id) => CELLS.byId.get(id)!.colName).join('、');
  const where =
    first.table === 't4'
      ? `${table.name}有${ids.length}格未填写（${names()}）`
      : single
        ? `${table.name}“${first.rowName}”未填写`
        : `${table.name}“${first.rowName}”行有${ids.length}格未填写（${names()}）`;
  const finding: Finding = {
    id: `V-1:${row.key}`,
    rule: 'V-1',
    severity: 'error',
    cells: ids,
    message: `${where}。没有数据请填0，空着不等于0。`,
    section: table.section,
  };
  lastUnfilled.set(row.key, finding);
  return finding;
}

export function valueRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const cells = ctx.doc.cells;
  for (const def of CELLS.all) {
    const v = cells[def.id];
    if (v === undefined) continue;
    let problem: string | undefined;
    if (def.kind === 'money') {
      if (v < 0) problem = '收费金额不能为负数';
      else if (tooManyDecimals(v)) problem = '收费金额（万元）最多保留4位小数';
    } else if (v < 0) problem = '件数不能为负数';
    else if (!Number.isInteger(v)) problem = '件数应为整数';
    if (problem) {
      const rule = VALUE_RULE[def.table];
      out.push({
        id: `${rule}:${def.id}`,
        rule,
        severity: 'error',
        cells: [def.id],
        message: `${cellPlace(def.id)}填的是${num(v)}，${problem}。`,
        actual: v,
        section: tableById(def.table).section,
      });
    }
  }
  for (const row of TYPED_ROWS) {
    let ids: string[] | undefined;
    for (const def of row.cells) if (cells[def.id] === undefined) (ids ??= []).push(def.id);
    if (ids) out.push(unfilledFinding(row, ids));
  }
  return out;
}
