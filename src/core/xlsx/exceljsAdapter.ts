/**
 * The XlsxPort implemented with exceljs 4.4.0 — the only file that imports exceljs.
 *
 * Pitfalls handled here (engineering-research.md §4): every formula is a plain per-cell formula
 * with its result; merges are made before styles are assigned, so no covered cell shares (and
 * mutates) the master's style object; validations are written as disjoint ranges computed here
 * (see “validation ranges”); protection without a password (no hashing); user files are read
 * with `ignoreNodes: ['dataValidations']`.
 */
import ExcelJS from 'exceljs';
import zipStream from 'exceljs/lib/utils/zip-stream';
import { cellAddress, type BookModel, type CellInput, type CellStyle, type NumberValidation, type ReadBook, type ReadScalar, type ReadSheet, type ReadValue, type SheetCell, type SheetModel, type XlsxPort } from './port';

/*
 * Surrogate pairs. exceljs hands every XML part to JSZip as a JS string, and JSZip encodes strings
 * to UTF-8 in 16 384-character blocks: a character outside the BMP (an emoji, or a CJK Extension B
 * character such as 𠀋 in a place name) that straddles a block boundary is written as two U+FFFD.
 * Handing JSZip the bytes instead (encoded in one piece) avoids it. Patched once, here, on the
 * one module this adapter owns the use of.
 */
const PATCHED = Symbol.for('nianbao.exceljs.utf8-append');
const zipWriter = zipStream.ZipWriter.prototype as typeof zipStream.ZipWriter.prototype & { [PATCHED]?: true };
if (!zipWriter[PATCHED]) {
  const append = zipWriter.append;
  const encoder = new TextEncoder();
  zipWriter.append = function (this: unknown, data, options) {
    const bytes = typeof data === 'string' && !options.base64 ? encoder.encode(data) : data;
    append.call(this, bytes, options);
  };
  zipWriter[PATCHED] = true;
}

type XStyle = Partial<ExcelJS.Style>;
type LoadInput = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const ALL_THIN: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function toExcelStyle(s: CellStyle): XStyle {
  const out: XStyle = {
    font: { name: s.font.name, size: s.font.size, charset: 134, ...(s.font.bold ? { bold: true } : {}), ...(s.font.color ? { color: { argb: s.font.color } } : {}) },
    alignment: {
      ...(s.horizontal ? { horizontal: s.horizontal } : {}),
      ...(s.vertical ? { vertical: s.vertical } : {}),
      ...(s.wrap ? { wrapText: true } : {}),
    },
    protection: { locked: !s.unlocked },
  };
  if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
  if (s.border) out.border = ALL_THIN;
  if (s.numFmt) out.numFmt = s.numFmt;
  return out;
}

function toExcelValue(v: CellInput): ExcelJS.CellValue {
  switch (v.kind) {
    case 'text':
      // A plain JS string is always written as a (shared) string, never parsed as a formula.
      return v.text;
    case 'number':
      return v.value;
    case 'formula':
      return { formula: v.formula, result: v.result } as ExcelJS.CellFormulaValue;
  }
}

function toExcelValidation(v: NumberValidation): ExcelJS.DataValidation {
  return {
    type: v.type,
    operator: 'greaterThanOrEqual',
    formulae: [v.min],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: v.errorTitle,
    error: v.error,
    ...(v.prompt ? { showInputMessage: true, promptTitle: v.promptTitle ?? '', prompt: v.prompt } : {}),
  };
}

/*
 * Validation ranges. Given one validation per cell, exceljs 4.4.0 joins equal neighbours into
 * rectangles itself, but it visits the addresses sorted as strings (D10 before D5) and does not
 * skip cells already taken, so it writes overlapping ranges such as D10:I27 and D5:I27
 * (exceljs#2820); Excel does not allow overlapping validations, and other programs may apply only
 * one of them. So the cells of each rule are tiled here into disjoint rectangles, one key of the
 * sheet's validation model per rectangle: a range key ("D5:I27") is written verbatim as the sqref.
 * exceljs still tries to grow a single-cell key to the right and downwards, but only over other
 * single-cell keys of an equal rule, and there are none next to it: a cell of the rule to its
 * right is in the same row run, one below would have been joined to it (see `rectangles`).
 */
interface Rect {
  readonly top: number;
  readonly left: number;
  bottom: number;
  readonly right: number;
}

/**
 * Disjoint rectangles covering exactly the given cells: the maximal runs of adjacent cells in each
 * row, a run joined to the rectangle ending just above it when that spans the same columns.
 */
function rectangles(cells: readonly { readonly row: number; readonly col: number }[]): Rect[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const out: Rect[] = [];
  /** The rectangles that reach the row above, by their columns. */
  let open = new Map<string, Rect>();
  let i = 0;
  while (i < sorted.length) {
    const row = sorted[i]!.row;
    const next = new Map<string, Rect>();
    while (i < sorted.length && sorted[i]!.row === row) {
      const left = sorted[i]!.col;
      let right = left;
      // `<= right + 1`: a cell listed twice is covered once.
      for (i++; i < sorted.length && sorted[i]!.row === row && sorted[i]!.col <= right + 1; i++) right = sorted[i]!.col;
      const key = `${left}:${right}`;
      let rect = open.get(key);
      if (rect && rect.bottom === row - 1) rect.bottom = row;
      else {
        rect = { top: row, left, bottom: row, right };
        out.push(rect);
      }
      next.set(key, rect);
    }
    open = next;
  }
  return out;
}

