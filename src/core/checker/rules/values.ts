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

/** For each cell of CELLS.all (same order), the index of its row in TYPED_ROWS; -1 for a total. */
const ROW_OF: readonly number[] = (() => {
  const index = new Map<string, number>();
  TYPED_ROWS.forEach((row, i) => {
    for (const def of row.cells) index.set(def.id, i);
  });
  return CELLS.all.map((def) => index.get(def.id) ?? -1);
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
  // One pass over every cell (this runs on every keystroke): its value is checked, or, when it
  // is empty and typed, noted among its row's unfilled cells.
  const unfilled: (string[] | undefined)[] = [];
  const all = CELLS.all;
  for (let i = 0; i < all.length; i++) {
    const def = all[i]!;
    const v = cells[def.id];
    if (v === undefined) {
      const r = ROW_OF[i]!;
      if (r >= 0) (unfilled[r] ??= []).push(def.id);
      continue;
    }
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
  for (let r = 0; r < TYPED_ROWS.length; r++) {
    const ids = unfilled[r];
    if (ids) out.push(unfilledFinding(TYPED_ROWS[r]!, ids));
  }
  return out;
}
