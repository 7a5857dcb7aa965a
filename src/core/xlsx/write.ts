/**
 * Builds the workbook model for superiors from a report document: 基本信息, the three official
 * tables laid out from the format's grid (merged labels, borders on every cell, totals as SUM
 * formulas with their results, entry cells unlocked and validated, every sheet protected without
 * a password), 正文, 检查结果, 数据 (one formula per cell id) and, when present, 上年数据 (hidden).
 */
import type { Finding } from '../checker/types';
import type { ReportDocument } from '../document/types';
import { CELLS, FORMAT, UNIT_KINDS, UNIT_LEVELS, reportTitle, sectionByKey, type CellDef, type GridCell, type TextKey } from '../format';
import {
  DATA_HEADERS,
  FINDING_HEADERS,
  GRID_TOP,
  INFO_FIELDS,
  INFO_TOP,
  LAST_YEAR_HEADERS,
  LAST_YEAR_KEY,
  PLACES,
  SEVERITY_NAMES,
  SHEET,
  TABLES,
  TEXT_HEADERS,
  WORKBOOK_MARKER,
  address,
  cellLabel,
  chunkText,
  placeOf,
  sheetRef,
  type InfoKey,
  type TableLayout,
} from './layout';
import type { BookModel, CellInput, CellStyle, Merge, NumberValidation, SheetCell, SheetModel } from './port';

// ---------------------------------------------------------------------------------------------
// Styles: a few immutable objects shared by reference (the adapter converts each once).

const BODY = { name: '宋体', size: 11 } as const;
const SMALL = { name: '宋体', size: 10 } as const;
const BOLD = { name: '宋体', size: 11, bold: true } as const;

const ST = {
  title: { font: { name: '黑体', size: 14 }, horizontal: 'center', vertical: 'middle', wrap: true },
  caption: { font: BOLD, horizontal: 'center', vertical: 'middle', wrap: true, border: true },
  head: { font: BOLD, horizontal: 'center', vertical: 'middle', wrap: true, border: true },
  corner: { font: SMALL, horizontal: 'center', vertical: 'middle', wrap: true, border: true },
  rowLabel: { font: BODY, horizontal: 'left', vertical: 'middle', wrap: true, border: true },
  groupLabel: { font: BODY, horizontal: 'center', vertical: 'middle', wrap: true, border: true },
  entry: { font: BODY, horizontal: 'center', vertical: 'middle', border: true, unlocked: true, numFmt: 'General' },
  total: { font: BODY, horizontal: 'center', vertical: 'middle', border: true, fill: 'FFEDEDED', numFmt: 'General' },
  typedTotal: { font: BODY, horizontal: 'center', vertical: 'middle', border: true, fill: 'FFFCE4D6', numFmt: 'General' },
  note: { font: { name: '宋体', size: 10, color: 'FF595959' }, horizontal: 'left', vertical: 'top', wrap: true },
  listHead: { font: BOLD, horizontal: 'center', vertical: 'middle', wrap: true, border: true, fill: 'FFDDEBF7' },
  listText: { font: BODY, horizontal: 'left', vertical: 'top', wrap: true, border: true },
  listCenter: { font: BODY, horizontal: 'center', vertical: 'top', wrap: true, border: true },
  rowText: { font: BODY, horizontal: 'left', vertical: 'middle', wrap: true, border: true },
  rowCenter: { font: BODY, horizontal: 'center', vertical: 'middle', wrap: true, border: true },
  listNote: { font: SMALL, horizontal: 'left', vertical: 'top', wrap: true, border: true },
  infoLabel: { font: BOLD, horizontal: 'left', vertical: 'middle', wrap: true, border: true, fill: 'FFF2F2F2' },
  infoValue: { font: BODY, horizontal: 'left', vertical: 'middle', wrap: true, border: true },
} satisfies Record<string, CellStyle>;

// ---------------------------------------------------------------------------------------------
// Text measurement, to give wrapped cells a row height every viewer shows the same way.

