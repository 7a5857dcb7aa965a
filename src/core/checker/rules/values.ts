/**
 * Values: unfilled cells (V-1, grouped by row) and invalid numbers (T2-1, T3-5, T4-2).
 */
import { CELLS, tableById, type TableId } from '../../format';
import { cellPlace, num, type CheckContext } from '../context';
import type { Finding } from '../types';

const VALUE_RULE: Record<TableId, string> = { t2: 'T2-1', t3: 'T3-5', t4: 'T4-2' };

/** True when a money value has more than 4 decimals (tolerant to binary float noise). */
const tooManyDecimals = (v: number): boolean => Math.abs(v * 1e4 - Math.round(v * 1e4)) > 1e-6 * Math.max(1, Math.abs(v));

export function valueRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const unfilled = new Map<string, string[]>();
  for (const def of CELLS.all) {
    const v = ctx.doc.cells[def.id];
    const table = tableById(def.table);
    if (v === undefined) {
      if (def.sumOf) continue; // totals are computed
      const key = `${def.table}:${def.block}:${def.row.key}`;
      const list = unfilled.get(key) ?? [];
      list.push(def.id);
      unfilled.set(key, list);
      continue;
    }
    const rule = VALUE_RULE[def.table];
    let problem: string | undefined;
    if (def.kind === 'money') {
      if (v < 0) problem = '收费金额不能为负数';
      else if (tooManyDecimals(v)) problem = '收费金额（万元）最多保留4位小数';
    } else if (v < 0) problem = '件数不能为负数';
    else if (!Number.isInteger(v)) problem = '件数应为整数';
    if (problem) {
      out.push({
        id: `${rule}:${def.id}`,
        rule,
        severity: 'error',
        cells: [def.id],
        message: `${cellPlace(def.id)}填的是${num(v)}，${problem}。`,
        actual: v,
        section: table.section,
      });
    }
  }
  for (const [key, ids] of unfilled) {
    const first = CELLS.byId.get(ids[0]!)!;
    const table = tableById(first.table);
    const single = table.blocks[first.block]!.columns.length === 1;
    const where =
      first.table === 't4'
        ? `${table.name}有${ids.length}格未填写（${ids.map((id) => CELLS.byId.get(id)!.colName).join('、')}）`
        : single
          ? `${table.name}“${first.rowName}”未填写`
          : `${table.name}“${first.rowName}”行有${ids.length}格未填写（${ids.map((id) => CELLS.byId.get(id)!.colName).join('、')}）`;
    out.push({
      id: `V-1:${key}`,
      rule: 'V-1',
      severity: 'error',
      cells: ids,
      message: `${where}。没有数据请填0，空着不等于0。`,
      section: table.section,
    });
  }
  return out;
}
