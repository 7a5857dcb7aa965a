/**
 * The printed layout of a table as a grid of HTML-like rows: cells covered by a span are omitted.
 * The form, the DOCX table and the XLSX sheet all render this same grid.
 */
import type { TableBlock, TableDef } from './types';

export type GridCell =
  | {
      readonly type: 'label';
      /** caption: 表二 block caption; corner: top-left note; head: column header; row: row label. */
      readonly role: 'caption' | 'corner' | 'head' | 'row';
      readonly text: string;
      readonly rowSpan: number;
      readonly colSpan: number;
      /** Zero-based grid position of the top-left corner. */
      readonly r: number;
      readonly c: number;
    }
  | {
      readonly type: 'value';
      readonly id: string;
      readonly rowSpan: 1;
      readonly colSpan: number;
      readonly r: number;
      readonly c: number;
    };

export interface GridRow {
  /** Header rows repeat when a table breaks across pages. */
  readonly header: boolean;
  readonly cells: readonly GridCell[];
}

export interface Grid {
  readonly columns: number;
  readonly rows: readonly GridRow[];
  /** Number of leading rows that are the table header (repeated on every page). */
  readonly headerRows: number;
}

const sharesPrefix = (a: readonly string[], b: readonly string[], depth: number): boolean => {
  if (a.length <= depth || b.length <= depth) return false;
  for (let i = 0; i <= depth; i++) if (a[i] !== b[i]) return false;
  return true;
};

function blockRows(block: TableBlock, gridColumns: number, startRow: number, first: boolean): GridRow[] {
  const out: GridRow[] = [];
  let r = startRow;
  const L = block.rowLabelColumns;
  if (block.caption !== undefined) {
    out.push({
      header: false,
      cells: [{ type: 'label', role: 'caption', text: block.caption, rowSpan: 1, colSpan: gridColumns, r, c: 0 }],
    });
    r++;
  }
  const cols = block.columns;
  const H = Math.max(...cols.map((c) => c.path.length));
  const spans = cols.map((c) => c.span ?? 1);
  for (let h = 0; h < H; h++) {
    const cells: GridCell[] = [];
    if (h === 0 && L > 0) {
      cells.push({ type: 'label', role: 'corner', text: block.corner ?? '', rowSpan: H, colSpan: L, r, c: 0 });
    }
    let c = L;
    for (let i = 0; i < cols.length; ) {
      const col = cols[i]!;
      if (col.path.length <= h) {
        c += spans[i]!;
        i++;
        continue;
      }
      let j = i + 1;
      let width = spans[i]!;
      while (j < cols.length && sharesPrefix(col.path, cols[j]!.path, h)) {
        width += spans[j]!;
        j++;
      }
      const last = h === col.path.length - 1;
      cells.push({ type: 'label', role: 'head', text: col.path[h]!, rowSpan: last ? H - h : 1, colSpan: width, r, c });
      c += width;
      i = j;
    }
    out.push({ header: first && block.caption === undefined, cells });
    r++;
  }
  const rows = block.rows;
  rows.forEach((row, ri) => {
    const cells: GridCell[] = [];
    let c = 0;
    for (let d = 0; d < L; d++) {
      if (row.path.length <= d) break;
      const prev = rows[ri - 1];
      const last = d === row.path.length - 1;
      const colSpan = last ? L - d : 1;
      if (prev && sharesPrefix(prev.path, row.path, d) && !last) {
        c += colSpan;
        continue; // covered by the vertical merge started above
      }
      let n = 1;
      if (!last) while (ri + n < rows.length && sharesPrefix(row.path, rows[ri + n]!.path, d)) n++;
      cells.push({ type: 'label', role: 'row', text: row.path[d]!, rowSpan: n, colSpan, r, c });
      c += colSpan;
    }
    c = L;
    cols.forEach((col, ci) => {
      cells.push({ type: 'value', id: block.cellId(row, col), rowSpan: 1, colSpan: spans[ci]!, r, c });
      c += spans[ci]!;
    });
    out.push({ header: false, cells });
    r++;
  });
  return out;
}

/** The whole printed grid of a table, blocks stacked. */
export function tableGrid(table: TableDef): Grid {
  const rows: GridRow[] = [];
  table.blocks.forEach((block, i) => {
    rows.push(...blockRows(block, table.gridColumns, rows.length, i === 0));
  });
  let headerRows = 0;
  while (headerRows < rows.length && rows[headerRows]!.header) headerRows++;
  return { columns: table.gridColumns, rows, headerRows };
}
