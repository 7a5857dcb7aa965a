/**
 * The navigation model of a printed table: its value cells addressed by (vr, vc) — the index of
 * the grid row among rows that hold value cells, and the index of the cell within that row —
 * with their grid columns, so arrows can move between blocks of different widths (表二).
 */
import { CELLS, tableById, tableGrid, type CellKind, type Grid, type TableId } from '../../../../core/format';

export interface ValueCell {
  readonly id: string;
  readonly vr: number;
  readonly vc: number;
  /** First and last grid column covered. */
  readonly c0: number;
  readonly c1: number;
  readonly derived: boolean;
  readonly kind: CellKind;
  /** Row and column labels as printed, outermost first, for the status line and titles. */
  readonly rowLabel: string;
  readonly colLabel: string;
  /** Tooltip: where the cell is, and that a total is computed. */
  readonly title: string;
}

export interface GridModel {
  readonly tableId: TableId;
  readonly grid: Grid;
  readonly rows: readonly (readonly ValueCell[])[];
  readonly byId: ReadonlyMap<string, ValueCell>;
  /** Entered cells in reading order (Tab order). */
  readonly entered: readonly ValueCell[];
  /** Pixel widths of the grid columns on screen. */
  readonly widths: readonly number[];
}

/** Screen column widths (px), chosen so each table fits 1366×768 beside the panels. */
const WIDTHS: Record<TableId, readonly number[]> = {
  t2: [230, 150, 150, 150],
  t3: [34, 96, 250, 66, 66, 66, 66, 66, 66, 66],
  t4: Array.from({ length: 15 }, () => 56),
};

const cache = new Map<TableId, GridModel>();

export function gridModel(tableId: TableId): GridModel {
  const hit = cache.get(tableId);
  if (hit) return hit;
  const grid = tableGrid(tableById(tableId));
  // Column labels without a prefix every column shares (表三: 申请人情况).
  const colPaths = tableById(tableId).blocks.flatMap((b) => b.columns.map((c) => c.path));
  let shared = 0;
  while (colPaths.length > 1 && colPaths.every((p) => p.length > shared + 1 && p[shared] === colPaths[0]![shared])) shared++;
  const rows: ValueCell[][] = [];
  for (const row of grid.rows) {
    const values = row.cells.filter((c) => c.type === 'value');
    if (values.length === 0) continue;
    const vr = rows.length;
    rows.push(
      values.map((c, vc) => {
        const def = CELLS.byId.get(c.id)!;
        const rowPath = def.row.path;
        const rowLabel = rowPath.length ? rowPath.join(' ') : tableById(tableId).name;
        const colLabel = def.col.path.slice(shared).join(' ');
        return {
          id: c.id,
          vr,
          vc,
          c0: c.c,
          c1: c.c + c.colSpan - 1,
          derived: def.sumOf !== undefined,
          kind: def.kind,
          rowLabel,
          colLabel,
          title: `${rowLabel} ／ ${colLabel}${def.sumOf ? '（自动计算）' : ''}`,
        };
      }),
    );
  }
  const byId = new Map<string, ValueCell>();
  for (const r of rows) for (const c of r) byId.set(c.id, c);
  const model: GridModel = {
    tableId,
    grid,
    rows,
    byId,
    entered: rows.flat().filter((c) => !c.derived),
    widths: WIDTHS[tableId],
  };
  cache.set(tableId, model);
  return model;
}

/** The cell of row `vr` covering grid column `col` (or the nearest one). */
export function cellInRow(model: GridModel, vr: number, col: number): ValueCell | undefined {
  const row = model.rows[vr];
  if (!row) return undefined;
  return row.find((c) => c.c0 <= col && col <= c.c1) ?? row.reduce((best, c) => (Math.abs(c.c0 - col) < Math.abs(best.c0 - col) ? c : best));
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/** The neighbour of a cell, or the cell itself at an edge. */
export function move(model: GridModel, from: ValueCell, dir: Direction, opts: { skipDerived?: boolean; col?: number } = {}): ValueCell {
  const col = opts.col ?? from.c0;
  if (dir === 'left' || dir === 'right') {
    const row = model.rows[from.vr]!;
    let vc = from.vc;
    for (;;) {
      vc += dir === 'right' ? 1 : -1;
      const c = row[vc];
      if (!c) return from;
      if (!opts.skipDerived || !c.derived) return c;
    }
  }
  let vr = from.vr;
  for (;;) {
    vr += dir === 'down' ? 1 : -1;
    const c = cellInRow(model, vr, col);
    if (!c) return from;
    if (!opts.skipDerived || !c.derived) return c;
  }
}

/** Next or previous entered cell in reading order (Tab, Shift+Tab), wrapping rows. */
export function tabFrom(model: GridModel, from: ValueCell, back: boolean): ValueCell {
  const all = model.rows.flat();
  const pos = all.indexOf(from);
  const step = back ? -1 : 1;
  for (let i = pos + step; i >= 0 && i < all.length; i += step) {
    if (!all[i]!.derived) return all[i]!;
  }
  return from;
}

/** The cell at (vr, vc), if any. */
export const cellAt = (model: GridModel, vr: number, vc: number): ValueCell | undefined => model.rows[vr]?.[vc];
