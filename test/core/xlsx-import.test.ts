/**
 * Importing workbooks that are not what the app wrote: changed or moved labels, other templates,
 * damaged files, zip bombs, oversized files, wrong values in number cells. Each is refused with a
 * Chinese message naming the sheet and the cell; a total typed over its formula is kept and
 * reported as XL-1. readWorkbook never throws.
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, writeWorkbook } from '../../src/core/xlsx';
import { editWorkbook, makeZip, seedDocument } from './xlsx-helpers';

const T3 = '依申请公开';
let seedBytes: Uint8Array;

beforeAll(async () => {
  seedBytes = await writeWorkbook(seedDocument(), []);
});

async function refusal(bytes: Uint8Array): Promise<{ code: string; message: string }> {
  const r = await readWorkbook(bytes);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('accepted');
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  return r.error;
}

const edited = (edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> => editWorkbook(seedBytes, edit);
const sheet = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => wb.getWorksheet(name)!;

describe('xlsx import: labels', () => {
  it('refuses a changed row label, naming sheet, cell, expected and actual text', async () => {
    const bytes = await edited((wb) => {
      sheet(wb, T3).getCell('A5').value = '一、本年新收申请数量';
    });
    const e = await refusal(bytes);
    expect(e.code).toBe('labels-changed');
    expect(e.message).toContain('工作表“依申请公开”单元格A5应为“一、本年新收政府信息公开申请数量”，实际为“一、本年新收申请数量”');
  });

  it('refuses moved labels (two column headers swapped; two row labels swapped)', async () => {
    const cols = await edited((wb) => {
      sheet(wb, T3).getCell('E4').value = '科研机构';
      sheet(wb, T3).getCell('F4').value = '商业企业';
    });
    const e1 = await refusal(cols);
    expect(e1.message).toContain('工作表“依申请公开”单元格E4应为“商业企业”，实际为“科研机构”');
    expect(e1.message).toContain('工作表“依申请公开”单元格F4应为“科研机构”，实际为“商业企业”');

    const rows = await edited((wb) => {
      sheet(wb, '主动公开').getCell('A4').value = '行政规范性文件';
      sheet(wb, '主动公开').getCell('A5').value = '规章';
    });
    expect((await refusal(rows)).message).toContain('工作表“主动公开”单元格A4应为“规章”，实际为“行政规范性文件”');
  });

  it('refuses a table shifted by an inserted row', async () => {
    const bytes = await edited((wb) => {
      sheet(wb, T3).insertRow(6, ['插入的行']);
    });
    const e = await refusal(bytes);
    expect(e.code).toBe('labels-changed');
    expect(e.message).toContain('工作表“依申请公开”单元格A6应为“二、上年结转政府信息公开申请数量”，实际为“插入的行”');
    expect(e.message).toMatch(/另有\d+处类似问题。表格的行列标题被改动或移动过/);
  });

  it('refuses a header label moved to another cell', async () => {
    const bytes = await edited((wb) => {
      const ws = sheet(wb, '复议诉讼');
      ws.unMergeCells('A2:E2');
      ws.getCell('A2').value = null;
      ws.getCell('B2').value = '行政复议';
    });
    const e = await refusal(bytes);
    expect(e.message).toContain('工作表“复议诉讼”单元格A2应为“行政复议”，实际为空白');
  });

  it('accepts labels that differ only in whitespace or are rich text', async () => {
    const bytes = await edited((wb) => {
      sheet(wb, T3).getCell('A5').value = ' 一、本年新收政府信息公开\n申请数量　';
      sheet(wb, T3).getCell('E4').value = { richText: [{ text: '商业' }, { font: { bold: true }, text: '企业' }] };
    });
    const r = await readWorkbook(bytes);
    expect(r.ok).toBe(true);
  });

  it('refuses a changed 正文 heading and a changed 基本信息 label', async () => {
    const text = await edited((wb) => {
      sheet(wb, '正文').getCell('A3').value = '二、主动公开情况';
    });
    expect((await refusal(text)).message).toContain('工作表“正文”单元格A3应为“二、主动公开政府信息情况”，实际为“二、主动公开情况”');
    const info = await edited((wb) => {
      sheet(wb, '基本信息').getCell('A3').value = '单位';
    });
    expect((await refusal(info)).message).toContain('工作表“基本信息”单元格A3应为“单位名称”，实际为“单位”');
  });

  it('refuses a workbook from a newer version of the app', async () => {
    const newerLayout = await edited((wb) => {
      sheet(wb, '基本信息').getCell('B2').value = 'nianbao-workbook/2';
    });
    expect((await refusal(newerLayout)).code).toBe('newer-workbook');
    const newerSchema = await edited((wb) => {
      sheet(wb, '基本信息').getCell('B13').value = 2;
    });
    const e = await refusal(newerSchema);
    expect(e.code).toBe('newer-version');
    expect(e.message).toContain('请升级年报助手');
  });

  it('refuses a workbook that lacks a table sheet', async () => {
    const bytes = await edited((wb) => {
      wb.removeWorksheet(sheet(wb, '复议诉讼').id);
    });
    expect((await refusal(bytes)).message).toContain('缺少工作表“复议诉讼”');
  });
});

describe('xlsx import: other files', () => {
  it('refuses another template or a random workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表1');
    ws.addRow(['一、本年新收政府信息公开申请数量', 24, 0, 0]);
    const other = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const e = await refusal(other);
    expect(e.code).toBe('foreign');
    expect(e.message).toContain('这不是年报助手导出的工作簿');
    expect(e.message).toContain('找不到工作表“基本信息”');

    const similar = await edited((wb2) => {
      sheet(wb2, '基本信息').getCell('B2').value = 'my-template';
    });
    const e2 = await refusal(similar);
    expect(e2.code).toBe('foreign');
    expect(e2.message).toContain('工作表“基本信息”单元格B2（文件标识）应为“nianbao-workbook/1”，实际为“my-template”');
  });

  it('refuses an empty file, a file of other bytes, an old .xls, and damaged bytes', async () => {
    expect((await refusal(new Uint8Array(0))).message).toContain('文件是空的');
    expect((await refusal(new TextEncoder().encode('{"format":"nianbao"}'))).message).toContain('不是Excel工作簿');
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await refusal(ole)).message).toContain('旧版Excel（.xls）');

    const truncated = seedBytes.slice(0, Math.floor(seedBytes.length / 2));
    expect((await refusal(truncated)).message).toContain('已损坏');

    const flipped = seedBytes.slice();
    for (let i = 200; i < 2000; i += 7) flipped[i] = flipped[i]! ^ 0x5a; // inside the first entries' deflate data
    expect((await refusal(flipped)).message).toContain('已损坏');
  });

  it('refuses a file far too large before reading it', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const t0 = performance.now();
    const e = await refusal(big);
    expect(e.code).toBe('too-large');
    expect(e.message).toContain('文件过大（10.0 MB）');
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('refuses zip bombs: declared size too large, header that lies, absurd ratio, too many entries', async () => {
    const declared = makeZip([{ name: 'xl/worksheets/sheet1.xml', content: new Uint8Array(100), declaredSize: 60 * 1024 * 1024 }]);
    const e1 = await refusal(declared);
    expect(e1.code).toBe('zip-bomb');
    expect(e1.message).toContain('超过50 MB');

    // 60 MB of zeros deflate to ~60 KB; the header says 1 000 bytes. The guard stops inflating early.
    const zeros = new Uint8Array(60 * 1024 * 1024);
    const lying = makeZip([
      { name: '[Content_Types].xml', content: new TextEncoder().encode('<Types/>') },
      { name: 'xl/sharedStrings.xml', content: zeros, declaredSize: 1000 },
    ]);
    const t0 = performance.now();
    const e2 = await refusal(lying);
    expect(e2.code).toBe('zip-bomb');
    expect(e2.message).toContain('“xl/sharedStrings.xml”解压后超过其声明的大小');
    expect(performance.now() - t0).toBeLessThan(2000);

    const ratio = makeZip([{ name: 'xl/styles.xml', content: new Uint8Array(20 * 1024 * 1024) }]);
    const e3 = await refusal(ratio);
    expect(e3.code).toBe('zip-bomb');
    expect(e3.message).toContain('压缩比');

    const many = makeZip(Array.from({ length: 2500 }, (_, i) => ({ name: `x/${i}.xml`, content: new Uint8Array(1), stored: true })));
    const e4 = await refusal(many);
    expect(e4.code).toBe('zip-bomb');
    expect(e4.message).toContain('2500个文件');
  });

  it('never throws, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 4000 }),
          fc.uint8Array({ maxLength: 4000 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
          fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat({ max: 40 })).map(([at, x, n]) => {
            const b = seedBytes.slice();
            for (let i = 0; i < n + 1; i++) {
              const k = (at + i * 997) % b.length;
              b[k] = b[k]! ^ x;
            }
            return b;
          }),
        ),
        async (bytes) => {
          const r = await readWorkbook(bytes);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a raw deflate of zeros really is small (the bomb above is cheap to build)', () => {
    expect(deflateRawSync(new Uint8Array(1024 * 1024)).length).toBeLessThan(2048);
  });
});

describe('xlsx import: values', () => {
  const cellMessage = (addr: string, label: string, expectation: string, actual: string): string =>
    `工作表“依申请公开”单元格${addr}（${label}）应为${expectation}，实际为“${actual}”`;

  it('refuses text in a number cell, naming sheet, cell and labels', async () => {
    const bytes = await edited((wb) => {
      sheet(wb, T3).getCell('D5').value = '25件';
    });
    const e = await refusal(bytes);
    expect(e.code).toBe('invalid-cell');
    expect(e.message).toContain(cellMessage('D5', '一、本年新收政府信息公开申请数量，自然人', '不小于0的整数', '25件'));
  });

  it('refuses a negative count and a decimal count (as number or as text)', async () => {
    const bytes = await edited((wb) => {
      sheet(wb, T3).getCell('D5').value = -3;
      sheet(wb, T3).getCell('E6').value = 1.5;
      sheet(wb, T3).getCell('F7').value = '1.5';
    });
    const e = await refusal(bytes);
    expect(e.message).toContain(cellMessage('D5', '一、本年新收政府信息公开申请数量，自然人', '不小于0的整数', '-3'));
    expect(e.message).toContain(cellMessage('E6', '二、上年结转政府信息公开申请数量，商业企业', '不小于0的整数', '1.5'));
    expect(e.message).toContain(cellMessage('F7', '（一）予以公开，科研机构', '不小于0的整数', '1.5'));
  });

  it('refuses a negative fee and a date in a count; accepts a decimal fee and a count typed as text digits', async () => {
    const bad = await edited((wb) => {
      sheet(wb, '主动公开').getCell('B15').value = -1.25;
      const cell = sheet(wb, '复议诉讼').getCell('A5');
      cell.value = new Date(Date.UTC(2024, 0, 2));
      cell.style = { ...cell.style, numFmt: 'yyyy-mm-dd' }; // what Excel does when a date is typed
    });
    const e = await refusal(bad);
    expect(e.message).toContain('工作表“主动公开”单元格B15（行政事业性收费，本年收费金额（单位：万元））应为不小于0的数（单位：万元），实际为“-1.25”');
    expect(e.message).toContain('工作表“复议诉讼”单元格A5（行政复议结果维持）应为不小于0的整数，实际为日期“2024-01-02”');

    const good = await edited((wb) => {
      sheet(wb, '主动公开').getCell('B15').value = 12.3456;
      sheet(wb, T3).getCell('D6').value = ' 7 ';
    });
    const r = await readWorkbook(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.doc.cells['p.fees']).toBe(12.3456);
    expect(r.value.doc.cells['a.carried.natural']).toBe(7);
  });

  it('reports a total typed over its formula as XL-1 and keeps the typed value', async () => {
    const bytes = await edited((wb) => {
      sheet(wb, T3).getCell('J5').value = 99;
    });
    const r = await readWorkbook(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.doc.cells['a.new.total']).toBe(99);
    expect(r.value.findings).toHaveLength(1);
    const f = r.value.findings[0]!;
    expect(f).toMatchObject({ id: 'XL-1:a.new.total', rule: 'XL-1', severity: 'warning', cells: ['a.new.total'], expected: 25, actual: 99, section: 'applications' });
    expect(f.message).toContain('工作表“依申请公开”单元格J5（一、本年新收政府信息公开申请数量，总计）是合计');
    expect(f.message).toContain('99');
    expect(f.message).toContain('25');
  });

  it('reports a total whose formula gives another result as XL-1', async () => {
    const bytes = await edited((wb) => {
      sheet(wb, T3).getCell('J5').value = { formula: 'SUM(D5:H5)', result: 24 } as ExcelJS.CellFormulaValue;
    });
    const r = await readWorkbook(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.doc.cells['a.new.total']).toBe(24);
    expect(r.value.findings.map((f) => [f.id, f.expected, f.actual])).toEqual([['XL-1:a.new.total', 25, 24]]);
  });

  it('computes a total whose formula has no stored result (a writer that does not calculate)', async () => {
    const bytes = await edited((wb) => {
      sheet(wb, T3).getCell('J5').value = { formula: 'SUM(D5:I5)' } as ExcelJS.CellFormulaValue;
    });
    const r = await readWorkbook(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.doc.cells['a.new.total']).toBe(25);
    expect(r.value.findings).toEqual([]);
  });

  it('refuses a bad year or unit kind on 基本信息, naming the cell', async () => {
    const bytes = await edited((wb) => {
      sheet(wb, '基本信息').getCell('B6').value = '2024年';
      sheet(wb, '基本信息').getCell('B4').value = '事业单位';
    });
    const e = await refusal(bytes);
    expect(e.message).toContain('工作表“基本信息”单元格B6（报告年度）应为2008至2100之间的整数年份，实际为“2024年”');
    expect(e.message).toContain('工作表“基本信息”单元格B4（单位类型）应为');
  });
});
