/**
 * Test helpers for the XLSX tests: the seed document, random documents, a tiny ZIP reader and
 * writer (node:zlib), and editing a workbook with exceljs as a user's spreadsheet program would.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { Finding } from '../../src/core/checker/types';
import { validateDocument, withDerivedCells, type ReportDocument } from '../../src/core/document';
import { CELLS, FORMAT, UNIT_KINDS, UNIT_LEVELS, type TextKey } from '../../src/core/format';
import { SEED } from '../helpers/paths';

export function seedDocument(): ReportDocument {
  const raw: unknown = JSON.parse(readFileSync(SEED, 'utf8'));
  const r = validateDocument(raw);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Validate (and so normalize) a document built in a test. */
export function valid(raw: unknown): ReportDocument {
  const r = validateDocument(raw);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Comparable form: the canonical JSON, parsed (key order does not matter to toEqual). */
export const canonical = (doc: ReportDocument): unknown => JSON.parse(JSON.stringify(doc));

// ---------------------------------------------------------------------------------------------
// Random documents

const CHARS = [
  ...'政府信息公开工作年度报告总体情况主动依申请复议诉讼一二三四（）、，。“”：；《》',
  ...'0123456789abcXYZ .,;:!?/\\#%*()[]{}',
  '\n',
  '\t',
  '\u3000',
  '😀',
  '𠀋',
  '=',
  '+',
  '-',
  '@',
  '<',
  '>',
  '&',
  '"',
  "'",
];
const PREFIXES = ['', '', '', '=', '+', '-', '@', ' ', '\n', '=SUM(A1:A2)', '=1+1', '-3', '+86 ', '@foo', '  lead'];

export const textArb = (maxLength = 60): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...PREFIXES), fc.array(fc.constantFrom(...CHARS), { maxLength }), fc.constantFrom('', '', ' ', '\n'))
    .map(([p, cs, s]) => p + cs.join('') + s);

export const nonEmptyTextArb = (maxLength = 40): fc.Arbitrary<string> => textArb(maxLength).filter((s) => s.length > 0);

