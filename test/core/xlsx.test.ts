/**
 * The workbook for superiors: what it holds (formulas with results, protection, validations on
 * exactly the entry cells, borders inside merges, text never turned into a formula) and that the
 * import gives back the same document, for the seed and for random documents.
 */
import type ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/checker/types';
import { effectiveCells, type ReportDocument } from '../../src/core/document';
import { CELLS, FORMAT, sectionByKey, tableGrid, type CellDef } from '../../src/core/format';
import { readWorkbook, writeWorkbook, xlsxFileName } from '../../src/core/xlsx';
import { exceljsPort } from '../../src/core/xlsx/exceljsAdapter';
import { address, placeOf, SHEET, tableSheetName, WORKBOOK_MARKER } from '../../src/core/xlsx/layout';
import type { NumberValidation, SheetCell } from '../../src/core/xlsx/port';
import { canonical, documentArb, findingsFor, loadWorkbook, seedDocument, sheetXml, valid } from './xlsx-helpers';

/** Index of the first differing UTF-16 unit, -1 when equal. */
function firstDifference(a: string, b: string): number {
  if (a === b) return -1;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

const TABLE_SHEETS = FORMAT.tables.map(tableSheetName);
const ALL_SHEETS = [SHEET.info, ...TABLE_SHEETS, SHEET.text, SHEET.findings, SHEET.data];

const addressOf = (def: CellDef): string => {
  const p = placeOf(def.id);
  return address(p.row, p.col);
};

interface XmlValidation {
  readonly sqref: string;
  readonly type: string | undefined;
  readonly operator: string | undefined;
  readonly formula1: string | undefined;
  /** Every cell the sqref covers, each range expanded. */
  readonly cells: readonly string[];
}

const colNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The cells of a sqref: space-separated A1 or A1:B2 references. */
function expandSqref(sqref: string): string[] {
  const out: string[] = [];
  for (const ref of sqref.trim().split(/\s+/)) {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
    if (!m) throw new Error(`not a cell or range: ${ref}`);
    const c1 = colNumber(m[1]!);
    const r1 = Number(m[2]);
    const c2 = m[3] ? colNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) out.push(address(r, c));
  }
  return out;
}

