/**
 * Cell arithmetic on documents: derived totals, editing a cell, and starting from last year.
 */
import { CELLS, T3_APPLICANT_COLUMNS, type CellDef } from '../format';
import type { Cells, ReportDocument, Unit } from './types';
import { CURRENT_SCHEMA_VERSION, DOCUMENT_FORMAT } from './types';

/** Sum of the parts of a derived cell, or undefined while any part is unfilled. */
function sumParts(values: Readonly<Record<string, number>>, parts: readonly string[]): number | undefined {
  let s = 0;
  for (const p of parts) {
    const v = values[p];
    if (v === undefined) return undefined;
    s += v;
  }
  return s;
}

const effectiveMemo = new WeakMap<Cells, Readonly<Record<string, number>>>();

/**
 * The values a reader sees: typed values as they are, and every absent derived cell computed
 * from its parts (absent while a part is unfilled).
 *
 * Remembered per cells object (a document's cells are never changed in place: an edit makes a new
 * object), so the editor and the checker, which both ask on every keystroke, compute it once.
 * When no total is missing (setCell keeps them), it is the cells object itself: not copied.
 */
export function effectiveCells(cells: Cells): Readonly<Record<string, number>> {
  const known = effectiveMemo.get(cells);
  if (known) return known;
  let out: Record<string, number> | undefined;
  for (const d of CELLS.derived) {
    const values = out ?? cells;
    if (values[d.id] !== undefined) continue;
    const v = sumParts(values, d.sumOf!);
    if (v === undefined) continue;
    out ??= { ...cells };
    out[d.id] = v;
  }
  const result = out ?? cells;
  effectiveMemo.set(cells, result);
  return result;
}

/** Every derived cell recomputed from the entered cells (typed totals are replaced). */
export function withDerivedCells(cells: Cells): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of CELLS.entered) if (cells[c.id] !== undefined) out[c.id] = cells[c.id]!;
  for (const d of CELLS.derived) {
    const v = sumParts(out, d.sumOf!);
    if (v !== undefined) out[d.id] = v;
  }
  return out;
}

/**
 * For each entered cell, the sums that depend on it, directly or through another sum, parts
 * before the sums that use them. Computed once from the format data: an edit recomputes these
 * and nothing else.
 */
const DEPENDENT_SUMS: ReadonlyMap<string, readonly CellDef[]> = (() => {
  const out = new Map<string, CellDef[]>();
  for (const c of CELLS.entered) {
    const changed = new Set([c.id]);
    const sums: CellDef[] = [];
    for (const d of CELLS.derived) {
      if (!d.sumOf!.some((p) => changed.has(p))) continue;
      sums.push(d);
      changed.add(d.id);
    }
    out.set(c.id, sums);
  }
  return out;
})();

/**
 * The cells whose value an edit of `id` can change: the cell itself and the totals made from it
 * (directly or through another total).
 */
export function cellsAffectedBy(id: string): readonly string[] {
  return AFFECTED.get(id) ?? [id];
}

const AFFECTED: ReadonlyMap<string, readonly string[]> = new Map([...DEPENDENT_SUMS].map(([id, sums]) => [id, [id, ...sums.map((d) => d.id)]]));

/**
 * Set (or clear, with undefined) one entered cell and recompute the totals that depend on it.
 * Derived cells cannot be set: they are computed.
 */
export function setCell(cells: Cells, id: string, value: number | undefined): Record<string, number> {
  const def = CELLS.byId.get(id);
  if (!def) throw new Error(`unknown cell ${id}`);
  if (def.sumOf) throw new Error(`cell ${id} is a total and is computed`);
  const out: Record<string, number> = { ...cells };
  if (value === undefined) delete out[id];
  else out[id] = value;
  for (const d of DEPENDENT_SUMS.get(id)!) {
    const v = sumParts(out, d.sumOf!);
    if (v === undefined) delete out[d.id];
    else out[d.id] = v;
  }
  return out;
}

/** A new, empty report. */
export function blankDocument(unit: Unit, year: number): ReportDocument {
  return {
    format: DOCUMENT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    formatVersion: '2021',
    unit,
    year,
    cells: {},
    text: { overview: '', proactive: '', applications: '', review: '', problems: '', other: '' },
  };
}

/** Cells carried from last year: 上年结转 = last year's 结转下年度, and 现行有效 as a starting point. */
export const CARRY_OVER: readonly { readonly from: string; readonly to: string }[] = [
  ...[...T3_APPLICANT_COLUMNS].map((c) => ({ from: `a.next.${c.key}`, to: `a.carried.${c.key}` })),
  { from: 'p.rules.valid', to: 'p.rules.valid' },
  { from: 'p.norms.valid', to: 'p.norms.valid' },
];

/**
 * Start next year's report from last year's: the unit and contact carry over, 上年结转 is set
 * from last year's 结转下年度 in every column, 现行有效 starts from last year's, and last
 * year's cells and text are kept for the cross-year checks and for reference.
 */
export function documentFromPrevious(prev: ReportDocument, year = prev.year + 1): ReportDocument {
  const last = effectiveCells(prev.cells);
  let cells: Record<string, number> = {};
  for (const { from, to } of CARRY_OVER) {
    const v = last[from];
    if (v !== undefined) cells = setCell(cells, to, v);
  }
  const base = blankDocument(prev.unit, year);
  return {
    ...base,
    cells,
    ...(prev.contact ? { contact: prev.contact } : {}),
    lastYear: { year: prev.year, cells: last, text: prev.text },
  };
}