const isWide = (code: number): boolean =>
  (code >= 0x1100 && code <= 0x115f) ||
  (code >= 0x2e80 && code <= 0xa4cf) ||
  (code >= 0xac00 && code <= 0xd7a3) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xfe30 && code <= 0xfe4f) ||
  (code >= 0xff00 && code <= 0xff60) ||
  (code >= 0xffe0 && code <= 0xffe6) ||
  code >= 0x1f000;

/** Width of a line in Excel column units (the default font's digit width) at 11 pt. */
function units(line: string): number {
  let u = 0;
  for (const ch of line) u += isWide(ch.codePointAt(0)!) ? 2 : 1.1;
  return u;
}

/** Lines a text takes in a column `width` units wide at `size` pt. */
function lineCount(text: string, width: number, size = 11): number {
  const usable = Math.max(1, width - 1.5);
  let n = 0;
  for (const para of text.split('\n')) n += Math.max(1, Math.ceil((units(para) * size) / 11 / usable));
  return n;
}

const MAX_ROW_PT = 409;
const heightFor = (lines: number, size = 11): number => Math.min(MAX_ROW_PT, Math.ceil(lines * size * 1.4 + 6));

/** XML cannot carry most control characters; line breaks become \n. */
export function sanitizeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing exactly these characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

const text = (s: string): CellInput => ({ kind: 'text', text: sanitizeText(s) });
const num = (v: number): CellInput => ({ kind: 'number', value: v });

/** Collects cells, merges and row heights of one sheet. */
class SheetBuilder {
  readonly cells: SheetCell[] = [];
  readonly merges: Merge[] = [];
  readonly heights = new Map<number, number>();

  constructor(private readonly widths: readonly number[]) {}

  /** Width in units of columns `col`..`col + span - 1`. */
  width(col: number, span = 1): number {
    let w = 0;
    for (let c = col; c < col + span; c++) w += this.widths[c - 1] ?? 9;
    return w;
  }

  /** A cell, or a merged area whose every cell carries the style (borders inside merges too). */
  put(row: number, col: number, value: CellInput | undefined, style: CellStyle, rowSpan = 1, colSpan = 1, validation?: NumberValidation): void {
    this.cells.push({ row, col, ...(value ? { value } : {}), style, ...(validation ? { validation } : {}) });
    if (rowSpan > 1 || colSpan > 1) {
      this.merges.push({ top: row, left: col, bottom: row + rowSpan - 1, right: col + colSpan - 1 });
      for (let r = row; r < row + rowSpan; r++) {
        for (let c = col; c < col + colSpan; c++) if (r !== row || c !== col) this.cells.push({ row: r, col: c, style });
      }
    }
  }

  /** Make sure a row is at least this tall. */
  atLeast(row: number, pt: number): void {
    this.heights.set(row, Math.max(this.heights.get(row) ?? 0, Math.min(MAX_ROW_PT, pt)));
  }

  sheet(name: string, extra: Omit<SheetModel, 'name' | 'columnWidths' | 'rowHeights' | 'cells' | 'merges' | 'protect'>): SheetModel {
    return { name, columnWidths: this.widths, rowHeights: this.heights, cells: this.cells, merges: this.merges, protect: true, ...extra };
  }
}

// ---------------------------------------------------------------------------------------------
// Totals: what Excel shows, and whether the document's value still is the sum.

interface TotalsPlan {
  /** What each cell shows in Excel (blank parts count as 0, as in Excel). */
  readonly shown: ReadonlyMap<string, number>;
  /** Derived cells written as a plain number because the document's value is not the sum. */
  readonly typed: ReadonlySet<string>;
}