/** exceljs keeps a sheet's validations by address or range; its typings omit the property. */
interface ValidationModel {
  readonly dataValidations: { add(address: string, validation: ExcelJS.DataValidation): unknown };
}

function addValidations(ws: ExcelJS.Worksheet, cells: readonly SheetCell[]): void {
  // Grouped by what is written, so that two equal rules never lie side by side as separate keys.
  const byRule = new Map<string, { readonly validation: ExcelJS.DataValidation; readonly cells: SheetCell[] }>();
  for (const c of cells) {
    if (!c.validation) continue;
    const validation = toExcelValidation(c.validation);
    const key = JSON.stringify(validation);
    const group = byRule.get(key);
    if (group) group.cells.push(c);
    else byRule.set(key, { validation, cells: [c] });
  }
  const model = (ws as unknown as ValidationModel).dataValidations;
  for (const { validation, cells: ruled } of byRule.values()) {
    for (const r of rectangles(ruled)) {
      const tl = cellAddress(r.top, r.left);
      model.add(r.top === r.bottom && r.left === r.right ? tl : `${tl}:${cellAddress(r.bottom, r.right)}`, validation);
    }
  }
}

/** Address of the first cell below and right of frozen rows and columns. */
const firstFree = (freeze: { readonly rows: number; readonly cols: number }): string => cellAddress(freeze.rows + 1, freeze.cols + 1);

function writeSheet(wb: ExcelJS.Workbook, model: SheetModel, styleOf: (s: CellStyle) => XStyle): void {
  const ws = wb.addWorksheet(model.name, {
    state: model.hidden ? 'hidden' : 'visible',
    views: model.freeze
      ? [{ state: 'frozen', xSplit: model.freeze.cols, ySplit: model.freeze.rows, topLeftCell: firstFree(model.freeze), activeCell: firstFree(model.freeze) }]
      : [{ state: 'normal', activeCell: 'A1' }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: model.print.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
      ...(model.print.titleRows ? { printTitlesRow: `${model.print.titleRows[0]}:${model.print.titleRows[1]}` } : {}),
    },
  });
  model.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const [r, h] of model.rowHeights) ws.getRow(r).height = h;
  // Merge first: exceljs gives covered cells the master's style object; each cell's own style is
  // assigned afterwards (by reference to an immutable object, so nothing is shared by mistake).
  for (const m of model.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
  for (const c of model.cells) {
    const cell = ws.getCell(c.row, c.col);
    if (c.value) cell.value = toExcelValue(c.value);
    if (c.style) cell.style = styleOf(c.style);
  }
  addValidations(ws, model.cells);
  if (model.protect) {
    // No password: nothing is hashed (so no spin count to pay for); it only prevents slips.
    void ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  }
}

async function write(book: BookModel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = book.creator;
  wb.lastModifiedBy = book.creator;
  wb.title = book.title;
  const cache = new Map<CellStyle, XStyle>();
  const styleOf = (s: CellStyle): XStyle => {
    let x = cache.get(s);
    if (!x) {
      x = toExcelStyle(s);
      cache.set(s, x);
    }
    return x;
  };
  for (const sheet of book.sheets) writeSheet(wb, sheet, styleOf);
  const buf = await wb.xlsx.writeBuffer();
  const bytes = buf as unknown as Uint8Array;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const EMPTY: ReadScalar = { kind: 'empty' };

function scalar(v: unknown): ReadScalar {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (v instanceof Date) return { kind: 'date', value: v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return { kind: 'text', text: (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('') };
    }
    if (typeof o.error === 'string') return { kind: 'error', text: o.error };
    if (typeof o.text === 'string') return { kind: 'text', text: o.text }; // hyperlink
    if (o.text && typeof o.text === 'object') return scalar(o.text); // hyperlink with rich text
  }
  return { kind: 'error', text: String(v) };
}

function readCell(cell: ExcelJS.Cell | undefined): ReadValue {
  if (!cell) return EMPTY;
  switch (cell.type) {
    case ExcelJS.ValueType.Merge:
      return EMPTY;
    case ExcelJS.ValueType.Formula:
      return { kind: 'formula', formula: cell.formula ?? '', result: scalar(cell.result) };
    default:
      return scalar(cell.value);
  }
}

function readSheet(ws: ExcelJS.Worksheet): ReadSheet {
  return {
    name: ws.name,
    hidden: ws.state !== 'visible',
    lastRow: ws.actualRowCount === 0 ? 0 : ws.lastRow?.number ?? 0,
    cell: (row, col) => readCell(ws.findCell(row, col)),
  };
}

async function read(bytes: Uint8Array): Promise<ReadBook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as LoadInput, { ignoreNodes: ['dataValidations', 'conditionalFormatting'] });
  const sheets = wb.worksheets.map(readSheet);
  const byName = new Map(sheets.map((s) => [s.name, s]));
  return { sheets, sheet: (name) => byName.get(name) };
}

export const exceljsPort: XlsxPort = { write, read };
