/**
 * The Word export, read back: the seed report is exported with both font sets, unzipped and its
 * WordprocessingML checked against GB/T 9704-2012 (page, grid, fonts, sizes, page numbers) and
 * against the format data (every heading and table label, the merges of every table, the
 * repeated header rows). Expected labels and merges come from the format, never from a copy.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { blankDocument, effectiveCells } from '../../src/core/document/cells';
import type { ReportDocument } from '../../src/core/document/types';
import { FONT_SETS, buildDocx, docxFileName, titleLines } from '../../src/core/export/docx';
import { formatValue } from '../../src/core/export/docx/tables';
import { FORMAT, reportTitle, sectionByKey, tableById, tableGrid, type GridCell, type TableId } from '../../src/core/format';
import { splitParagraphs } from '../../src/core/text/paragraphs';
import { SEED, repoRoot } from '../helpers/paths';

// ---------------------------------------------------------------------------------------------
// A small XML reader: enough for the well-formed parts docx writes.

interface El {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: El[];
  /** Character data directly inside the element. */
  text: string;
}

const decode = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function parseXml(xml: string): El {
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  const re = /<\?[^>]*\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += decode(m[5]);
      continue;
    }
    if (m[2] === undefined) continue; // processing instruction
    if (m[1] === '/') {
      const closed = stack.pop()!;
      if (closed.name !== m[2]) throw new Error(`XML: </${m[2]}> closes <${closed.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
    const el: El = { name: m[2], attrs, children: [], text: '' };
    top.children.push(el);
    if (m[4] !== '/') stack.push(el);
  }
  if (stack.length !== 1) throw new Error('XML: unclosed element');
  return root;
}

/** Descendants named `name` (not descending into matches). */
function all(el: El, name: string): El[] {
  const out: El[] = [];
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    else out.push(...all(c, name));
  }
  return out;
}
const kids = (el: El, name: string): El[] => el.children.filter((c) => c.name === name);
const first = (el: El, name: string): El | undefined => all(el, name)[0];
const only = (el: El, name: string): El => {
  const found = first(el, name);
  if (!found) throw new Error(`no <${name}> in <${el.name}>`);
  return found;
};
const val = (el: El | undefined, attr = 'w:val'): string | undefined => el?.attrs[attr];
/** An on/off property (w:b, w:tblHeader, …): present and not switched off. */
const isOn = (el: El | undefined): boolean => el !== undefined && !['false', '0', 'off'].includes(val(el) ?? 'true');
/** Text of a paragraph or cell: its w:t contents, a w:br as a newline. */
function textOf(el: El): string {
  let s = '';
  for (const c of el.children) {
    if (c.name === 'w:t') s += c.text;
    else if (c.name === 'w:br') s += '\n';
    else if (c.name !== 'w:pPr' && c.name !== 'w:rPr' && c.name !== 'w:instrText') s += textOf(c);
  }
  return s;
}
/** The run properties' East Asian face and size of a run. */
const runFace = (r: El) => {
  const rPr = kids(r, 'w:rPr')[0];
  const fonts = rPr && kids(rPr, 'w:rFonts')[0];
  return {
    eastAsia: fonts?.attrs['w:eastAsia'],
    ascii: fonts?.attrs['w:ascii'],
    hint: fonts?.attrs['w:hint'],
    size: Number(val(rPr && kids(rPr, 'w:sz')[0])),
    bold: rPr !== undefined && isOn(kids(rPr, 'w:b')[0]),
    spacing: val(rPr && kids(rPr, 'w:spacing')[0]),
  };
};
const textRuns = (p: El): El[] => kids(p, 'w:r').filter((r) => kids(r, 'w:t').length > 0);
const pPr = (p: El): El => kids(p, 'w:pPr')[0] ?? { name: 'w:pPr', attrs: {}, children: [], text: '' };

// ---------------------------------------------------------------------------------------------

interface Export {
  readonly body: El;
  readonly paragraphs: El[];
  readonly tables: El[];
  readonly sectPr: El;
  readonly styles: El;
  readonly settings: El;
  readonly footers: Map<string, El>;
  readonly files: string[];
}

async function unpack(bytes: Uint8Array): Promise<Export> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string): Promise<El> => {
    const f = zip.file(name);
    if (!f) throw new Error(`no ${name} in the package`);
    return parseXml(await f.async('string'));
  };
  const document = await read('word/document.xml');
  const body = only(document, 'w:body');
  const sectPr = kids(body, 'w:sectPr')[0]!;
  // Footer part of each footerReference type, through the document relationships.
  const rels = await read('word/_rels/document.xml.rels');
  const target = new Map(all(rels, 'Relationship').map((r) => [r.attrs.Id!, r.attrs.Target!]));
  const footers = new Map<string, El>();
  for (const ref of kids(sectPr, 'w:footerReference')) {
    footers.set(ref.attrs['w:type']!, await read(`word/${target.get(ref.attrs['r:id']!)}`));
  }
  return {
    body,
    paragraphs: kids(body, 'w:p'),
    tables: kids(body, 'w:tbl'),
    sectPr,
    styles: await read('word/styles.xml'),
    settings: await read('word/settings.xml'),
    footers,
    files: Object.keys(zip.files),
  };
}

const seed = JSON.parse(readFileSync(SEED, 'utf8')) as ReportDocument;

const mmTwips = (mm: number): number => Math.round((mm * 1440) / 25.4);

/** One cell of a table as read back from the XML, placed on the grid. */
interface XmlCell {
  readonly r: number;
  readonly c: number;
  readonly colSpan: number;
  rowSpan: number;
  readonly text: string;
  readonly width: number;
  readonly tc: El;
}

/** The table's cells on the grid: vMerge continuations are folded into their restart cell's rowSpan. */
function readGrid(tbl: El): { cells: XmlCell[]; rows: El[]; cols: number[] } {
  const cols = kids(only(tbl, 'w:tblGrid'), 'w:gridCol').map((g) => Number(g.attrs['w:w']));
  const rows = kids(tbl, 'w:tr');
  const cells: XmlCell[] = [];
  const open = new Map<number, XmlCell>(); // grid column → restart cell being merged down
  rows.forEach((tr, r) => {
    let c = 0;
    for (const tc of kids(tr, 'w:tc')) {
      const tcPr = kids(tc, 'w:tcPr')[0]!;
      const colSpan = Number(val(kids(tcPr, 'w:gridSpan')[0]) ?? 1);
      const vMerge = kids(tcPr, 'w:vMerge')[0];
      const width = Number(kids(tcPr, 'w:tcW')[0]?.attrs['w:w']);
      if (vMerge && (val(vMerge) ?? 'continue') === 'continue') {
        const above = open.get(c);
        if (!above) throw new Error(`row ${r} col ${c}: vMerge continue without a restart above`);
        expect(colSpan).toBe(above.colSpan);
        expect(textOf(tc)).toBe('');
        above.rowSpan++;
      } else {
        const cell: XmlCell = { r, c, colSpan, rowSpan: 1, text: textOf(tc), width, tc };
        cells.push(cell);
        if (vMerge) open.set(c, cell);
        else open.delete(c);
      }
      c += colSpan;
    }
    expect(c, `row ${r} spans the whole grid`).toBe(cols.length);
  });
  return { cells, rows, cols };
}

const TABLE_IDS = FORMAT.sections.flatMap((s) => (s.table ? [s.table] : [])) as TableId[];

for (const fontSet of ['standard', 'common'] as const) {
  describe(`DOCX export of the seed report (${fontSet} fonts)`, () => {
    const fonts = FONT_SETS[fontSet];
    let x: Export;
    beforeAll(async () => {
      x = await unpack(await buildDocx(seed, { fonts: fontSet }));
    });

    it('is an OOXML package with its footers and styles', () => {
      for (const f of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/settings.xml']) {
        expect(x.files).toContain(f);
      }
    });

    it('sets the GB/T 9704 page: A4, margins 37/35/28/26 mm', () => {
      const pgSz = only(x.sectPr, 'w:pgSz');
      expect(pgSz.attrs['w:w']).toBe('11906');
      expect(pgSz.attrs['w:h']).toBe('16838');
      const m = only(x.sectPr, 'w:pgMar').attrs;
      expect([m['w:top'], m['w:bottom'], m['w:left'], m['w:right']].map(Number)).toEqual([2098, 1984, 1587, 1474]);
      expect(Number(m['w:top'])).toBe(mmTwips(37));
      expect(Number(m['w:bottom'])).toBe(mmTwips(35));
      expect(Number(m['w:left'])).toBe(mmTwips(28));
      expect(Number(m['w:right'])).toBe(mmTwips(26));
      // The type area is 156 mm × 225 mm.
      expect(11906 - Number(m['w:left']) - Number(m['w:right'])).toBe(8845);
      expect(16838 - Number(m['w:top']) - Number(m['w:bottom'])).toBe(12756);
    });

    it('lays out 22 lines of 28 characters', () => {
      const grid = only(x.sectPr, 'w:docGrid').attrs;
      expect(grid['w:type']).toBe('lines');
      expect(grid['w:linePitch']).toBe('579');
      expect(22 * 579).toBeLessThanOrEqual(12756);
      expect(23 * 579).toBeGreaterThan(12756);
      // charSpace records 28 characters (pitch 16 pt − 842/4096 pt ≈ 15.79 pt) for a character grid.
      expect(grid['w:charSpace']).toBe('-842');
      // Every 3号 body run is condensed by 0.25 pt, so 28 characters fit 156 mm and 29 do not.
      const body = x.paragraphs.filter((p) => val(first(pPr(p), 'w:ind'), 'w:firstLine') === '640');
      expect(body.length).toBeGreaterThan(20);
      for (const p of body) for (const r of textRuns(p)) expect(runFace(r).spacing).toBe('-5');
      expect(28 * (320 - 5)).toBeLessThanOrEqual(8845);
      expect(29 * (320 - 5)).toBeGreaterThan(8845);
    });

    it('sets the title in 2号 centred, broken before 政府信息公开工作年度报告', () => {
      const title = x.paragraphs[0]!;
      expect(textOf(title)).toBe('集贤县人民政府2024年\n政府信息公开工作年度报告');
      expect(textOf(title).replace('\n', '')).toBe(reportTitle(seed.unit.name, seed.year));
      expect(val(first(pPr(title), 'w:jc'))).toBe('center');
      expect(val(first(pPr(title), 'w:pStyle'))).toBe('NbTitle');
      const runs = textRuns(title);
      expect(runs).toHaveLength(2);
      for (const r of runs) {
        const f = runFace(r);
        expect(f.eastAsia).toBe(fonts.title);
        expect(f.size).toBe(44);
        expect(f.bold).toBe(fontSet === 'common');
      }
      expect(fonts.title).toBe(fontSet === 'standard' ? '方正小标宋简体' : '宋体');
      // One blank line between the title and the text.
      expect(textOf(x.paragraphs[1]!)).toBe('');
    });

    it('prints the six section headings verbatim, in order, in 3号 黑体 with a two-character indent', () => {
      const headings = FORMAT.sections.map((s) => x.paragraphs.find((p) => textOf(p) === s.heading));
      const order = headings.map((p) => (p ? x.body.children.indexOf(p) : -1));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      for (const p of headings) {
        const r = textRuns(p!)[0]!;
        expect(runFace(r).eastAsia).toBe('黑体');
        expect(runFace(r).ascii).toBe('Times New Roman');
        expect(runFace(r).hint).toBe('eastAsia');
        expect(runFace(r).size).toBe(32);
        expect(val(first(pPr(p!), 'w:ind'), 'w:firstLine')).toBe('640');
        expect(val(first(pPr(p!), 'w:outlineLvl'))).toBe('0');
        expect(isOn(first(pPr(p!), 'w:keepNext'))).toBe(true);
      }
    });

    it('sets body text in 3号 仿宋 at exact 28.95 pt lines, justified, 左空二字', () => {
      const p = x.paragraphs.find((q) => textOf(q).startsWith('按照《中华人民共和国政府信息公开条例》'))!;
      expect(p).toBeDefined();
      const spacing = only(pPr(p), 'w:spacing').attrs;
      expect(spacing['w:line']).toBe('579');
      expect(spacing['w:lineRule']).toBe('exact');
      expect(val(first(pPr(p), 'w:jc'))).toBe('both');
      expect(val(first(pPr(p), 'w:ind'), 'w:firstLine')).toBe('640');
      const f = runFace(textRuns(p)[0]!);
      expect(f.eastAsia).toBe(fonts.body);
      expect(f.eastAsia).toBe(fontSet === 'standard' ? '仿宋_GB2312' : '仿宋');
      expect(f.ascii).toBe('Times New Roman');
      expect(f.size).toBe(32);
    });

    it('sets each 公文 heading level in its face, a run-in heading up to the first 。', () => {
      const texts = [seed.text.overview, seed.text.problems].flatMap(splitParagraphs);
      const faces = [fonts.body, fonts.heading1, fonts.heading2, fonts.heading3, fonts.heading4];
      const levels = new Set<number>();
      for (const para of texts) {
        const p = x.paragraphs.find((q) => textOf(q) === para.text);
        expect(p, para.text).toBeDefined();
        const runs = textRuns(p!);
        if (para.level === 0) {
          expect(runs.map((r) => runFace(r).eastAsia)).toEqual([fonts.body]);
          continue;
        }
        levels.add(para.level);
        expect(textOf(runs[0]!)).toBe(para.number + para.heading);
        expect(runFace(runs[0]!).eastAsia).toBe(faces[para.level]);
        if (para.body !== '') {
          expect(runs).toHaveLength(2);
          expect(textOf(runs[1]!)).toBe(para.body);
          expect(runFace(runs[1]!).eastAsia).toBe(fonts.body);
        } else {
          expect(runs).toHaveLength(1);
        }
        for (const r of runs) expect(runFace(r).size).toBe(32);
      }
      // The seed has （一） headings on their own and 1. headings that run into their paragraph.
      expect([...levels].sort()).toEqual([2, 3]);
      const p = x.paragraphs.find((q) => textOf(q).startsWith('1.信息审核机制。'))!;
      expect(textRuns(p).map(textOf)[0]).toBe('1.信息审核机制。');
      expect(runFace(textRuns(p)[0]!).eastAsia).toBe(fontSet === 'standard' ? '仿宋_GB2312' : '仿宋');
      const h2 = x.paragraphs.find((q) => textOf(q) === '（二）全力推进依申请公开。')!;
      expect(runFace(textRuns(h2)[0]!).eastAsia).toBe(fontSet === 'standard' ? '楷体_GB2312' : '楷体');
    });

    it('numbers pages “— n —” in 4号宋体, odd on the right and even on the left, 空一字', () => {
      expect(isOn(first(x.settings, 'w:evenAndOddHeaders'))).toBe(true);
      expect([...x.footers.keys()].sort()).toEqual(['default', 'even']);
      for (const [type, footer] of x.footers) {
        const p = only(footer, 'w:p');
        const instr = all(p, 'w:instrText').map((i) => i.text.trim());
        expect(instr).toEqual(['PAGE']);
        const texts = all(p, 'w:t').map((t) => t.text);
        expect(texts).toEqual(['\u2014 ', ' \u2014']);
        for (const r of kids(p, 'w:r')) {
          expect(runFace(r).eastAsia).toBe('宋体');
          expect(runFace(r).size).toBe(28);
        }
        const jc = val(first(pPr(p), 'w:jc'));
        const ind = only(pPr(p), 'w:ind').attrs;
        if (type === 'default') {
          expect(jc).toBe('right');
          expect(ind['w:right']).toBe('280');
        } else {
          expect(jc).toBe('left');
          expect(ind['w:left']).toBe('280');
        }
      }
    });

    it('declares the styles: Normal in 3号 body face, off-grid title, table and page-number styles', () => {
      const styles = all(x.styles, 'w:style');
      const byId = (id: string) => styles.find((s) => s.attrs['w:styleId'] === id)!;
      const normal = byId('Normal');
      expect(val(first(normal, 'w:sz'))).toBe('32');
      expect(first(normal, 'w:rFonts')!.attrs['w:eastAsia']).toBe(fonts.body);
      for (const id of ['NbTitle', 'NbTable', 'NbPageNumber']) {
        const s = byId(id);
        expect(s, id).toBeDefined();
        expect(val(first(only(s, 'w:pPr'), 'w:snapToGrid'))).toBe('0');
        expect(val(first(only(s, 'w:rPr'), 'w:snapToGrid'))).toBe('0');
      }
      const tableSpacing = only(byId('NbTable'), 'w:spacing').attrs;
      expect([tableSpacing['w:line'], tableSpacing['w:lineRule']]).toEqual(['240', 'auto']);
      // The styles carry face and size too, so empty cells and paragraph marks are sized right.
      const face = (id: string) => [first(byId(id), 'w:rFonts')!.attrs['w:eastAsia'], val(first(byId(id), 'w:sz'))];
      expect(face('NbTable')).toEqual([fonts.table, '21']);
      expect(face('NbTitle')).toEqual([fonts.title, '44']);
      expect(face('NbPageNumber')).toEqual(['宋体', '28']);
    });

    it('places the three tables in their sections, after the section heading', () => {
      expect(x.tables).toHaveLength(TABLE_IDS.length);
      TABLE_IDS.forEach((id, i) => {
        const heading = FORMAT.sections.find((s) => s.table === id)!.heading;
        const at = x.body.children.indexOf(x.tables[i]!);
        expect(textOf(x.body.children[at - 1]!)).toBe(heading);
      });
    });

    describe.each(TABLE_IDS)('table %s', (id) => {
      const def = tableById(id);
      const grid = tableGrid(def);
      const values = effectiveCells(seed.cells);
      let tbl: El;
      let read: ReturnType<typeof readGrid>;
      beforeAll(() => {
        tbl = x.tables[TABLE_IDS.indexOf(id)]!;
        read = readGrid(tbl);
      });

      it('has fixed column widths from the format, summing to 156 mm', () => {
        const expected = def.columnWidthsMm.map(mmTwips);
        read.cols.forEach((w, i) => expect(Math.abs(w - expected[i]!)).toBeLessThanOrEqual(1));
        const total = read.cols.reduce((a, b) => a + b, 0);
        expect(total).toBe(mmTwips(156));
        expect(val(first(tbl, 'w:tblLayout'), 'w:type')).toBe('fixed');
        const tblW = only(only(tbl, 'w:tblPr'), 'w:tblW').attrs;
        expect([tblW['w:type'], Number(tblW['w:w'])]).toEqual(['dxa', total]);
        for (const cell of read.cells) {
          expect(cell.width).toBe(read.cols.slice(cell.c, cell.c + cell.colSpan).reduce((a, b) => a + b, 0));
        }
      });

      it('has every cell of the printed grid, with its merges and verbatim labels', () => {
        const want = grid.rows.flatMap((row) => row.cells);
        const got = read.cells;
        expect(got).toHaveLength(want.length);
        expect(read.rows).toHaveLength(grid.rows.length);
        const key = (c: { r: number; c: number }) => `${c.r}:${c.c}`;
        const gotAt = new Map(got.map((c) => [key(c), c]));
        for (const cell of want) {
          const g = gotAt.get(key(cell));
          expect(g, `cell at ${key(cell)}`).toBeDefined();
          expect([g!.rowSpan, g!.colSpan]).toEqual([cell.rowSpan, cell.colSpan]);
          if (cell.type === 'label') expect(g!.text).toBe(cell.text);
          else expect(g!.text).toBe(formatValue(values[cell.id]));
        }
        // Merge counts as Word sees them: vMerge restarts and gridSpans.
        const labels = want.filter((c): c is Extract<GridCell, { type: 'label' }> => c.type === 'label');
        const restarts = all(tbl, 'w:vMerge').filter((v) => val(v) === 'restart').length;
        const continues = all(tbl, 'w:vMerge').filter((v) => (val(v) ?? 'continue') === 'continue').length;
        expect(restarts).toBe(labels.filter((c) => c.rowSpan > 1).length);
        expect(continues).toBe(labels.reduce((n, c) => n + c.rowSpan - 1, 0));
        const spans = all(tbl, 'w:gridSpan').filter((g) => Number(val(g)) > 1).length;
        const coveredRows = labels.reduce((n, c) => n + (c.colSpan > 1 ? c.rowSpan - 1 : 0), 0);
        expect(spans).toBe(want.filter((c) => c.colSpan > 1).length + coveredRows);
      });

      it('repeats the header rows and keeps rows whole', () => {
        const flags = read.rows.map((tr) => isOn(first(tr, 'w:tblHeader')));
        expect(flags).toEqual(grid.rows.map((_, r) => r < grid.headerRows));
        // 表三 and 表四 have three header rows; 表二 starts with a block caption and has none.
        expect(flags.filter(Boolean)).toHaveLength({ t2: 0, t3: 3, t4: 3 }[id]);
        for (const tr of read.rows) expect(isOn(first(tr, 'w:cantSplit'))).toBe(true);
        // 表二 and 表四 stay on one page; 表三 keeps its header rows with its first data row.
        const kept = read.rows.map((tr) => kids(tr, 'w:tc').every((tc) => isOn(first(tc, 'w:keepNext'))));
        const last = grid.rows.length - 1;
        expect(kept).toEqual(grid.rows.map((_, r) => (id === 't3' ? r < grid.headerRows : r < last)));
      });

      it('sets table text in the table face at 五号, centred and vertically centred, with full borders', () => {
        for (const p of all(tbl, 'w:p')) {
          expect(val(first(pPr(p), 'w:pStyle'))).toBe('NbTable');
          for (const r of textRuns(p)) {
            expect(runFace(r).eastAsia).toBe(fonts.table);
            expect(runFace(r).size).toBe(21);
          }
        }
        for (const tc of all(tbl, 'w:tc')) expect(val(first(tc, 'w:vAlign'))).toBe('center');
        for (const cell of read.cells.filter((c) => /^[\d.]+$/.test(c.text))) {
          expect(val(first(cell.tc, 'w:jc'))).toBe('center');
        }
        const borders = only(only(tbl, 'w:tblPr'), 'w:tblBorders');
        for (const side of ['w:top', 'w:left', 'w:bottom', 'w:right', 'w:insideH', 'w:insideV']) {
          expect(val(first(borders, side)), side).toBe('single');
        }
      });
    });

    it('prints the seed figures as given', () => {
      const t2 = readGrid(x.tables[TABLE_IDS.indexOf('t2')]!).cells.map((c) => c.text);
      expect(t2).toContain('14073');
      expect(t2).toContain('435.532');
      const t3 = readGrid(x.tables[TABLE_IDS.indexOf('t3')]!);
      // 一、本年新收 … 总计 = 25 (the cross-checked total column).
      const newRow = t3.cells.filter((c) => c.r === 3).map((c) => c.text);
      expect(newRow).toEqual(['一、本年新收政府信息公开申请数量', '24', '0', '0', '0', '0', '1', '25']);
      expect(t3.cells.find((c) => c.r === 0 && c.c === 0)!.text).toBe(FORMAT.crossCheckNote);
      const t4 = readGrid(x.tables[TABLE_IDS.indexOf('t4')]!).cells.filter((c) => c.r === 3).map((c) => c.text);
      expect(t4).toEqual(['17', '0', '0', '1', '18', '0', '0', '0', '0', '0', '2', '0', '0', '1', '3']);
    });

    it('ends with section 六 when there is no publication date', () => {
      expect(textOf(x.paragraphs[x.paragraphs.length - 1]!)).toBe(seed.text.other);
    });
  });
}

describe('DOCX export of other documents', () => {
  const bodyTexts = async (doc: ReportDocument) => {
    const x = await unpack(await buildDocx(doc, { fonts: 'standard' }));
    return {
      x,
      texts: x.body.children
        .filter((c) => c.name !== 'w:sectPr')
        .map((c) => (c.name === 'w:tbl' ? '#table' : textOf(c))),
    };
  };

  it('prints the optional lead text above its table', async () => {
    const proactive = '2024年，本县主动公开政府信息情况如下。';
    const review = '（一）复议情况。本年度无变化。';
    const { x, texts } = await bodyTexts({ ...seed, text: { ...seed.text, proactive, review } });
    for (const [key, lead] of [['proactive', proactive], ['review', review]] as const) {
      const heading = sectionByKey(key).heading;
      const at = texts.indexOf(heading);
      expect(texts.slice(at, at + 3)).toEqual([heading, lead, '#table']);
      // The lead paragraph stays with its table.
      const p = x.paragraphs.find((q) => textOf(q) === lead)!;
      expect(isOn(first(pPr(p), 'w:keepNext'))).toBe(true);
    }
    const p = x.paragraphs.find((q) => textOf(q) === review)!;
    const { heading2, body } = FONT_SETS.standard;
    expect(textRuns(p).map((r) => runFace(r).eastAsia)).toEqual([heading2, body]);
  });

  it('closes with the unit and the date, 右空四字, when a publication date is set', async () => {
    const { x, texts } = await bodyTexts({ ...seed, publishedAt: '2025-03-08' });
    expect(texts.slice(-2)).toEqual(['集贤县人民政府', '2025年3月8日']);
    const [unit, date] = x.paragraphs.slice(-2);
    expect(val(first(pPr(date!), 'w:jc'))).toBe('right');
    expect(val(first(pPr(date!), 'w:ind'), 'w:right')).toBe('1280');
    expect(val(first(pPr(unit!), 'w:jc'))).toBe('right');
    // The name (7 characters) is centred over the date (6 characters wide).
    expect(Number(val(first(pPr(unit!), 'w:ind'), 'w:right'))).toBe(1280 - 160);
  });

  it('leaves unfilled cells blank and prints computed totals', async () => {
    const cells = { ...seed.cells } as Record<string, number>;
    delete cells['a.new.total'];
    delete cells['p.license'];
    delete cells['r.review.upheld'];
    delete cells['r.review.total'];
    const { x } = await bodyTexts({ ...seed, cells });
    const t2 = readGrid(x.tables[0]!).cells;
    const license = tableGrid(tableById('t2'))
      .rows.flatMap((r) => r.cells)
      .find((c) => c.type === 'value' && c.id === 'p.license')!;
    expect(t2.find((c) => c.r === license.r && c.c === license.c)!.text).toBe('');
    const t3 = readGrid(x.tables[1]!).cells.filter((c) => c.r === 3).map((c) => c.text);
    expect(t3[7]).toBe('25'); // computed from its parts
    const t4 = readGrid(x.tables[2]!).cells.filter((c) => c.r === 3).map((c) => c.text);
    expect(t4.slice(0, 5)).toEqual(['', '0', '0', '1', '']); // 总计 is unknown while a part is unfilled
  });

  it('exports a blank report, and text with XML specials, intact', async () => {
    const blank = blankDocument({ name: '某某市<A&B>局', kind: 'department' }, 2025);
    const special = '1.“引号”<标签> & 符号\'单引号\'。正文 a<b && c>d';
    const { x, texts } = await bodyTexts({ ...blank, text: { ...blank.text, other: special } });
    expect(textOf(x.paragraphs[0]!)).toBe(reportTitle('某某市<A&B>局', 2025).replace('2025年', '2025年\n'));
    expect(texts).toContain(special);
    TABLE_IDS.forEach((id, i) => {
      const got = new Map(readGrid(x.tables[i]!).cells.map((c) => [`${c.r}:${c.c}`, c.text]));
      const valueCells = tableGrid(tableById(id)).rows.flatMap((r) => r.cells.filter((c) => c.type === 'value'));
      expect(valueCells.length).toBeGreaterThan(0);
      for (const c of valueCells) expect(got.get(`${c.r}:${c.c}`)).toBe('');
    });
  });

  it('breaks only a long title, after “<year>年”', () => {
    expect(titleLines('集贤县人民政府', 2024)).toEqual(['集贤县人民政府2024年', '政府信息公开工作年度报告']);
    expect(titleLines('某某局', 2024)).toEqual(['某某局2024年政府信息公开工作年度报告']);
    const long = '黑龙江省双鸭山市集贤县人民政府办公室';
    expect(titleLines(long, 2024).join('')).toBe(reportTitle(long, 2024));
    expect(titleLines(long, 2024).at(-1)).toBe('政府信息公开工作年度报告');
    // A unit name longer than a line: balanced lines, none wider than 20 characters of 2号.
    const longer = '黑龙江省双鸭山市集贤县人民政府办公室政务服务管理中心';
    const lines = titleLines(longer, 2024);
    expect(lines.join('')).toBe(reportTitle(longer, 2024));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('政府信息公开工作年度报告');
    for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(20);
    expect(Math.abs(Array.from(lines[0]!).length - Array.from(lines[1]!).length)).toBeLessThanOrEqual(1);
  });

  it('prints money as given and never in exponent form', () => {
    expect(formatValue(435.532)).toBe('435.532');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(14073)).toBe('14073');
    expect(formatValue(0.0000001)).toBe('0');
    expect(formatValue(undefined)).toBe('');
  });

  it('names the file after the report title', () => {
    expect(docxFileName(seed)).toBe('集贤县人民政府2024年政府信息公开工作年度报告.docx');
  });

  it('keeps src/core/export/docx free of Node, Electron and UI imports', () => {
    const dir = resolve(repoRoot, 'src/core/export/docx');
    for (const f of readdirSync(dir)) {
      const src = readFileSync(resolve(dir, f), 'utf8');
      const imports = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      for (const i of imports) expect(i === 'docx' || i.startsWith('.'), `${f} imports ${i}`).toBe(true);
    }
  });
});