function planTotals(cells: Readonly<Record<string, number>>): TotalsPlan {
  const shown = new Map<string, number>();
  const strict = new Map<string, number | undefined>();
  const typed = new Set<string>();
  for (const c of CELLS.entered) {
    const v = cells[c.id];
    shown.set(c.id, v ?? 0);
    strict.set(c.id, v);
  }
  for (const d of CELLS.derived) {
    let sum = 0;
    let complete = true;
    for (const p of d.sumOf!) {
      sum += shown.get(p) ?? 0;
      if (strict.get(p) === undefined) complete = false;
    }
    const own = cells[d.id];
    if (own !== undefined && (!complete || own !== sum)) {
      typed.add(d.id);
      shown.set(d.id, own);
      strict.set(d.id, own);
    } else {
      shown.set(d.id, sum);
      strict.set(d.id, complete ? sum : undefined);
    }
  }
  return { shown, typed };
}

/** SUM over the parts: one range when they are adjacent in a row or a column. */
function sumFormula(parts: readonly string[]): string {
  const ps = parts.map(placeOf);
  const first = ps[0]!;
  const last = ps[ps.length - 1]!;
  const sameRow = ps.every((p) => p.row === first.row);
  const sameCol = ps.every((p) => p.col === first.col);
  const contiguous = ps.every((p, i) => i === 0 || (sameRow ? p.col === ps[i - 1]!.col + ps[i - 1]!.colSpan : p.row === ps[i - 1]!.row + 1));
  if ((sameRow || sameCol) && contiguous && ps.length > 1) return `SUM(${address(first.row, first.col)}:${address(last.row, last.col)})`;
  return `SUM(${ps.map((p) => address(p.row, p.col)).join(',')})`;
}

const COUNT_RULE: NumberValidation = {
  type: 'whole',
  min: 0,
  errorTitle: '数据不正确',
  error: '这里应填写不小于0的整数（件数），没有的填0。',
};
const MONEY_RULE: NumberValidation = {
  type: 'decimal',
  min: 0,
  errorTitle: '数据不正确',
  error: '这里应填写不小于0的金额（单位：万元，最多4位小数），没有的填0。',
};

// ---------------------------------------------------------------------------------------------
// The sheets

/** mm on the printed page → Excel column units, widened a little for the screen. */
const columnWidths = (mm: readonly number[], labelColumns: number): number[] =>
  mm.map((w, i) => Math.max(i < labelColumns ? 6 : 10, Math.round(w * 0.76 * 10) / 10));

function tableSheet(t: TableLayout, doc: ReportDocument, plan: TotalsPlan): SheetModel {
  const { table, grid } = t;
  const labelColumns = table.blocks[0]?.rowLabelColumns ?? 0;
  const b = new SheetBuilder(columnWidths(table.columnWidthsMm, labelColumns));
  const lastCol = grid.columns;

  b.put(1, 1, text(sectionByKey(table.section).heading), ST.title, 1, lastCol);
  b.atLeast(1, 32);

  const rowSpanNeeds: { row: number; span: number; pt: number }[] = [];
  for (const gridRow of grid.rows) {
    for (const g of gridRow.cells) {
      const row = GRID_TOP + g.r;
      const col = g.c + 1;
      b.atLeast(row, 22);
      if (g.type === 'label') {
        const style = labelStyle(g);
        b.put(row, col, text(g.text), style, g.rowSpan, g.colSpan);
        const size = style.font.size;
        const pt = heightFor(lineCount(g.text, b.width(col, g.colSpan), size), size);
        if (g.rowSpan === 1) b.atLeast(row, pt);
        else rowSpanNeeds.push({ row, span: g.rowSpan, pt });
      } else {
        const def = CELLS.byId.get(g.id)!;
        b.put(row, col, valueOf(def, doc, plan), valueStyle(def, plan), 1, g.colSpan, def.sumOf ? undefined : def.kind === 'money' ? MONEY_RULE : COUNT_RULE);
      }
    }
  }
  // A label merged over several rows gets its height spread over them.
  for (const need of rowSpanNeeds) {
    let have = 0;
    for (let r = need.row; r < need.row + need.span; r++) have += b.heights.get(r) ?? 0;
    if (have < need.pt) {
      const extra = Math.ceil((need.pt - have) / need.span);
      for (let r = need.row; r < need.row + need.span; r++) b.atLeast(r, (b.heights.get(r) ?? 0) + extra);
    }
  }

  const noteRow = t.bottom + 1;
  const note =
    '说明：白色单元格填写数据（件数填不小于0的整数，收费金额单位为万元）；灰色单元格为合计，由公式自动计算。' +
    '本表已设保护（无密码），以免误改表格结构；如需调整格式，可在“审阅”中撤销工作表保护。';
  b.put(noteRow, 1, text(note), ST.note, 1, lastCol);
  b.atLeast(noteRow, heightFor(lineCount(note, b.width(1, lastCol), 10), 10));

  const header = grid.headerRows > 0 ? ([GRID_TOP, GRID_TOP + grid.headerRows - 1] as const) : undefined;
  return b.sheet(t.sheet, {
    ...(header ? { freeze: { rows: header[1], cols: labelColumns } } : {}),
    // Portrait unless the table is too wide to stay legible at page width (表四).
    print: { landscape: b.width(1, lastCol) > 130, ...(header ? { titleRows: header } : {}) },
  });
}