/** The <dataValidation> elements of a worksheet's XML, as written. */
function xmlValidations(sheet: string): XmlValidation[] {
  const out: XmlValidation[] = [];
  for (const m of sheet.matchAll(/<dataValidation\s([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)) {
    const attrs = new Map([...m[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    const sqref = attrs.get('sqref') ?? '';
    out.push({
      sqref,
      type: attrs.get('type'),
      operator: attrs.get('operator'),
      formula1: /<formula1>([^<]*)<\/formula1>/.exec(m[2] ?? '')?.[1],
      cells: expandSqref(sqref),
    });
  }
  return out;
}

/** Cells covered by more than one validation, and every covered cell with its validation. */
function coverage(validations: readonly XmlValidation[]): { twice: string[]; by: Map<string, XmlValidation> } {
  const by = new Map<string, XmlValidation>();
  const twice: string[] = [];
  for (const v of validations) {
    for (const a of v.cells) {
      if (by.has(a)) twice.push(`${a} (${by.get(a)!.sqref} and ${v.sqref})`);
      else by.set(a, v);
    }
  }
  return { twice, by };
}

async function roundTrip(doc: ReportDocument, findings: readonly Finding[] = []): Promise<{ doc: ReportDocument; findings: readonly Finding[] }> {
  const bytes = await writeWorkbook(doc, findings);
  const r = await readWorkbook(bytes);
  if (!r.ok) throw new Error(`import refused: ${r.error.message}`);
  return r.value;
}

describe('xlsx round trip', () => {
  it('the seed report comes back unchanged, with no import findings', async () => {
    const seed = seedDocument();
    const back = await roundTrip(seed);
    expect(back.findings).toEqual([]);
    expect(canonical(back.doc)).toEqual(canonical(seed));
  });

  it('random documents (cells, narrative starting with = + - @, unit, contact, explanations, last year) come back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        documentArb.chain((doc) => fc.tuple(fc.constant(doc), findingsFor(doc))),
        async ([doc, findings]) => {
          const back = await roundTrip(doc, findings);
          expect(back.findings).toEqual([]);
          expect(canonical(back.doc)).toEqual(canonical(doc));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('text longer than an Excel cell holds (32 767) is split over rows and joined again; characters outside the BMP survive', async () => {
    const seed = seedDocument();
    const long = `=${'政务公开😀'.repeat(14_000)}\n末尾`;
    const doc = valid({
      ...seed,
      text: { ...seed.text, overview: long, problems: `+${'a'.repeat(40_000)}`, other: '😀'.repeat(20_000), proactive: `a${'𠀋'.repeat(20_000)}` },
      lastYear: { year: 2023, cells: {}, text: { other: long } },
    });
    const back = await roundTrip(doc);
    // Compare by position of the first difference: printing 80 000 characters helps nobody.
    for (const key of ['overview', 'problems', 'other', 'proactive'] as const) expect(firstDifference(back.doc.text[key], doc.text[key]), key).toBe(-1);
    expect(firstDifference(back.doc.lastYear?.text.other ?? '', long)).toBe(-1);
  });

  it('a document whose total is not the sum of its parts keeps that total (as a number) and is flagged XL-1', async () => {
    const seed = seedDocument();
    const doc = valid({ ...seed, cells: { ...seed.cells, 'a.new.total': 99 } });
    const back = await roundTrip(doc);
    expect(back.doc.cells['a.new.total']).toBe(99);
    expect(back.findings.map((f) => f.id)).toEqual(['XL-1:a.new.total']);
  });

  it('an empty report (no cells, no text) round-trips', async () => {
    const doc = valid({ format: 'nianbao', schemaVersion: 1, unit: { name: '某某街道办事处', kind: 'government', level: 'township' }, year: 2025 });
    const back = await roundTrip(doc);
    expect(canonical(back.doc)).toEqual(canonical(doc));
  });

  it('reads a workbook handed over as a view into a larger buffer', async () => {
    const bytes = await writeWorkbook(seedDocument(), []);
    const big = new Uint8Array(bytes.length + 100);
    big.set(bytes, 37);
    const r = await readWorkbook(big.subarray(37, 37 + bytes.length));
    expect(r.ok).toBe(true);
  });

  it('names the file after the unit and year', () => {
    expect(xlsxFileName(seedDocument())).toBe('集贤县人民政府2024年政府信息公开工作年度报告.xlsx');
  });
});

describe('xlsx workbook contents', () => {
  let bytes: Uint8Array;
  let wb: ExcelJS.Workbook;
  let xml: Map<string, string>;
  const seed = seedDocument();
  const findings: Finding[] = [
    {
      id: 'T3-1:natural',
      rule: 'T3-1',
      severity: 'warning',
      cells: ['a.new.natural', 'a.done.natural'],
      message: '=自然人列不平衡',
      section: 'applications',
    },
  ];
  const doc = valid({
    ...seed,
    text: { ...seed.text, proactive: '=SUM(A1:A9)', applications: '+86 0454', review: '-3', other: '@无' },
    explanations: { 'T3-1:natural': '-已核实，系跨年度办理', 'S-9:gone': '旧说明' },
    lastYear: { year: 2023, cells: { 'a.next.natural': 2 }, text: { overview: '上年' } },
  });

  beforeAll(async () => {
    bytes = await writeWorkbook(doc, findings);
    wb = await loadWorkbook(bytes); // without ignoreNodes: validations are read too
    xml = sheetXml(bytes);
  });

  it('has the sheets in order, 上年数据 hidden', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([...ALL_SHEETS, SHEET.lastYear]);
    expect(wb.getWorksheet(SHEET.lastYear)!.state).toBe('hidden');
    for (const name of ALL_SHEETS) expect(wb.getWorksheet(name)!.state).toBe('visible');
    expect(wb.getWorksheet(SHEET.info)!.getCell('B2').value).toBe(WORKBOOK_MARKER);
  });

  it('protects every sheet, without a password', () => {
    for (const ws of wb.worksheets) {
      // exceljs reads protection back but its typings omit it
      const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string } }).sheetProtection;
      expect(protection?.sheet, ws.name).toBe(true);
      expect(protection?.hashValue, ws.name).toBeUndefined();
    }
    for (const [name, x] of xml) {
      const tag = /<sheetProtection [^>]*\/>/.exec(x)?.[0];
      expect(tag, name).toMatch(/sheet="1"/);
      expect(tag, name).not.toMatch(/hashValue|password|spinCount/);
    }
  });

  it('writes every total as a plain SUM formula over its parts, with its result', () => {
    const values = effectiveCells(doc.cells);
    for (const def of CELLS.derived) {
      const p = placeOf(def.id);
      const cell = wb.getWorksheet(p.sheet)!.getCell(p.row, p.col);
      expect(cell.type, def.id).toBe(6); // ValueType.Formula
      expect(cell.formula, def.id).toMatch(/^SUM\(/);
      expect(cell.result, def.id).toBe(values[def.id]);
      // the formula covers exactly the parts
      const refs = cell.formula.slice(4, -1);
      const parts = def.sumOf!.map((id) => addressOf(CELLS.byId.get(id)!));
      expect(refs === `${parts[0]}:${parts[parts.length - 1]}` || refs === parts.join(','), `${def.id}: ${refs}`).toBe(true);
    }
    for (const [name, x] of xml) expect(x, name).not.toMatch(/t="shared"|shareType/);
  });

  it('puts a validation on exactly the entry cells: whole ≥ 0, and decimal ≥ 0 for the fee', () => {
    for (const name of wb.worksheets.map((w) => w.name)) {
      const ws = wb.getWorksheet(name)!;
      const validated = new Set<string>();
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          if (cell.dataValidation) validated.add(cell.address);
        }),
      );
      const expected = new Set(CELLS.entered.filter((d) => placeOf(d.id).sheet === name).map(addressOf));
      expect([...validated].sort(), name).toEqual([...expected].sort());
    }
    for (const def of CELLS.entered) {
      const p = placeOf(def.id);
      const v = wb.getWorksheet(p.sheet)!.getCell(p.row, p.col).dataValidation;
      expect(v.type, def.id).toBe(def.id === 'p.fees' ? 'decimal' : 'whole');
      expect(v.operator).toBe('greaterThanOrEqual');
      expect(v.formulae).toEqual([0]);
      expect(v.showErrorMessage).toBe(true);
      expect(v.error).toMatch(/不小于0/);
    }
    // never a whole column or row range
    for (const [name, x] of xml) {
      for (const m of x.matchAll(/sqref="([^"]+)"/g)) expect(m[1], name).not.toMatch(/\d{6,}|^[A-Z]+:[A-Z]+$/);
    }
  });

  it('writes each rule once per cell: no overlapping ranges, exactly the entry cells (seed workbook, as written)', async () => {
    const seedXml = sheetXml(await writeWorkbook(seedDocument(), []));
    expect([...seedXml.keys()]).toEqual(ALL_SHEETS);
    for (const [name, x] of seedXml) {
      const validations = xmlValidations(x);
      const { twice, by } = coverage(validations);
      expect(twice, name).toEqual([]);
      const entered = new Map(CELLS.entered.filter((d) => placeOf(d.id).sheet === name).map((d) => [addressOf(d), d]));
      expect([...by.keys()].sort(), name).toEqual([...entered.keys()].sort());
      for (const [a, def] of entered) {
        const v = by.get(a)!;
        expect(v.type, `${name}!${a}`).toBe(def.kind === 'money' ? 'decimal' : 'whole');
        expect(v.operator, `${name}!${a}`).toBe('greaterThanOrEqual');
        expect(v.formula1, `${name}!${a}`).toBe('0');
      }
      expect(/<dataValidations count="(\d+)"/.exec(x)?.[1] ?? '0', name).toBe(String(validations.length));
    }
    const fees = placeOf('p.fees');
    expect(coverage(xmlValidations(seedXml.get(fees.sheet)!)).by.get(address(fees.row, fees.col))?.type).toBe('decimal');
  });

  it('unlocks the entry cells only; labels and totals stay locked', () => {
    for (const t of FORMAT.tables) {
      const ws = wb.getWorksheet(tableSheetName(t))!;
      for (const row of tableGrid(t).rows) {
        for (const g of row.cells) {
          const cell = ws.getCell(g.r + 2, g.c + 1);
          const entry = g.type === 'value' && !CELLS.byId.get(g.id)!.sumOf;
          expect(cell.protection?.locked ?? true, cell.address).toBe(!entry);
        }
      }
    }
    for (const name of [SHEET.info, SHEET.text, SHEET.findings, SHEET.data]) {
      wb.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => expect(cell.protection?.locked ?? true, `${name}!${cell.address}`).toBe(true)));
    }
  });

  it('lays each table out like the official one: labels from the format, merges, a border on every cell', () => {
    for (const t of FORMAT.tables) {
      const ws = wb.getWorksheet(tableSheetName(t))!;
      expect(ws.getCell('A1').value).toBe(sectionByKey(t.section).heading);
      const merges = new Set((ws.model as unknown as { merges: string[] }).merges);
      for (const row of tableGrid(t).rows) {
        for (const g of row.cells) {
          const top = g.r + 2;
          const left = g.c + 1;
          if (g.type === 'label') expect(ws.getCell(top, left).value).toBe(g.text);
          if (g.rowSpan > 1 || g.colSpan > 1) {
            expect(merges.has(`${address(top, left)}:${address(top + g.rowSpan - 1, left + g.colSpan - 1)}`), address(top, left)).toBe(true);
          }
          for (let r = top; r < top + g.rowSpan; r++) {
            for (let c = left; c < left + g.colSpan; c++) {
              const b = ws.getCell(r, c).border;
              for (const side of ['top', 'left', 'bottom', 'right'] as const) expect(b?.[side]?.style, `${address(r, c)} ${side}`).toBe('thin');
            }
          }
          if (g.type === 'label') expect(ws.getCell(top, left).alignment?.wrapText).toBe(true);
        }
      }
      for (let c = 1; c <= t.gridColumns; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(6);
      expect(ws.getCell(3, 1).font?.name).toBe('宋体');
    }
  });

  it('writes text that starts with = + - @ as text, never as a formula', () => {
    const ws = wb.getWorksheet(SHEET.text)!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => {
      expect(cell.type, cell.address).not.toBe(6);
      if (typeof cell.value === 'string') texts.push(cell.value);
    }));
    expect(texts).toEqual(expect.arrayContaining(['=SUM(A1:A9)', '+86 0454', '-3', '@无']));
    expect(xml.get(SHEET.text)).not.toMatch(/<f>/);
    expect(xml.get(SHEET.findings)).not.toMatch(/<f>/);
  });

  it('lists every finding with its severity in Chinese and its explanation, and keeps explanations of findings not seen now', () => {
    const ws = wb.getWorksheet(SHEET.findings)!;
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '规则', '严重程度', '问题', '涉及单元格', '出错说明', '检查项编号']);
    expect(ws.getCell('B2').value).toBe('T3-1');
    expect(ws.getCell('C2').value).toBe('警告');
    expect(ws.getCell('D2').value).toBe('=自然人列不平衡');
    expect(ws.getCell('E2').value).toBe('依申请公开!D5（一、本年新收政府信息公开申请数量，自然人）\n依申请公开!D28（（七）总计，自然人）');
    expect(ws.getCell('F2').value).toBe('-已核实，系跨年度办理');
    expect(ws.getCell('G2').value).toBe('T3-1:natural');
    expect(ws.getCell('F3').value).toBe('旧说明');
    expect(ws.getCell('G3').value).toBe('S-9:gone');
  });

  it('has a 数据 sheet with one row per cell id, each value a formula pointing at the table cell', () => {
    const ws = wb.getWorksheet(SHEET.data)!;
    const values = effectiveCells(doc.cells);
    CELLS.all.forEach((def, i) => {
      const row = i + 2;
      const p = placeOf(def.id);
      expect(ws.getCell(row, 1).value).toBe(def.id);
      const cell = ws.getCell(row, 5);
      expect(cell.formula).toBe(`IF(ISBLANK('${p.sheet}'!${address(p.row, p.col)}),"",'${p.sheet}'!${address(p.row, p.col)})`);
      expect(cell.result, def.id).toBe(values[def.id]);
      expect(ws.getCell(row, 6).value).toBe(def.sumOf ? '合计' : '填报');
    });
  });

  it('shows unit, year, contact and format on 基本信息', () => {
    const ws = wb.getWorksheet(SHEET.info)!;
    const rows = new Map<string, unknown>();
    ws.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('单位名称')).toBe('集贤县人民政府');
    expect(rows.get('单位类型')).toBe('人民政府（含乡镇人民政府、街道办事处）');
    expect(rows.get('单位层级')).toBe('县、县级市、市辖区');
    expect(rows.get('报告年度')).toBe(2024);
    expect(rows.get('报告格式')).toBe('国办公开办函〔2021〕30号');
    expect(rows.get('文件版本')).toBe(1);
    expect(ws.getCell('A1').value).toBe('集贤县人民政府2024年政府信息公开工作年度报告');
  });
});

