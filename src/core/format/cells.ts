/**
 * The cell registry: every numeric cell of a format, computed once from the table data.
 */
import type { AxisEntry, CellDef, ReportFormat, TableBlock, TableDef, TableId } from './types';

export interface CellRegistry {
  readonly format: ReportFormat;
  /** Every cell in printed order (表二, 表三, 表四; row by row). */
  readonly all: readonly CellDef[];
  readonly byId: ReadonlyMap<string, CellDef>;
  /** Cells a person types in. */
  readonly entered: readonly CellDef[];
  /** Sum cells, ordered so that every part comes before the sum that uses it. */
  readonly derived: readonly CellDef[];
  readonly table: (id: TableId) => TableDef;
  /** Cell id of a (row key, column key) pair within a block. */
  readonly idAt: (block: TableBlock, rowKey: string, colKey: string) => string;
}

/** How a reader names a row: the innermost two labels below the top level, or the only label. */
function rowName(row: AxisEntry): string {
  if (row.path.length === 0) return '';
  if (row.path.length >= 3) return row.path.slice(-2).join(' ');
  return row.path[row.path.length - 1] ?? '';
}

/** How a reader names a column: its innermost label, prefixed by group labels when ambiguous. */
function colName(table: TableDef, col: AxisEntry): string {
  if (table.id === 't4') return col.short;
  return col.path[col.path.length - 1] ?? '';
}

export function buildRegistry(format: ReportFormat): CellRegistry {
  const all: CellDef[] = [];
  const byId = new Map<string, CellDef>();
  const sumOf = new Map<string, string[]>();

  for (const table of format.tables) {
    table.blocks.forEach((block, blockIndex) => {
      const rowByKey = new Map(block.rows.map((r) => [r.key, r]));
      const colByKey = new Map(block.columns.map((c) => [c.key, c]));
      const id = (r: string, c: string): string => {
        const row = rowByKey.get(r);
        const col = colByKey.get(c);
        if (!row || !col) throw new Error(`format ${format.id}: unknown row ${r} or column ${c}`);
        return block.cellId(row, col);
      };
      // Sums: the first rule that targets a cell defines how it is derived.
      for (const sum of block.sums ?? []) {
        if (sum.along === 'row') {
          for (const row of block.rows) {
            const target = id(row.key, sum.target);
            if (!sumOf.has(target)) sumOf.set(target, sum.parts.map((p) => id(row.key, p)));
          }
        } else {
          for (const col of block.columns) {
            const target = id(sum.target, col.key);
            if (!sumOf.has(target)) sumOf.set(target, sum.parts.map((p) => id(p, col.key)));
          }
        }
      }
      for (const row of block.rows) {
        for (const col of block.columns) {
          const cellId = block.cellId(row, col);
          if (byId.has(cellId)) throw new Error(`format ${format.id}: duplicate cell id ${cellId}`);
          const def: CellDef = {
            id: cellId,
            table: table.id,
            block: blockIndex,
            row,
            col,
            rowName: rowName(row),
            colName: colName(table, col),
            kind: cellId === 'p.fees' || col.key === 'amount' ? 'money' : 'count',
          };
          all.push(def);
          byId.set(cellId, def);
        }
      }
    });
  }

  // Attach sums and order derived cells topologically.
  const withSums = all.map((c) => {
    const parts = sumOf.get(c.id);
    return parts ? { ...c, sumOf: parts } : c;
  });
  const finalById = new Map(withSums.map((c) => [c.id, c]));
  const derived: CellDef[] = [];
  const placed = new Set<string>();
  const place = (c: CellDef): void => {
    if (placed.has(c.id) || !c.sumOf) return;
    for (const p of c.sumOf) {
      const part = finalById.get(p);
      if (part) place(part);
    }
    placed.add(c.id);
    derived.push(c);
  };
  withSums.forEach(place);

  const tables = new Map(format.tables.map((t) => [t.id, t]));
  return {
    format,
    all: withSums,
    byId: finalById,
    entered: withSums.filter((c) => !c.sumOf),
    derived,
    table: (id) => {
      const t = tables.get(id);
      if (!t) throw new Error(`format ${format.id}: no table ${id}`);
      return t;
    },
    idAt: (block, rowKey, colKey) => {
      const row = block.rows.find((r) => r.key === rowKey);
      const col = block.columns.find((c) => c.key === colKey);
      if (!row || !col) throw new Error(`format ${format.id}: unknown row ${rowKey} or column ${colKey}`);
      return block.cellId(row, col);
    },
  };
}