function labelStyle(g: Extract<GridCell, { type: 'label' }>): CellStyle {
  switch (g.role) {
    case 'caption':
      return ST.caption;
    case 'corner':
      return g.text.length > 12 ? ST.corner : ST.head;
    case 'head':
      return ST.head;
    case 'row':
      return g.rowSpan > 1 ? ST.groupLabel : ST.rowLabel;
  }
}

function valueOf(def: CellDef, doc: ReportDocument, plan: TotalsPlan): CellInput | undefined {
  if (!def.sumOf) {
    const v = doc.cells[def.id];
    return v === undefined ? undefined : num(v);
  }
  if (plan.typed.has(def.id)) return num(plan.shown.get(def.id)!);
  return { kind: 'formula', formula: sumFormula(def.sumOf), result: plan.shown.get(def.id)! };
}

function valueStyle(def: CellDef, plan: TotalsPlan): CellStyle {
  if (!def.sumOf) return ST.entry;
  return plan.typed.has(def.id) ? ST.typedTotal : ST.total;
}

function infoSheet(doc: ReportDocument): SheetModel {
  const b = new SheetBuilder([16, 52, 34]);
  b.put(1, 1, text(reportTitle(doc.unit.name, doc.year)), ST.title, 1, 3);
  b.atLeast(1, heightFor(lineCount(reportTitle(doc.unit.name, doc.year), b.width(1, 3), 14), 14));
  const values: Record<InfoKey, CellInput | undefined> = {
    marker: text(WORKBOOK_MARKER),
    'unit.name': text(doc.unit.name),
    'unit.kind': text(UNIT_KINDS[doc.unit.kind]),
    'unit.level': doc.unit.level ? text(UNIT_LEVELS[doc.unit.level]) : undefined,
    year: num(doc.year),
    publishedAt: doc.publishedAt ? text(doc.publishedAt) : undefined,
    'contact.person': doc.contact?.person ? text(doc.contact.person) : undefined,
    'contact.phone': doc.contact?.phone ? text(doc.contact.phone) : undefined,
    'contact.address': doc.contact?.address ? text(doc.contact.address) : undefined,
    'contact.email': doc.contact?.email ? text(doc.contact.email) : undefined,
    formatVersion: text(FORMAT.citation),
    schemaVersion: num(doc.schemaVersion),
    updatedAt: doc.updatedAt ? text(doc.updatedAt) : undefined,
  };
  INFO_FIELDS.forEach((f, i) => {
    const row = INFO_TOP + i;
    const v = values[f.key];
    b.put(row, 1, text(f.label), ST.infoLabel);
    b.put(row, 2, v, ST.infoValue);
    b.put(row, 3, f.note ? text(f.note) : undefined, ST.infoValue);
    const shown = v?.kind === 'text' ? v.text : '';
    b.atLeast(row, Math.max(22, heightFor(lineCount(shown, b.width(2)))));
  });
  const noteRow = INFO_TOP + INFO_FIELDS.length + 1;
  const note =
    `本工作簿由年报助手导出，表格格式依照${FORMAT.citation}。各工作表已设保护（无密码），以免误改表格结构。` +
    '在年报助手中选择“导入工作簿”可恢复全部内容；导入时会核对各表的行列标题，标题被改动的工作簿不能导入。';
  b.put(noteRow, 1, text(note), ST.note, 1, 3);
  b.atLeast(noteRow, heightFor(lineCount(note, b.width(1, 3), 10), 10));
  return b.sheet(SHEET.info, { print: { landscape: false } });
}

