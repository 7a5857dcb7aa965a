/**
 * Reads a workbook this app wrote back into a report document. Every table cell is found by the
 * format's grid and trusted only after every label around it matches; anything that does not fit
 * is refused with a Chinese message naming the sheet and the cell. A total whose formula was
 * overwritten is kept as typed and reported as a finding (XL-1), so the checker flags it as well.
 */
import type { Finding } from '../checker/types';
import { validateDocument } from '../document/schema';
import { CURRENT_SCHEMA_VERSION, DOCUMENT_FORMAT, type ReportDocument } from '../document/types';
import { CELLS, FORMAT, UNIT_KINDS, UNIT_LEVELS, type CellDef, type TextKey } from '../format';
import { fail, ok, type Result } from '../result';
import {
  FINDING_COL,
  FINDING_HEADERS,
  GRID_TOP,
  INFO_FIELDS,
  LAST_YEAR_HEADERS,
  LAST_YEAR_KEY,
  SHEET,
  TABLES,
  TEXT_HEADERS,
  WORKBOOK_MARKER,
  address,
  cellLabel,
  infoRow,
  normalizeLabel,
  placeOf,
  type InfoKey,
} from './layout';
import type { ReadBook, ReadScalar, ReadSheet, ReadValue } from './port';

export interface WorkbookImport {
  readonly doc: ReportDocument;
  /** Findings of the import itself, e.g. a total typed over its formula (rule XL-1). */
  readonly findings: readonly Finding[];
}

const MARKER_PREFIX = WORKBOOK_MARKER.slice(0, WORKBOOK_MARKER.lastIndexOf('/') + 1);

/** The value a cell shows: a formula's stored result. */
const shown = (v: ReadValue): ReadScalar => (v.kind === 'formula' ? v.result : v);

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDate = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The value as a person reads it, quoted, for messages. */
function describe(v: ReadValue): string {
  const s = shown(v);
  switch (s.kind) {
    case 'empty':
      return v.kind === 'formula' ? `公式“=${v.formula}”（没有计算结果）` : '空白';
    case 'number':
      return `“${String(s.value)}”`;
    case 'text': {
      const t = s.text.replace(/\s+/g, ' ');
      return t.trim() === '' ? '空白' : `“${t.length > 30 ? `${t.slice(0, 30)}…` : t}”`;
    }
    case 'bool':
      return `“${s.value ? 'TRUE' : 'FALSE'}”`;
    case 'date':
      return `日期“${isoDate(s.value)}”`;
    case 'error':
      return `错误值“${s.text}”`;
  }
}

/** Text content of a cell (numbers as written, dates as YYYY-MM-DD); '' when empty. */
function textOf(v: ReadValue): string {
  if (v.kind === 'formula') {
    // A text cell holds no formula unless someone typed one: keep what was typed.
    return `=${v.formula}`;
  }
  switch (v.kind) {
    case 'empty':
      return '';
    case 'text':
      return v.text;
    case 'number':
      return String(v.value);
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
    case 'date':
      return isoDate(v.value);
    case 'error':
      return v.text;
  }
}

/** A number a cell shows: a number, or text that is only a plain number. */
function numberOf(v: ReadValue): number | undefined {
  const s = shown(v);
  if (s.kind === 'number') return Number.isFinite(s.value) ? s.value : undefined;
  if (s.kind === 'text' && /^\s*-?\d+(\.\d+)?\s*$/.test(s.text)) return Number(s.text);
  return undefined;
}

const isBlank = (v: ReadValue): boolean => v.kind === 'empty' || (v.kind === 'text' && v.text.trim() === '');

const where = (sheet: string, row: number, col: number, what?: string): string =>
  `工作表“${sheet}”单元格${address(row, col)}${what ? `（${what}）` : ''}`;

