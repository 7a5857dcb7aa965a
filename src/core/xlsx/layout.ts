/**
 * Where everything sits in the workbook. The writer and the importer both read this module, so a
 * position or a label is stated once; every table label comes from the format (tableGrid).
 */
import { CELLS, FORMAT, sectionByKey, tableGrid, type CellDef, type Grid, type TableDef, type TableId } from '../format';
import { cellAddress } from './port';

/** Identifies a workbook written by this app (cell B2 of 基本信息). Bump the number if the layout changes. */
export const WORKBOOK_MARKER = 'nianbao-workbook/1';

export const SHEET = {
  info: '基本信息',
  text: '正文',
  findings: '检查结果',
  data: '数据',
  lastYear: '上年数据',
} as const;

/** The sheet of a table is named like the section's navigation label: 主动公开, 依申请公开, 复议诉讼. */
export const tableSheetName = (table: TableDef): string => sectionByKey(table.section).navLabel;

/** Sheet row of the grid's first row (row 1 holds the section heading). */
export const GRID_TOP = 2;

export interface TableLayout {
  readonly table: TableDef;
  readonly sheet: string;
  readonly grid: Grid;
  /** Sheet row just below the grid. */
  readonly bottom: number;
}

export const TABLES: readonly TableLayout[] = FORMAT.tables.map((table) => {
  const grid = tableGrid(table);
  return { table, sheet: tableSheetName(table), grid, bottom: GRID_TOP + grid.rows.length };
});

export const tableLayout = (id: TableId): TableLayout => {
  const t = TABLES.find((x) => x.table.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
};

/** Where a numeric cell sits. */
export interface CellPlace {
  readonly def: CellDef;
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly colSpan: number;
}

export const PLACES: ReadonlyMap<string, CellPlace> = (() => {
  const out = new Map<string, CellPlace>();
  for (const t of TABLES) {
    for (const row of t.grid.rows) {
      for (const g of row.cells) {
        if (g.type !== 'value') continue;
        const def = CELLS.byId.get(g.id);
        if (!def) throw new Error(`grid cell ${g.id} is not in the registry`);
        out.set(g.id, { def, sheet: t.sheet, row: GRID_TOP + g.r, col: g.c + 1, colSpan: g.colSpan });
      }
    }
  }
  for (const c of CELLS.all) if (!out.has(c.id)) throw new Error(`cell ${c.id} has no place in the workbook`);
  return out;
})();

export const placeOf = (id: string): CellPlace => {
  const p = PLACES.get(id);
  if (!p) throw new Error(`unknown cell ${id}`);
  return p;
};

export { colLetters, cellAddress as address } from './port';

/** A reference usable in a formula on another sheet: '依申请公开'!D5 */
export const sheetRef = (sheet: string, row: number, col: number): string => `'${sheet.replace(/'/g, "''")}'!${cellAddress(row, col)}`;

/** How a person names a numeric cell: 一、本年新收政府信息公开申请数量，自然人 */
export const cellLabel = (def: CellDef): string => (def.rowName ? `${def.rowName}，${def.colName}` : def.colName);

// ---------------------------------------------------------------------------------------------
// 基本信息: one field per row, label in column A, value in column B, note in column C.

export type InfoKey =
  | 'marker'
  | 'unit.name'
  | 'unit.kind'
  | 'unit.level'
  | 'year'
  | 'publishedAt'
  | 'contact.person'
  | 'contact.phone'
  | 'contact.address'
  | 'contact.email'
  | 'formatVersion'
  | 'schemaVersion'
  | 'updatedAt';

export interface InfoField {
  readonly key: InfoKey;
  readonly label: string;
  readonly note?: string;
}

export const INFO_FIELDS: readonly InfoField[] = [
  { key: 'marker', label: '文件标识', note: '年报助手据此识别本工作簿，请勿修改' },
  { key: 'unit.name', label: '单位名称' },
  { key: 'unit.kind', label: '单位类型' },
  { key: 'unit.level', label: '单位层级' },
  { key: 'year', label: '报告年度' },
  { key: 'publishedAt', label: '发布日期', note: '格式：YYYY-MM-DD' },
  { key: 'contact.person', label: '联系人' },
  { key: 'contact.phone', label: '联系电话' },
  { key: 'contact.address', label: '联系地址' },
  { key: 'contact.email', label: '电子邮箱' },
  { key: 'formatVersion', label: '报告格式' },
  { key: 'schemaVersion', label: '文件版本', note: '年报助手报告文件的版本号' },
  { key: 'updatedAt', label: '最后修改时间' },
];

/** Sheet row of the first field (row 1 holds the report title). */
export const INFO_TOP = 2;
export const infoRow = (key: InfoKey): number => INFO_TOP + INFO_FIELDS.findIndex((f) => f.key === key);

// ---------------------------------------------------------------------------------------------
// 正文, 检查结果, 数据, 上年数据: a header row, then one row per item.

export const TEXT_HEADERS = ['章节', '正文', '说明'] as const;
/** Excel holds at most 32 767 characters in a cell; longer text continues on the next rows. */
export const TEXT_CHUNK = 32_000;

export const FINDING_HEADERS = ['序号', '规则', '严重程度', '问题', '涉及单元格', '出错说明', '检查项编号'] as const;
export const FINDING_COL = { no: 1, rule: 2, severity: 3, message: 4, cells: 5, explanation: 6, id: 7 } as const;

export const DATA_HEADERS = ['编号', '表格', '行', '列', '数值', '类型'] as const;

export const LAST_YEAR_HEADERS = ['项目', '值', '说明'] as const;
export const LAST_YEAR_KEY = { year: 'year', text: 'text.' } as const;

export const SEVERITY_NAMES = { error: '错误', warning: '警告', info: '提示' } as const;

/** Split text into cell-sized pieces without cutting a surrogate pair. */
export function chunkText(text: string, size = TEXT_CHUNK): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** Labels compare equal when they differ only in whitespace (line breaks, full-width spaces). */
export const normalizeLabel = (s: string): string => s.replace(/[\s\u3000]+/g, '');
