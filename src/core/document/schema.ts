/**
 * Reading a report document: size limit, JSON, migration, then a zod schema. Every problem becomes
 * one clear Chinese message that says what is wrong and where; a document never half-loads.
 */
import { z } from 'zod';
import { CELLS, UNIT_KINDS, UNIT_LEVELS } from '../format';
import { fail, ok, type Result } from '../result';
import { migrate } from './migrate';
import { CURRENT_SCHEMA_VERSION, DOCUMENT_FORMAT, type ReportDocument } from './types';

/** A report file is a few kilobytes; anything above this is not one. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** The longest narrative field accepted, in characters. */
export const MAX_TEXT_CHARS = 200_000;

const TEXT_KEYS = ['overview', 'proactive', 'applications', 'review', 'problems', 'other'] as const;

/**
 * Narrative text, normalised on read: line ends become \n and invisible control characters (which
 * Word and Excel files cannot hold) are dropped, so every export round-trips exactly.
 */
const text = z
  .string()
  .max(MAX_TEXT_CHARS)
  // eslint-disable-next-line no-control-regex
  .transform((s) => s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''));
const cellValue = z.number().refine(Number.isFinite);
const cellsSchema = z
  .record(z.string(), z.union([cellValue, z.null()]))
  .superRefine((cells, ctx) => {
    for (const id of Object.keys(cells)) {
      if (!CELLS.byId.has(id)) ctx.addIssue({ code: 'custom', path: [id], message: 'unknown-cell' });
    }
  })
  .transform((cells) => {
    const out: Record<string, number> = {};
    for (const [id, v] of Object.entries(cells)) if (typeof v === 'number') out[id] = v;
    return out;
  });

const textSchema = z
  .object(Object.fromEntries(TEXT_KEYS.map((k) => [k, text.optional()])) as Record<(typeof TEXT_KEYS)[number], z.ZodOptional<typeof text>>)
  .transform((t) => Object.fromEntries(TEXT_KEYS.map((k) => [k, t[k] ?? ''])) as Record<(typeof TEXT_KEYS)[number], string>);

const unitSchema = z.object({
  name: z.string().max(200),
  kind: z.enum(Object.keys(UNIT_KINDS) as [keyof typeof UNIT_KINDS, ...(keyof typeof UNIT_KINDS)[]]),
  level: z.enum(Object.keys(UNIT_LEVELS) as [keyof typeof UNIT_LEVELS, ...(keyof typeof UNIT_LEVELS)[]]).optional(),
});

const year = z.number().int().min(2008).max(2100);

export const documentSchema = z.looseObject({
  format: z.literal(DOCUMENT_FORMAT),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  formatVersion: z.literal('2021').default('2021'),
  unit: unitSchema,
  year,
  cells: cellsSchema.prefault({}),
  text: textSchema.prefault({}),
  contact: z
    .object({
      person: z.string().max(100).optional(),
      phone: z.string().max(100).optional(),
      address: z.string().max(300).optional(),
      email: z.string().max(200).optional(),
    })
    .optional(),
  publishedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  explanations: z.record(z.string().max(200), z.string().max(5000)).optional(),
  lastYear: z
    .object({
      year,
      cells: cellsSchema,
      text: z.object(Object.fromEntries(TEXT_KEYS.map((k) => [k, text.optional()]))).default({}),
    })
    .optional(),
  updatedAt: z.string().max(64).optional(),
});

const FIELD_NAMES: Record<string, string> = {
  format: '文件类型(format)',
  schemaVersion: '文件版本(schemaVersion)',
  formatVersion: '格式版本(formatVersion)',
  unit: '单位(unit)',
  'unit.name': '单位名称(unit.name)',
  'unit.kind': '单位类型(unit.kind)',
  'unit.level': '单位层级(unit.level)',
  year: '年度(year)',
  cells: '表格数据(cells)',
  text: '正文(text)',
  publishedAt: '发布日期(publishedAt)',
  explanations: '出错说明(explanations)',
  lastYear: '上年数据(lastYear)',
  contact: '联系方式(contact)',
};

const describeValue = (v: unknown): string => {
  if (v === undefined) return '缺失';
  if (v === null) return '空值';
  if (typeof v === 'string') return `文本“${v.length > 20 ? `${v.slice(0, 20)}…` : v}”`;
  if (typeof v === 'number') return `数字${v}`;
  if (typeof v === 'boolean') return v ? '真值true' : '真值false';
  if (Array.isArray(v)) return '数组';
  return '对象';
};