function textSheet(doc: ReportDocument): SheetModel {
  const b = new SheetBuilder([26, 96, 24]);
  TEXT_HEADERS.forEach((h, i) => b.put(1, i + 1, text(h), ST.listHead));
  b.atLeast(1, 24);
  let row = 2;
  for (const section of FORMAT.sections) {
    const body = sanitizeText(doc.text[section.textKey]);
    const chunks = chunkText(body);
    chunks.forEach((chunk, i) => {
      const note =
        i > 0
          ? '（接上一行）'
          : section.table
            ? `表格前的说明段落（可为空）；表格见工作表“${TABLES.find((t) => t.table.id === section.table)!.sheet}”`
            : '';
      b.put(row, 1, text(section.heading), ST.listText);
      b.put(row, 2, chunk === '' ? undefined : text(chunk), ST.listText);
      b.put(row, 3, note ? text(note) : undefined, ST.listNote);
      const lines = Math.max(lineCount(section.heading, b.width(1)), lineCount(chunk, b.width(2)), lineCount(note, b.width(3), 10) * (10 / 11));
      b.atLeast(row, Math.max(24, heightFor(lines)));
      row++;
    });
  }
  return b.sheet(SHEET.text, { freeze: { rows: 1, cols: 1 }, print: { landscape: false, titleRows: [1, 1] } });
}

function cellsText(ids: readonly string[]): string {
  return ids
    .map((id) => {
      const p = PLACES.get(id);
      return p ? `${p.sheet}!${address(p.row, p.col)}（${cellLabel(p.def)}）` : id;
    })
    .join('\n');
}

function findingsSheet(doc: ReportDocument, findings: readonly Finding[]): SheetModel {
  const b = new SheetBuilder([6, 8, 9, 60, 40, 40, 18]);
  FINDING_HEADERS.forEach((h, i) => b.put(1, i + 1, text(h), ST.listHead));
  b.atLeast(1, 24);
  const explanations = doc.explanations ?? {};
  let row = 2;
  const seen = new Set<string>();
  const line = (no: number, rule: string, severity: string, message: string, cells: string, explanation: string, id: string): void => {
    const values = [num(no), text(rule), text(severity), text(message), text(cells), text(explanation), text(id)];
    values.forEach((v, i) => b.put(row, i + 1, v.kind === 'text' && v.text === '' ? undefined : v, i < 3 ? ST.listCenter : ST.listText));
    const lines = Math.max(lineCount(message, b.width(4)), lineCount(cells, b.width(5)), lineCount(explanation, b.width(6)), lineCount(id, b.width(7)));
    b.atLeast(row, Math.max(22, heightFor(lines)));
    row++;
  };
  findings.forEach((f, i) => {
    seen.add(f.id);
    line(i + 1, f.rule, SEVERITY_NAMES[f.severity], f.message, cellsText(f.cells), explanations[f.id] ?? f.explanation ?? '', f.id);
  });
  // Explanations of findings that did not come up this time are kept too.
  for (const [id, explanation] of Object.entries(explanations)) {
    if (seen.has(id)) continue;
    line(row - 1, id.split(':')[0] ?? '', '', '（本次检查未出现此问题，保留原出错说明）', '', explanation, id);
  }
  if (row === 2) {
    b.put(row, 1, undefined, ST.listCenter);
    b.put(row, 2, undefined, ST.listCenter);
    b.put(row, 3, undefined, ST.listCenter);
    b.put(row, 4, text('未发现问题。'), ST.listText);
    for (let c = 5; c <= FINDING_HEADERS.length; c++) b.put(row, c, undefined, ST.listText);
    b.atLeast(row, 22);
  }
  return b.sheet(SHEET.findings, { freeze: { rows: 1, cols: 0 }, print: { landscape: true, titleRows: [1, 1] } });
}