describe('xlsx validation ranges (adapter)', () => {
  const WHOLE: NumberValidation = { type: 'whole', min: 0, errorTitle: '数据不正确', error: '整数' };
  const DECIMAL: NumberValidation = { type: 'decimal', min: 0, errorTitle: '数据不正确', error: '金额' };
  /** Equal to WHOLE but another object: must be written as the same rule. */
  const WHOLE_AGAIN: NumberValidation = { ...WHOLE };
  const RULES = [WHOLE, DECIMAL, WHOLE_AGAIN, undefined] as const;

  it('any cells of any rules are written as disjoint ranges covering exactly those cells', async () => {
    const cellArb = fc.record({ row: fc.integer({ min: 1, max: 14 }), col: fc.integer({ min: 1, max: 30 }), rule: fc.integer({ min: 0, max: 3 }) });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(cellArb, { selector: (c) => `${c.row},${c.col}`, maxLength: 120 }), async (picked) => {
        const cells: SheetCell[] = picked.map(({ row, col, rule }) => ({ row, col, ...(RULES[rule] ? { validation: RULES[rule] } : {}) }));
        const bytes = await exceljsPort.write({
          title: 't',
          creator: 't',
          sheets: [{ name: 'S', columnWidths: [], rowHeights: new Map(), cells, merges: [], protect: false, print: { landscape: false } }],
        });
        const { twice, by } = coverage(xmlValidations(sheetXml(bytes).get('S')!));
        expect(twice).toEqual([]);
        const expected = new Map(cells.filter((c) => c.validation).map((c) => [address(c.row, c.col), c.validation!.type]));
        expect([...by.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [a, type] of expected) expect(by.get(a)!.type, a).toBe(type);
      }),
      { numRuns: 60 },
    );
  });
});