const getAt = (root: unknown, path: readonly PropertyKey[]): unknown => {
  let cur: unknown = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
};

/** One Chinese sentence for the first schema problem: where, what was expected, what was found. */
function explainIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path;
  const found = getAt(raw, path);
  const inCells = (path[0] === 'cells' || (path[0] === 'lastYear' && path[1] === 'cells')) && path.length >= 2;
  if (inCells) {
    const id = String(path[path.length - 1]);
    const where = path[0] === 'lastYear' ? '上年数据中' : '';
    if (issue.message === 'unknown-cell') return `${where}表格数据中有未知的单元格编号“${id}”，这不是本格式的单元格。`;
    const def = CELLS.byId.get(id);
    const label = def ? `（${def.rowName}，${def.colName}）` : '';
    return `${where}单元格 ${id}${label} 的值应为数字，实际为${describeValue(found)}。`;
  }
  const key = path.map(String).join('.');
  const name = FIELD_NAMES[key] ?? (key.startsWith('text.') ? `正文字段(${key})` : key || '文件');
  if (path[0] === 'text' && typeof found === 'string' && found.length > MAX_TEXT_CHARS) {
    return `${name}过长（${found.length}字），每部分正文不能超过${MAX_TEXT_CHARS}字。`;
  }
  if (key === 'unit.kind') return `${name}应为 government（人民政府）、department（部门）或 other（其他），实际为${describeValue(found)}。`;
  if (key === 'unit.level') return `${name}应为 province、city、county 或 township，实际为${describeValue(found)}。`;
  if (key === 'year') return `${name}应为2008至2100之间的整数年份，实际为${describeValue(found)}。`;
  if (key === 'publishedAt') return `${name}应为“YYYY-MM-DD”格式的日期，实际为${describeValue(found)}。`;
  if (found === undefined) return `缺少必填项：${name}。`;
  return `${name}的内容不正确（实际为${describeValue(found)}）。`;
}

/** Parse and validate a document from an already-parsed JSON value. */
export function validateDocument(raw: unknown): Result<ReportDocument> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail('not-object', '文件内容不是年报助手的报告：最外层应为一个对象（{…}）。');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== DOCUMENT_FORMAT) {
    return fail(
      'foreign',
      obj.format === undefined
        ? '这不是年报助手的报告文件：缺少 "format": "nianbao" 标记。'
        : `这不是年报助手的报告文件：文件类型为“${typeof obj.format === 'string' ? obj.format : describeValue(obj.format)}”，应为“nianbao”。`,
    );
  }
  const migrated = migrate(obj);
  if (!migrated.ok) return migrated;
  const parsed = documentSchema.safeParse(migrated.value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = explainIssue(issues[0]!, migrated.value);
    const more = issues.length > 1 ? `（另有${issues.length - 1}处问题）` : '';
    return fail('invalid', `报告文件内容有误：${first}${more}`);
  }
  return ok(parsed.data as unknown as ReportDocument);
}

/** Line and column of a character offset, for JSON syntax errors. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, col: offset - last };
}

/** UTF-8 size of a string, counting no further than `stop` bytes. */
function utf8Length(s: string, stop: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n < stop; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Parse a document from the text of a file. */
export function parseDocument(textContent: string): Result<ReportDocument> {
  const bytes = utf8Length(textContent, MAX_DOCUMENT_BYTES + 1);
  if (bytes > MAX_DOCUMENT_BYTES) {
    return fail(
      'too-large',
      `文件过大（超过${MAX_DOCUMENT_BYTES / 1024 / 1024} MB），报告文件通常只有几十KB，请确认选择了正确的文件。`,
    );
  }
  const trimmed = textContent.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') return fail('empty', '文件是空的，没有任何内容。');
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const where = m ? `（第${lineCol(trimmed, Number(m[1])).line}行第${lineCol(trimmed, Number(m[1])).col}列附近）` : '';
    return fail('not-json', `文件不是有效的 JSON 格式${where}，可能已损坏或不是报告文件。`);
  }
  return validateDocument(raw);
}

/** The canonical text of a document: cells in printed order, two-space indentation. */
export function serializeDocument(doc: ReportDocument): string {
  const cells: Record<string, number> = {};
  for (const c of CELLS.all) {
    const v = doc.cells[c.id];
    if (v !== undefined) cells[c.id] = v;
  }
  return `${JSON.stringify({ ...doc, cells }, null, 2)}\n`;
}