function dataSheet(plan: TotalsPlan, doc: ReportDocument): SheetModel {
  const b = new SheetBuilder([20, 8, 60, 44, 12, 8]);
  DATA_HEADERS.forEach((h, i) => b.put(1, i + 1, text(h), ST.listHead));
  b.atLeast(1, 24);
  CELLS.all.forEach((def, i) => {
    const row = i + 2;
    const p = placeOf(def.id);
    const ref = sheetRef(p.sheet, p.row, p.col);
    const blank = !def.sumOf && doc.cells[def.id] === undefined;
    const rowPath = def.row.path.join(' / ');
    b.put(row, 1, text(def.id), ST.rowText);
    b.put(row, 2, text(CELLS.table(def.table).name), ST.rowCenter);
    b.put(row, 3, rowPath === '' ? undefined : text(rowPath), ST.rowText);
    b.put(row, 4, text(def.col.path.join(' / ')), ST.rowText);
    b.put(row, 5, { kind: 'formula', formula: `IF(ISBLANK(${ref}),"",${ref})`, result: blank ? '' : plan.shown.get(def.id)! }, ST.rowCenter);
    b.put(row, 6, text(def.sumOf ? '合计' : '填报'), ST.rowCenter);
    b.atLeast(row, Math.max(20, heightFor(Math.max(lineCount(rowPath, b.width(3)), lineCount(def.col.path.join(' / '), b.width(4))))));
  });
  return b.sheet(SHEET.data, { freeze: { rows: 1, cols: 1 }, print: { landscape: true, titleRows: [1, 1] } });
}

function lastYearSheet(doc: ReportDocument): SheetModel | undefined {
  const ly = doc.lastYear;
  if (!ly) return undefined;
  const b = new SheetBuilder([24, 60, 40]);
  LAST_YEAR_HEADERS.forEach((h, i) => b.put(1, i + 1, text(h), ST.listHead));
  let row = 2;
  const put = (key: string, value: CellInput | undefined, note: string): void => {
    b.put(row, 1, text(key), ST.listText);
    b.put(row, 2, value, ST.listText);
    b.put(row, 3, text(note), ST.listText);
    row++;
  };
  put(LAST_YEAR_KEY.year, num(ly.year), '上年报告的年度');
  for (const section of FORMAT.sections) {
    const body = ly.text[section.textKey as TextKey];
    if (body === undefined) continue;
    for (const chunk of chunkText(sanitizeText(body))) put(`${LAST_YEAR_KEY.text}${section.textKey}`, chunk === '' ? undefined : text(chunk), section.heading);
  }
  for (const [id, v] of Object.entries(ly.cells)) {
    const def = CELLS.byId.get(id);
    put(id, num(v), def ? `${CELLS.table(def.table).name} ${cellLabel(def)}` : '');
  }
  return b.sheet(SHEET.lastYear, { hidden: true, print: { landscape: false } });
}

/** The whole workbook model of a document and its findings. */
export function buildBook(doc: ReportDocument, findings: readonly Finding[]): BookModel {
  const plan = planTotals(doc.cells);
  const sheets: SheetModel[] = [
    infoSheet(doc),
    ...TABLES.map((t) => tableSheet(t, doc, plan)),
    textSheet(doc),
    findingsSheet(doc, findings),
    dataSheet(plan, doc),
  ];
  const ly = lastYearSheet(doc);
  if (ly) sheets.push(ly);
  return { title: reportTitle(doc.unit.name, doc.year), creator: '年报助手', sheets };
}