const TEXT_KEYS = FORMAT.sections.map((s) => s.textKey);

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const dateArb = fc.date({ min: new Date('2009-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });

const valueArb = (kind: 'count' | 'money'): fc.Arbitrary<number> =>
  kind === 'money' ? fc.integer({ min: 0, max: 1_000_000_000 }).map((k) => k / 10_000) : fc.nat({ max: 200_000 });

/** Random valid values for a random subset of the entered cells, totals derived. */
export const cellsArb: fc.Arbitrary<Record<string, number>> = fc
  .subarray([...CELLS.entered])
  .chain((defs) => fc.tuple(...defs.map((d) => valueArb(d.kind).map((v) => [d.id, v] as const))))
  .map((pairs) => withDerivedCells(Object.fromEntries(pairs)));

const anyCellsArb: fc.Arbitrary<Record<string, number>> = fc
  .subarray([...CELLS.all])
  .chain((defs) => fc.tuple(...defs.map((d) => fc.integer({ min: -5, max: 100_000 }).map((v) => [d.id, d.kind === 'money' ? v / 1000 : v] as const))))
  .map((pairs) => Object.fromEntries(pairs));

const explanationIdArb = fc.oneof(
  fc.constantFrom('T3-1:natural', 'T3-1:total', 'S-1', 'X-2:a.new.total', 'S-4:overview', 'XL-1:a.new.total'),
  nonEmptyTextArb(20),
);

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

export const documentArb: fc.Arbitrary<ReportDocument> = fc
  .record({
    name: textArb(40),
    kind: fc.constantFrom(...(Object.keys(UNIT_KINDS) as (keyof typeof UNIT_KINDS)[])),
    level: optional(fc.constantFrom(...(Object.keys(UNIT_LEVELS) as (keyof typeof UNIT_LEVELS)[]))),
    year: fc.integer({ min: 2008, max: 2100 }),
    cells: cellsArb,
    // Now and then a narrative long enough to cross the 16 384-character blocks of the zip writer.
    text: fc.tuple(...TEXT_KEYS.map(() => fc.oneof({ weight: 5, arbitrary: textArb(120) }, { weight: 1, arbitrary: textArb(40).map((t) => `${t}😀`.repeat(700)) }))),
    contact: optional(
      fc.record(
        { person: nonEmptyTextArb(20), phone: nonEmptyTextArb(20), address: nonEmptyTextArb(60), email: nonEmptyTextArb(30) },
        { requiredKeys: ['person'] },
      ),
    ),
    publishedAt: optional(dateArb.map(isoDate)),
    explanations: optional(fc.dictionary(explanationIdArb, nonEmptyTextArb(80), { minKeys: 1, maxKeys: 4 })),
    lastYear: optional(
      fc.record({
        year: fc.integer({ min: 2008, max: 2100 }),
        cells: anyCellsArb,
        text: fc.subarray(TEXT_KEYS).chain((keys) => fc.tuple(...keys.map((k) => textArb(60).map((t) => [k, t] as const)))),
      }),
    ),
    updatedAt: optional(dateArb.map((d) => d.toISOString())),
  })
  .map((r) =>
    valid({
      format: 'nianbao',
      schemaVersion: 1,
      formatVersion: '2021',
      unit: { name: r.name, kind: r.kind, ...(r.level ? { level: r.level } : {}) },
      year: r.year,
      cells: r.cells,
      text: Object.fromEntries(TEXT_KEYS.map((k, i) => [k, r.text[i]])) as Record<TextKey, string>,
      ...(r.contact ? { contact: r.contact } : {}),
      ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}),
      ...(r.explanations ? { explanations: r.explanations } : {}),
      ...(r.lastYear ? { lastYear: { ...r.lastYear, text: Object.fromEntries(r.lastYear.text) } } : {}),
      ...(r.updatedAt ? { updatedAt: r.updatedAt } : {}),
    }),
  );

/** Findings to print with a document: some about its explanations, some about random cells. */
export const findingsFor = (doc: ReportDocument): fc.Arbitrary<Finding[]> =>
  fc
    .tuple(
      fc.subarray(Object.keys(doc.explanations ?? {})),
      fc.array(fc.tuple(fc.constantFrom('T3-1', 'T2-1', 'S-4', 'X-3'), fc.subarray(CELLS.all.map((c) => c.id), { maxLength: 3 })), { maxLength: 3 }),
      fc.constantFrom('error', 'warning', 'info') as fc.Arbitrary<Finding['severity']>,
    )
    .map(([explained, others, severity]) => [
      ...explained.map((id) => ({ id, rule: id.split(':')[0] ?? id, severity, cells: [], message: `关于${id}的检查结果`, section: 'basic' as const })),
      ...others.map(([rule, cells], i) => ({ id: `${rule}:random${i}`, rule, severity, cells, message: `${rule}：=SUM(A1)不一致`, section: 'applications' as const })),
    ]);

// ---------------------------------------------------------------------------------------------
// ZIP

export interface ZipEntryOut {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Every entry of a ZIP archive, inflated. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Worksheet XML by sheet name. */
export function sheetXml(bytes: Uint8Array): Map<string, string> {
  const files = unzip(bytes);
  const workbook = files.get('xl/workbook.xml')!.toString('utf8');
  const rels = files.get('xl/_rels/workbook.xml.rels')!.toString('utf8');
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)!;
    const path = (target[1] ?? target[2])!.replace(/^\/?(xl\/)?/, 'xl/');
    out.set(m[1]!, files.get(path)!.toString('utf8'));
  }
  return out;
}

/**
 * A ZIP archive whose entries may declare any uncompressed size (for bomb tests). Entries are
 * deflated unless `stored`; CRCs are zero (the guard must refuse before anyone checks them).
 */
export function makeZip(entries: readonly { name: string; content: Uint8Array; declaredSize?: number; stored?: boolean }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.stored ? Buffer.from(e.content) : deflateRawSync(e.content);
    const size = e.declaredSize ?? e.content.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.stored ? 0 : 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.stored ? 0 : 8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Math.min(size, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

// ---------------------------------------------------------------------------------------------
// Editing a workbook as a user's spreadsheet program would

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
}

export async function editWorkbook(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = await loadWorkbook(bytes);
  edit(wb);
  const out = await wb.xlsx.writeBuffer();
  return new Uint8Array(out as ArrayBuffer);
}

/** An OS temp directory name that is unique enough for one test run. */
export const uniqueSuffix = (): string => `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