/** Collects refusals; the first few are shown. */
class Problems {
  readonly list: string[] = [];
  add(message: string): void {
    this.list.push(message);
  }
  /** The first problems, then `after` (what it means and what to do). */
  result(code: string, after = ''): Result<never> {
    const shownList = this.list.slice(0, 3).join('；');
    const more = this.list.length > 3 ? `；另有${this.list.length - 3}处类似问题` : '';
    return fail(code, `${shownList}${more}。${after}`);
  }
}

const LABELS_CHANGED =
  '表格的行列标题被改动或移动过，年报助手无法确定数据的位置，因此不能导入。请使用年报助手导出的原始工作簿，或在年报助手中直接填写。';

function checkLabel(sheet: ReadSheet, row: number, col: number, expected: string, problems: Problems): void {
  const v = sheet.cell(row, col);
  const actual = textOf(v);
  if (normalizeLabel(actual) !== normalizeLabel(expected)) {
    problems.add(`${where(sheet.name, row, col)}应为“${expected}”，实际为${isBlank(v) ? '空白' : describe(v)}`);
  }
}

function requireSheet(book: ReadBook, name: string): Result<ReadSheet> {
  const s = book.sheet(name);
  return s ? ok(s) : fail('missing-sheet', `工作簿中缺少工作表“${name}”，不是完整的年报助手工作簿，不能导入。`);
}

// ---------------------------------------------------------------------------------------------
// 基本信息

function reverse<K extends string>(map: Readonly<Record<K, string>>, value: string): K | undefined {
  const n = normalizeLabel(value);
  for (const [k, label] of Object.entries(map) as [K, string][]) if (normalizeLabel(label) === n || k === value.trim()) return k;
  return undefined;
}

