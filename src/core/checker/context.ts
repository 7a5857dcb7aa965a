/**
 * What every rule sees: the document, its effective cell values, last year's report when given,
 * and helpers that name cells the way a clerk reads them.
 */
import { effectiveCells } from '../document/cells';
import type { PreviousReport, ReportDocument } from '../document/types';
import { CELLS, tableById, type CellDef } from '../format';
import type { Finding, Severity } from './types';

export interface CheckContext {
  readonly doc: ReportDocument;
  /** Typed values, and computed totals where none were typed. */
  readonly eff: Readonly<Record<string, number>>;
  readonly previous?: PreviousReport;
  readonly prevEff?: Readonly<Record<string, number>>;
}

export function makeContext(doc: ReportDocument, previous?: PreviousReport): CheckContext {
  // effectiveCells remembers its result per cells object: last year's are computed once.
  const eff = effectiveCells(doc.cells);
  return previous ? { doc, eff, previous, prevEff: effectiveCells(previous.cells) } : { doc, eff };
}

export const cellDef = (id: string): CellDef => {
  const d = CELLS.byId.get(id);
  if (!d) throw new Error(`unknown cell ${id}`);
  return d;
};

/** “表三“（一）予以公开”行“自然人”列” — how a message points at one cell. */
export function cellPlace(id: string): string {
  const d = cellDef(id);
  const t = tableById(d.table);
  if (d.table === 't4') return `${t.name}“${d.colName}”`;
  const single = t.blocks[d.block]!.columns.length === 1;
  return single ? `${t.name}“${d.rowName}”` : `${t.name}“${d.rowName}”行“${d.colName}”列`;
}

/** Format a number for a message: integers plainly, money without float noise. */
export const num = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6))));

export function finding(
  f: Omit<Finding, 'severity'> & { severity: Severity },
): Finding {
  return f;
}
