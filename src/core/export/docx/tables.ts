/**
 * The three mandated tables, rendered from the format's printed grid (`tableGrid`).
 *
 * Vertical merges are written explicitly (`vMerge` restart on the label cell, continue on a
 * placeholder cell in every row it covers) instead of through docx's `rowSpan`, whose own
 * placeholders have an open bug when a row starts with a covered cell and also holds a
 * `columnSpan` (dolanmiu/docx#695), 表三's layout exactly. Writing them ourselves places every
 * cell by its grid column and gives the placeholders the table style, so they do not make rows
 * taller.
 */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { tableGrid, type GridCell, type TableDef } from '../../format';
import { STYLE } from './styles';
import { SIZE, columnTwips, emWidth, runFont, type FontSet } from './typography';

/** Cell padding left and right, in twips (1 mm): 表四's 10.4 mm columns take two 五号 characters. */
const CELL_PADDING_X = 57;
/** Cell padding top and bottom, in twips. */
const CELL_PADDING_Y = 20;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
} as const;

/**
 * A table of at most this many rows is kept on one page (表二, 表四); a longer one (表三) may
 * break, repeating its header rows.
 */
const KEEP_TOGETHER_MAX_ROWS = 16;

/** A number as printed: counts as they are, money as given (435.532), never in exponent form. */
export function formatValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '';
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v.toFixed(4).replace(/\.?0+$/, '');
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function cellParagraph(text: string, align: Align, fonts: FontSet): Paragraph {
  const font = runFont(fonts.table, fonts.latin);
  return new Paragraph({
    // The style sets single spacing (not the body's exact grid line), keeps the text off the
    // document grid and sizes empty cells.
    style: STYLE.table,
    alignment: align,
    children: text === '' ? [] : [new TextRun({ text, font, size: SIZE.table })],
  });
}

/** `columnSpan` only where a cell spans columns (docx writes `gridSpan` 1 otherwise). */
const span = (colSpan: number): { columnSpan?: number } => (colSpan > 1 ? { columnSpan: colSpan } : {});

/** Width in twips of the grid columns [c, c + span). */
const spanWidth = (cols: readonly number[], c: number, span: number): number =>
  cols.slice(c, c + span).reduce((a, b) => a + b, 0);

/**
 * Label alignment: headers, captions, the corner note and row labels that group several rows are
 * centred; any other row label is centred when it fits on one line and justified when it wraps,
 * as typeset official tables do.
 */
function labelAlign(cell: Extract<GridCell, { type: 'label' }>, widthTwips: number): Align {
  if (cell.role !== 'row' || cell.rowSpan > 1) return AlignmentType.CENTER;
  const room = widthTwips - 2 * CELL_PADDING_X;
  return emWidth(cell.text) * SIZE.table * 10 <= room ? AlignmentType.CENTER : AlignmentType.JUSTIFIED;
}

/** One mandated table with the document's values (`values` are the effective cells). */
export function buildTable(table: TableDef, values: Readonly<Record<string, number>>, fonts: FontSet): Table {
  const grid = tableGrid(table);
  const cols = columnTwips(table.columnWidthsMm);
  const totalWidth = cols.reduce((a, b) => a + b, 0);
  const keepTogether = grid.rows.length <= KEEP_TOGETHER_MAX_ROWS;

  // Label cells merged down: for each covered row, where a continuation cell goes.
  const continuing: { cell: GridCell; lastRow: number }[] = [];

  const rows = grid.rows.map((gridRow, r) => {
    const placed: { c: number; cell: TableCell }[] = [];
    for (const m of continuing) {
      if (m.cell.r < r && r <= m.lastRow) {
        const width = spanWidth(cols, m.cell.c, m.cell.colSpan);
        placed.push({
          c: m.cell.c,
          cell: new TableCell({
            children: [cellParagraph('', AlignmentType.CENTER, fonts)],
            ...span(m.cell.colSpan),
            verticalMerge: VerticalMergeType.CONTINUE,
            width: { size: width, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
          }),
        });
      }
    }
    for (const cell of gridRow.cells) {
      const width = spanWidth(cols, cell.c, cell.colSpan);
      let paragraph: Paragraph;
      if (cell.type === 'label') {
        paragraph = cellParagraph(cell.text, labelAlign(cell, width), fonts);
        if (cell.rowSpan > 1) continuing.push({ cell, lastRow: r + cell.rowSpan - 1 });
      } else {
        paragraph = cellParagraph(formatValue(values[cell.id]), AlignmentType.CENTER, fonts);
      }
      placed.push({
        c: cell.c,
        cell: new TableCell({
          children: [paragraph],
          ...span(cell.colSpan),
          ...(cell.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
        }),
      });
    }
    placed.sort((a, b) => a.c - b.c);
    return new TableRow({
      children: placed.map((p) => p.cell),
      // Written only where true: docx writes `false` values as elements too.
      ...(r < grid.headerRows ? { tableHeader: true } : {}),
      cantSplit: true,
      // A short table stays on one page; a long one keeps its header with its first row.
      ...((keepTogether ? r < grid.rows.length - 1 : r < grid.headerRows) ? { keepNext: true } : {}),
    });
  });

  return new Table({
    rows,
    width: { size: totalWidth, type: WidthType.DXA },
    columnWidths: cols,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: BORDERS,
    margins: { left: CELL_PADDING_X, right: CELL_PADDING_X, top: CELL_PADDING_Y, bottom: CELL_PADDING_Y },
  });
}