/** The document fields on 基本信息 (unit, year, contact, versions), as a raw document. */
function readInfo(book: ReadBook): Result<Record<string, unknown>> {
  const sheet = book.sheet(SHEET.info);
  const foreign =
    '这不是年报助手导出的工作簿：' +
    (sheet ? '' : `找不到工作表“${SHEET.info}”。`) +
    '年报助手只能导入它自己导出的工作簿；其他模板的表格请在年报助手中直接填写。';
  if (!sheet) return fail('foreign', foreign);
  const markerRow = infoRow('marker');
  const marker = textOf(sheet.cell(markerRow, 2)).trim();
  if (!marker.startsWith(MARKER_PREFIX)) {
    return fail(
      'foreign',
      `这不是年报助手导出的工作簿：${where(SHEET.info, markerRow, 2, '文件标识')}应为“${WORKBOOK_MARKER}”，实际为${describe(sheet.cell(markerRow, 2))}。` +
        '年报助手只能导入它自己导出的工作簿；其他模板的表格请在年报助手中直接填写。',
    );
  }
  if (marker !== WORKBOOK_MARKER) {
    return fail('newer-workbook', `此工作簿由其他版本的年报助手导出（文件标识“${marker}”），本软件无法读取，请升级年报助手后再导入。`);
  }

  const problems = new Problems();
  INFO_FIELDS.forEach((f) => checkLabel(sheet, infoRow(f.key), 1, f.label, problems));
  if (problems.list.length > 0) return problems.result('labels-changed', LABELS_CHANGED);

  const cell = (key: InfoKey): ReadValue => sheet.cell(infoRow(key), 2);
  const at = (key: InfoKey): string => where(SHEET.info, infoRow(key), 2, INFO_FIELDS.find((f) => f.key === key)!.label);
  const optText = (key: InfoKey): string | undefined => {
    const t = textOf(cell(key));
    return t === '' ? undefined : t;
  };

  const kindText = textOf(cell('unit.kind'));
  const kind = reverse(UNIT_KINDS, kindText);
  if (!kind) {
    problems.add(`${at('unit.kind')}应为${Object.values(UNIT_KINDS).map((s) => `“${s}”`).join('、')}之一，实际为${describe(cell('unit.kind'))}`);
  }
  const levelText = textOf(cell('unit.level'));
  const level = levelText.trim() === '' ? undefined : reverse(UNIT_LEVELS, levelText);
  if (levelText.trim() !== '' && !level) {
    problems.add(`${at('unit.level')}应为${Object.values(UNIT_LEVELS).map((s) => `“${s}”`).join('、')}之一或空白，实际为${describe(cell('unit.level'))}`);
  }
  const year = numberOf(cell('year'));
  if (year === undefined || !Number.isInteger(year) || year < 2008 || year > 2100) {
    problems.add(`${at('year')}应为2008至2100之间的整数年份，实际为${describe(cell('year'))}`);
  }
  const publishedAt = optText('publishedAt')?.trim();
  if (publishedAt !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(publishedAt)) {
    problems.add(`${at('publishedAt')}应为“YYYY-MM-DD”格式的日期（如2025-01-20）或空白，实际为${describe(cell('publishedAt'))}`);
  }
  const formatText = textOf(cell('formatVersion'));
  if (normalizeLabel(formatText) !== normalizeLabel(FORMAT.citation) && formatText.trim() !== FORMAT.id) {
    problems.add(`${at('formatVersion')}应为“${FORMAT.citation}”，实际为${describe(cell('formatVersion'))}（本软件不支持其他报告格式）`);
  }
  const schemaVersion = numberOf(cell('schemaVersion'));
  if (schemaVersion === undefined || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    problems.add(`${at('schemaVersion')}应为正整数（当前为${CURRENT_SCHEMA_VERSION}），实际为${describe(cell('schemaVersion'))}`);
  }
  if (problems.list.length > 0) return problems.result('invalid-info', '请改正后再导入。');

  const contact = Object.fromEntries(
    (['person', 'phone', 'address', 'email'] as const)
      .map((k) => [k, optText(`contact.${k}`)] as const)
      .filter((e): e is readonly [typeof e[0], string] => e[1] !== undefined),
  );
  const updatedAt = optText('updatedAt');
  return ok({
    format: DOCUMENT_FORMAT,
    schemaVersion,
    formatVersion: FORMAT.id,
    unit: { name: textOf(cell('unit.name')), kind, ...(level ? { level } : {}) },
    year,
    ...(Object.keys(contact).length > 0 ? { contact } : {}),
    ...(publishedAt !== undefined ? { publishedAt } : {}),
    ...(updatedAt !== undefined ? { updatedAt } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// The tables

function verifyTableLabels(book: ReadBook): Result<void> {
  const problems = new Problems();
  for (const t of TABLES) {
    const sheet = requireSheet(book, t.sheet);
    if (!sheet.ok) return sheet;
    for (const row of t.grid.rows) {
      for (const g of row.cells) if (g.type === 'label') checkLabel(sheet.value, GRID_TOP + g.r, g.c + 1, g.text, problems);
    }
    if (problems.list.length > 0) return problems.result('labels-changed', LABELS_CHANGED);
  }
  return ok(undefined);
}

const expectation = (def: CellDef): string => (def.kind === 'money' ? '不小于0的数（单位：万元）' : '不小于0的整数');

const validNumber = (def: CellDef, n: number | undefined): n is number =>
  n !== undefined && n >= 0 && (def.kind === 'money' ? Number.isFinite(n) : Number.isSafeInteger(n));

function readCells(book: ReadBook): Result<{ cells: Record<string, number>; findings: Finding[] }> {
  const cells: Record<string, number> = {};
  const findings: Finding[] = [];
  const problems = new Problems();
  const sheetOf = (name: string): ReadSheet => book.sheet(name)!;
  const bad = (def: CellDef, v: ReadValue): void => {
    const p = placeOf(def.id);
    problems.add(`${where(p.sheet, p.row, p.col, cellLabel(def))}应为${expectation(def)}，实际为${describe(v)}`);
  };

  for (const def of CELLS.entered) {
    const p = placeOf(def.id);
    const v = sheetOf(p.sheet).cell(p.row, p.col);
    if (isBlank(v)) continue;
    const n = numberOf(v);
    if (!validNumber(def, n)) bad(def, v);
    else cells[def.id] = n;
  }

  for (const def of CELLS.derived) {
    const p = placeOf(def.id);
    const v = sheetOf(p.sheet).cell(p.row, p.col);
    let strict: number | undefined = 0;
    for (const part of def.sumOf!) {
      const x = cells[part];
      if (x === undefined || strict === undefined) strict = undefined;
      else strict += x;
    }
    const section = FORMAT.tables.find((t) => t.id === def.table)!.section;
    const at = where(p.sheet, p.row, p.col, cellLabel(def));
    const xl1 = (message: string, actual?: number): void => {
      findings.push({
        id: `XL-1:${def.id}`,
        rule: 'XL-1',
        severity: 'warning',
        cells: [def.id],
        message,
        ...(strict !== undefined ? { expected: strict } : {}),
        ...(actual !== undefined ? { actual } : {}),
        section,
      });
    };
    const sumText = strict !== undefined ? `各项相加应为${strict}` : '其中有的项目尚未填写';

    if (isBlank(v)) continue;
    if (v.kind !== 'formula') {
      const n = numberOf(v);
      if (!validNumber(def, n)) {
        bad(def, v);
        continue;
      }
      cells[def.id] = n;
      xl1(`${at}是合计，应由公式自动计算，但公式被改成了数字${n}（${sumText}）。请核对这个合计。`, n);
      continue;
    }
    const r = v.result;
    if (r.kind === 'number') {
      if (strict === undefined) continue; // parts unfilled: the total is not known yet
      if (r.value === strict) {
        cells[def.id] = strict;
        continue;
      }
      if (!validNumber(def, r.value)) {
        bad(def, v);
        continue;
      }
      cells[def.id] = r.value;
      xl1(`${at}是合计，其公式结果${r.value}与各项之和${strict}不一致，公式可能被改动过。请核对这个合计。`, r.value);
      continue;
    }
    if (r.kind === 'error') {
      xl1(`${at}是合计，其公式出错（${r.text}），公式可能被改动过；${strict !== undefined ? `已按各项之和${strict}计算` : '已忽略'}。`);
    }
    // No stored result (or an error): the total is what its parts add up to.
    if (strict !== undefined) cells[def.id] = strict;
  }
  if (problems.list.length > 0) return problems.result('invalid-cell', '请在Excel或WPS中改正这些单元格后再导入。');
  return ok({ cells, findings });
}

// ---------------------------------------------------------------------------------------------
// 正文, 检查结果, 上年数据

function readText(book: ReadBook): Result<Record<TextKey, string>> {
  const s = requireSheet(book, SHEET.text);
  if (!s.ok) return s;
  const sheet = s.value;
  const problems = new Problems();
  TEXT_HEADERS.forEach((h, i) => checkLabel(sheet, 1, i + 1, h, problems));
  if (problems.list.length > 0) return problems.result('labels-changed', LABELS_CHANGED);

  const sections = FORMAT.sections;
  const out = Object.fromEntries(sections.map((x) => [x.textKey, ''])) as Record<TextKey, string>;
  let next = 0; // index of the next section expected
  let row = 2;
  for (; row <= sheet.lastRow; row++) {
    const head = normalizeLabel(textOf(sheet.cell(row, 1)));
    if (head === '') continue;
    const current = sections[next - 1];
    if (current && head === normalizeLabel(current.heading)) {
      out[current.textKey] += textOf(sheet.cell(row, 2)); // continuation of a long text
      continue;
    }
    const expected = sections[next];
    if (!expected || head !== normalizeLabel(expected.heading)) {
      const v = sheet.cell(row, 1);
      return fail(
        'labels-changed',
        expected
          ? `${where(SHEET.text, row, 1)}应为“${expected.heading}”，实际为${describe(v)}。正文的章节被改动或移动过，不能导入。`
          : `${where(SHEET.text, row, 1)}应为空白，实际为${describe(v)}。正文的章节被改动或移动过，不能导入。`,
      );
    }
    out[expected.textKey] = textOf(sheet.cell(row, 2));
    next++;
  }
  if (next < sections.length) {
    return fail('labels-changed', `${where(SHEET.text, row, 1)}应为“${sections[next]!.heading}”，实际为空白。正文的章节被改动或移动过，不能导入。`);
  }
  return ok(out);
}

function readExplanations(book: ReadBook): Result<Record<string, string>> {
  const s = requireSheet(book, SHEET.findings);
  if (!s.ok) return s;
  const sheet = s.value;
  const problems = new Problems();
  FINDING_HEADERS.forEach((h, i) => checkLabel(sheet, 1, i + 1, h, problems));
  if (problems.list.length > 0) return problems.result('labels-changed', LABELS_CHANGED);
  const out: Record<string, string> = {};
  for (let row = 2; row <= sheet.lastRow; row++) {
    const id = textOf(sheet.cell(row, FINDING_COL.id));
    const explanation = textOf(sheet.cell(row, FINDING_COL.explanation));
    if (id !== '' && explanation !== '') out[id] = explanation;
  }
  return ok(out);
}

function readLastYear(book: ReadBook): Result<Record<string, unknown> | undefined> {
  const sheet = book.sheet(SHEET.lastYear);
  if (!sheet) return ok(undefined);
  const problems = new Problems();
  LAST_YEAR_HEADERS.forEach((h, i) => checkLabel(sheet, 1, i + 1, h, problems));
  if (problems.list.length > 0) return problems.result('labels-changed', LABELS_CHANGED);
  const textKeys = new Set<string>(FORMAT.sections.map((x) => x.textKey));
  let year: number | undefined;
  const text: Record<string, string> = {};
  const cells: Record<string, number> = {};
  for (let row = 2; row <= sheet.lastRow; row++) {
    const key = textOf(sheet.cell(row, 1)).trim();
    if (key === '') continue;
    const v = sheet.cell(row, 2);
    if (key === LAST_YEAR_KEY.year) {
      year = numberOf(v);
      if (year === undefined) problems.add(`${where(SHEET.lastYear, row, 2, '上年年度')}应为年份，实际为${describe(v)}`);
    } else if (key.startsWith(LAST_YEAR_KEY.text) && textKeys.has(key.slice(LAST_YEAR_KEY.text.length))) {
      const k = key.slice(LAST_YEAR_KEY.text.length);
      text[k] = (text[k] ?? '') + textOf(v);
    } else if (CELLS.byId.has(key)) {
      const n = numberOf(v);
      if (n === undefined) problems.add(`${where(SHEET.lastYear, row, 2, `上年数据${key}`)}应为数字，实际为${describe(v)}`);
      else cells[key] = n;
    } else {
      problems.add(`${where(SHEET.lastYear, row, 1)}不是可识别的上年数据项目（实际为${describe(sheet.cell(row, 1))}）`);
    }
  }
  if (year === undefined && problems.list.length === 0) problems.add(`工作表“${SHEET.lastYear}”中缺少上年年度（year）`);
  if (problems.list.length > 0) return problems.result('invalid-last-year');
  return ok({ year, cells, text });
}

// ---------------------------------------------------------------------------------------------

/** A read workbook → the report document it holds, or the reason it cannot be imported. */
export function importBook(book: ReadBook): Result<WorkbookImport> {
  const info = readInfo(book);
  if (!info.ok) return info;
  const labels = verifyTableLabels(book);
  if (!labels.ok) return labels;
  const cells = readCells(book);
  if (!cells.ok) return cells;
  const text = readText(book);
  if (!text.ok) return text;
  const explanations = readExplanations(book);
  if (!explanations.ok) return explanations;
  const lastYear = readLastYear(book);
  if (!lastYear.ok) return lastYear;

  const raw = {
    ...info.value,
    cells: cells.value.cells,
    text: text.value,
    ...(Object.keys(explanations.value).length > 0 ? { explanations: explanations.value } : {}),
    ...(lastYear.value ? { lastYear: lastYear.value } : {}),
  };
  const doc = validateDocument(raw);
  if (!doc.ok) return doc;
  return ok({ doc: doc.value, findings: cells.value.findings });
}
