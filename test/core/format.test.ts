/**
 * The format as data against the written spec: cell ids (shared/spec/cell-ids.md, parsed), derived
 * cells, every label of 表三 (format-2021-research.md §1.6, parsed), and the printed grid merges.
 */
import { describe, expect, it } from 'vitest';
import {
  CELLS,
  CROSS_CHECK_NOTE,
  FORMAT,
  T3_ROWS,
  tableById,
  tableGrid,
  type Grid,
  type GridCell,
  type TableId,
} from '../../src/core/format';
import { readSpec } from '../helpers/paths';

// ---------------------------------------------------------------------------------------------
// Markdown helpers

/** The text of a `## heading…` section (up to the next heading of the same or a higher level). */
function mdSection(md: string, headingStart: string, level = 2): string {
  const lines = md.split('\n');
  const marker = `${'#'.repeat(level)} `;
  const start = lines.findIndex((l) => l.startsWith(`${marker}${headingStart}`));
  if (start < 0) throw new Error(`no section “${headingStart}”`);
  const end = lines.findIndex(
    (l, i) => i > start && /^#+ /.test(l) && (l.match(/^#+/)?.[0].length ?? 99) <= level,
  );
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Every markdown table of a text, as rows of trimmed cells (header row included, separator not). */
function mdTables(text: string): string[][][] {
  const out: string[][][] = [];
  let cur: string[][] | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('|')) {
      cur = undefined;
      continue;
    }
    const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (!cur) {
      cur = [];
      out.push(cur);
    }
    cur.push(cells);
  }
  return out;
}

const unTick = (s: string): string => s.replace(/`/g, '').trim();

// ---------------------------------------------------------------------------------------------
// cell-ids.md, parsed

const cellIdsMd = readSpec('cell-ids.md');

const t2Table = mdTables(mdSection(cellIdsMd, '表二'))[0]!;
const t2Spec = t2Table.slice(1).map((r) => ({ id: unTick(r[0]!), row: r[1]!, col: r[2]! }));

const t3Tables = mdTables(mdSection(cellIdsMd, '表三'));
const t3ColTable = t3Tables.find((t) => t[0]![0] === 'col')!;
const t3RowTable = t3Tables.find((t) => t[0]![0] === 'row')!;
const t3Cols = t3ColTable.slice(1).map((r) => ({ key: unTick(r[0]!), label: r[1]! }));
const t3Rows = t3RowTable.slice(1).map((r) => ({ key: unTick(r[0]!), label: r[1]! }));

const t4Section = mdSection(cellIdsMd, '表四');
const t4Prefixes = mdTables(t4Section)[0]!
  .slice(1)
  .map((r) => ({ prefix: unTick(r[0]!).replace(/\.\*$/, ''), group: r[1]! }));
const t4Suffixes = [...t4Section.slice(t4Section.indexOf('Suffixes')).matchAll(/`([a-z]+)`\s*([\u4e00-\u9fff]+)/g)].map(
  (m) => ({ key: m[1]!, label: m[2]! }),
);

const derivedSection = mdSection(cellIdsMd, 'Derived cells');

function expectedIds(): string[] {
  return [
    ...t2Spec.map((c) => c.id),
    ...t3Rows.flatMap((r) => t3Cols.map((c) => `a.${r.key}.${c.key}`)),
    ...t4Prefixes.flatMap((p) => t4Suffixes.map((s) => `${p.prefix}.${s.key}`)),
  ];
}

describe('cell-ids.md is parsed as expected (guards the parser itself)', () => {
  it('finds 10 + 7×25 + 3×5 ids', () => {
    expect(t2Spec).toHaveLength(10);
    expect(t3Cols.map((c) => c.key)).toEqual(['natural', 'commercial', 'research', 'ngo', 'legal', 'other', 'total']);
    expect(t3Rows).toHaveLength(25);
    expect(t3Rows[0]!.key).toBe('new');
    expect(t3Rows.at(-1)!.key).toBe('next');
    expect(t4Prefixes.map((p) => p.prefix)).toEqual(['r.review', 'r.direct', 'r.after']);
    expect(t4Suffixes).toEqual([
      { key: 'upheld', label: '结果维持' },
      { key: 'corrected', label: '结果纠正' },
      { key: 'other', label: '其他结果' },
      { key: 'pending', label: '尚未审结' },
      { key: 'total', label: '总计' },
    ]);
    expect(new Set(expectedIds()).size).toBe(200);
  });
});

describe('cell registry', () => {
  it('has exactly the ids of cell-ids.md, both ways', () => {
    const expected = new Set(expectedIds());
    const actual = new Set(CELLS.all.map((c) => c.id));
    expect([...actual].filter((id) => !expected.has(id))).toEqual([]);
    expect([...expected].filter((id) => !actual.has(id))).toEqual([]);
    expect(CELLS.all).toHaveLength(200);
    expect(actual.size).toBe(200);
  });

  it('lists cells in printed order: 表二, then 表三 row by row, then 表四', () => {
    expect(CELLS.all.map((c) => c.id)).toEqual(expectedIds());
    expect(CELLS.all.filter((c) => c.table === 't2')).toHaveLength(10);
    expect(CELLS.all.filter((c) => c.table === 't3')).toHaveLength(175);
    expect(CELLS.all.filter((c) => c.table === 't4')).toHaveLength(15);
  });

  it('has 166 entered and 34 derived cells, partitioning all 200', () => {
    expect(CELLS.entered).toHaveLength(166);
    expect(CELLS.derived).toHaveLength(34);
    const entered = new Set(CELLS.entered.map((c) => c.id));
    for (const d of CELLS.derived) expect(entered.has(d.id)).toBe(false);
    expect(entered.size + new Set(CELLS.derived.map((c) => c.id)).size).toBe(200);
    expect(CELLS.byId.size).toBe(200);
    for (const c of CELLS.all) expect(CELLS.byId.get(c.id)).toBe(c);
  });

  it('derives exactly the sums of the “Derived cells” section', () => {
    // `a.<row>.total` = the six applicant columns of that row
    expect(derivedSection).toMatch(/`a\.<row>\.total` = the six applicant columns of that row/);
    const applicants = t3Cols.filter((c) => c.key !== 'total').map((c) => c.key);
    expect(applicants).toHaveLength(6);
    // `a.done.<col>` = the 21 result rows (open … other.other) of that column
    const m = /`a\.done\.<col>` = the (\d+) result rows \((\S+) … (\S+)\)/.exec(derivedSection);
    expect(m).not.toBeNull();
    const rowKeys = t3Rows.map((r) => r.key);
    const results = rowKeys.slice(rowKeys.indexOf(m![2]!), rowKeys.indexOf(m![3]!) + 1);
    expect(results).toHaveLength(Number(m![1]));
    expect(results).toHaveLength(21);
    // `r.<group>.total` = upheld + corrected + other + pending
    const t4m = /`r\.<group>\.total` = ([a-z +]+)/.exec(derivedSection);
    expect(t4m).not.toBeNull();
    const outcomeParts = t4m![1]!.split('+').map((s) => s.trim());
    expect(outcomeParts).toEqual(['upheld', 'corrected', 'other', 'pending']);

    const expected = new Map<string, string[]>();
    for (const r of rowKeys) expected.set(`a.${r}.total`, applicants.map((c) => `a.${r}.${c}`));
    for (const c of applicants) expected.set(`a.done.${c}`, results.map((r) => `a.${r}.${c}`));
    for (const p of t4Prefixes) expected.set(`${p.prefix}.total`, outcomeParts.map((s) => `${p.prefix}.${s}`));
    expect(expected.size).toBe(34);

    const derived = new Map(CELLS.derived.map((c) => [c.id, [...c.sumOf!]]));
    expect([...derived.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, parts] of expected) {
      if (id === 'a.done.total') {
        // Both definitions apply to the corner cell; either is a faithful reading.
        const byColumn = results.map((r) => `a.${r}.total`);
        expect([parts, byColumn]).toContainEqual(derived.get(id));
      } else {
        expect(derived.get(id), id).toEqual(parts);
      }
    }
  });

  it('keeps a.next.<col> entered (the cross-check needs it typed)', () => {
    for (const c of t3Cols.filter((x) => x.key !== 'total')) {
      expect(CELLS.byId.get(`a.next.${c.key}`)!.sumOf).toBeUndefined();
    }
    expect(derivedSection).toMatch(/`a\.next\.<col>` is NOT derived/);
  });

  it('orders derived cells so that every part comes before the sum using it', () => {
    const seen = new Set(CELLS.entered.map((c) => c.id));
    for (const d of CELLS.derived) {
      for (const p of d.sumOf!) expect(seen.has(p), `${p} before ${d.id}`).toBe(true);
      seen.add(d.id);
    }
  });

  it('marks p.fees as money and every other cell as a count', () => {
    expect(CELLS.byId.get('p.fees')!.kind).toBe('money');
    expect(CELLS.all.filter((c) => c.kind === 'money').map((c) => c.id)).toEqual(['p.fees']);
  });

  it('labels every 表二 cell with the row and column of cell-ids.md, in the right 第二十条 block', () => {
    for (const spec of t2Spec) {
      const def = CELLS.byId.get(spec.id)!;
      const rowLabel = spec.row.replace(/\s*\(.*\)$/, '');
      const colLabel = spec.col.replace(/\s+—.*$/, '');
      expect(def.row.path.at(-1), spec.id).toBe(rowLabel);
      expect(def.col.path.at(-1), spec.id).toBe(colLabel);
      const item = /\((第二十条第（.）项)\)/.exec(spec.row);
      if (item) expect(tableById('t2').blocks[def.block]!.caption, spec.id).toBe(item[1]);
    }
  });

  it('labels every 表三 row and column as cell-ids.md does', () => {
    for (const r of t3Rows) {
      const def = CELLS.byId.get(`a.${r.key}.natural`)!;
      expect(def.row.path.join(' / ').endsWith(r.label), r.key).toBe(true);
    }
    for (const c of t3Cols) {
      const def = CELLS.byId.get(`a.new.${c.key}`)!;
      expect(def.col.path.join(' / ').endsWith(c.label), c.key).toBe(true);
      expect(def.col.path[0]).toBe('申请人情况');
    }
  });

  it('labels every 表四 column with its group and outcome', () => {
    for (const p of t4Prefixes) {
      const groupPath = p.group.split(' / ');
      for (const s of t4Suffixes) {
        const def = CELLS.byId.get(`${p.prefix}.${s.key}`)!;
        expect(def.col.path).toEqual([...groupPath, s.label]);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// format-2021-research.md §1.6, parsed

const researchMd = readSpec('format-2021-research.md');
const s16 = mdSection(researchMd, '1.6', 3);
const s16Table = mdTables(s16).find((t) => t[0]![1]?.startsWith('Level-1'))!;
const DITTO = '\u2033'; // ″

/** The 25 label paths of §1.6, with merge notes removed and ditto marks resolved. */
function researchRowPaths(): string[][] {
  const strip = (s: string): string => s.replace(/\s*\((?:merged|vertical merge)[^)]*\)\s*$/, '').trim();
  const out: string[][] = [];
  let prev: string[] = [];
  for (const row of s16Table.slice(1)) {
    const levels = row.slice(1, 4).map(strip);
    const path: string[] = [];
    levels.forEach((l, d) => {
      if (l === DITTO) path.push(prev[d]!);
      else if (l !== '') path.push(l);
    });
    out.push(path);
    prev = path;
  }
  return out;
}

describe('表三 labels exactly as format-2021-research.md §1.6', () => {
  const paths = researchRowPaths();

  it('parses 25 data rows from the research note', () => {
    expect(paths).toHaveLength(25);
    expect(paths[0]).toEqual(['一、本年新收政府信息公开申请数量']);
    expect(paths[23]).toEqual(['三、本年度办理结果', '（七）总计']);
  });

  it('every row path of the format equals the research note', () => {
    expect(T3_ROWS.map((r) => [...r.path])).toEqual(paths);
  });

  it('every row label printed in the grid equals the research note', () => {
    const grid = tableGrid(tableById('t3'));
    const body = grid.rows.slice(grid.headerRows);
    expect(body).toHaveLength(25);
    // The label texts printed in each body row are the new parts of that row's path.
    const printed = body.map((r) => r.cells.filter((c) => c.type === 'label').map((c) => (c.type === 'label' ? c.text : '')));
    const expectedNew = paths.map((p, i) => p.filter((l, d) => !(i > 0 && paths[i - 1]![d] === l && d < p.length - 1)));
    expect(printed).toEqual(expectedNew);
  });

  it('keeps the decisive characters verbatim', () => {
    const safety = CELLS.byId.get('a.deny.safety.natural')!.row.path.at(-1)!;
    expect(safety).toBe('3.\u5371\u53CA\u201C\u4E09\u5B89\u5168\u4E00\u7A33\u5B9A\u201D');
    expect(safety).toContain('\u201C三安全一稳定\u201D');
    expect(safety).not.toContain('"');
    expect(CELLS.byId.get('a.deny.secret.natural')!.row.path.at(-1)).toBe('1.属于国家秘密');
    expect(CELLS.byId.get('a.deny.secret.natural')!.row.path.at(-1)!.charCodeAt(1)).toBe(0x2e); // half-width “.”
    const partial = CELLS.byId.get('a.partial.natural')!.row.path.at(-1)!;
    expect(partial).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(partial).not.toMatch(/[()]/);
    expect(CELLS.byId.get('a.other.unpaid.total')!.row.path.at(-1)).toBe(
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    );
    for (const c of CELLS.all) {
      for (const l of [...c.row.path, ...c.col.path]) {
        expect(l, c.id).not.toMatch(/[()"']/); // no half-width parentheses or straight quotes anywhere
        expect(l, c.id).not.toMatch(/\d、/); // “1.” not “1、”
      }
    }
  });

  it('prints the cross-check note of §1.8 in 表三’s corner', () => {
    const note = /"(（本列数据的勾稽关系为：[^"]+）)"/.exec(mdSection(researchMd, '1.8', 3));
    expect(note).not.toBeNull();
    expect(CROSS_CHECK_NOTE).toBe(note![1]);
    expect(FORMAT.crossCheckNote).toBe(note![1]);
  });

  it('captions 表二 blocks exactly as §1.5', () => {
    const captions = [...mdSection(researchMd, '1.5', 3).matchAll(/\*\*(第二十条第（.）项)\*\*/g)].map((m) => m[1]);
    expect(captions).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    expect(tableById('t2').blocks.map((b) => b.caption)).toEqual(captions);
  });

  it('uses the six section headings of §1.3', () => {
    const headings = mdTables(mdSection(researchMd, '1.3', 3))[0]!.slice(1).map((r) => r[1]);
    expect(FORMAT.sections.map((s) => s.heading)).toEqual(headings);
    expect(FORMAT.citation).toBe('国办公开办函〔2021〕30号');
  });
});

// ---------------------------------------------------------------------------------------------
// The printed grid

type Label = Extract<GridCell, { type: 'label' }>;
const labels = (g: Grid): Label[] => g.rows.flatMap((r) => r.cells.filter((c): c is Label => c.type === 'label'));
const labelByText = (g: Grid, text: string): Label[] => labels(g).filter((c) => c.text === text);
const oneLabel = (g: Grid, text: string): Label => {
  const found = labelByText(g, text);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};

describe('table grids', () => {
  const t2 = tableGrid(tableById('t2'));
  const t3 = tableGrid(tableById('t3'));
  const t4 = tableGrid(tableById('t4'));
  const all: [TableId, Grid][] = [
    ['t2', t2],
    ['t3', t3],
    ['t4', t4],
  ];

  it.each(all)('%s: every grid position is covered exactly once (no overlap, no hole)', (id, g) => {
    expect(g.columns).toBe(tableById(id).gridColumns);
    const nRows = g.rows.length;
    const occ: number[][] = Array.from({ length: nRows }, () => Array.from({ length: g.columns }, () => 0));
    g.rows.forEach((row, ri) => {
      for (const c of row.cells) {
        expect(c.r, `cell in row ${ri}`).toBe(ri); // r is the row the cell sits in
        expect(c.rowSpan).toBeGreaterThanOrEqual(1);
        expect(c.colSpan).toBeGreaterThanOrEqual(1);
        expect(c.r + c.rowSpan).toBeLessThanOrEqual(nRows);
        expect(c.c + c.colSpan).toBeLessThanOrEqual(g.columns);
        for (let r = c.r; r < c.r + c.rowSpan; r++) for (let k = c.c; k < c.c + c.colSpan; k++) occ[r]![k]!++;
      }
      // Within a row, cells are listed left to right.
      const cs = row.cells.map((c) => c.c);
      expect(cs).toEqual([...cs].sort((a, b) => a - b));
    });
    expect(occ.flat().filter((n) => n !== 1)).toEqual([]);
  });

  it.each(all)('%s: every cell of the table appears exactly once as a value', (id, g) => {
    const values = g.rows.flatMap((r) => r.cells.flatMap((c) => (c.type === 'value' ? [c.id] : [])));
    expect(values).toEqual(CELLS.all.filter((c) => c.table === id).map((c) => c.id));
  });

  it.each(all)('%s: column widths fill the 156 mm type area', (id) => {
    const t = tableById(id);
    expect(t.columnWidthsMm).toHaveLength(t.gridColumns);
    expect(t.columnWidthsMm.reduce((a, b) => a + b, 0)).toBeCloseTo(156, 6);
    for (const w of t.columnWidthsMm) expect(w).toBeGreaterThan(0);
  });

  it('表三: 3 header rows; the corner spans 3×3 and holds the cross-check note', () => {
    expect(t3.columns).toBe(10);
    expect(t3.headerRows).toBe(3);
    expect(t3.rows).toHaveLength(28);
    const corner = t3.rows[0]!.cells[0]!;
    expect(corner).toMatchObject({ type: 'label', role: 'corner', r: 0, c: 0, rowSpan: 3, colSpan: 3 });
    expect(corner.type === 'label' && corner.text).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(oneLabel(t3, '申请人情况')).toMatchObject({ role: 'head', r: 0, c: 3, rowSpan: 1, colSpan: 7 });
    expect(oneLabel(t3, '自然人')).toMatchObject({ role: 'head', r: 1, c: 3, rowSpan: 2, colSpan: 1 });
    expect(oneLabel(t3, '法人或其他组织')).toMatchObject({ role: 'head', r: 1, c: 4, rowSpan: 1, colSpan: 5 });
    expect(oneLabel(t3, '总计')).toMatchObject({ role: 'head', r: 1, c: 9, rowSpan: 2, colSpan: 1 });
    expect(t3.rows[2]!.cells.map((c) => (c.type === 'label' ? c.text : c.id))).toEqual([
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
    ]);
  });

  it('表三: vertical merges of the result groups', () => {
    expect(oneLabel(t3, '三、本年度办理结果')).toMatchObject({ role: 'row', r: 5, c: 0, rowSpan: 22, colSpan: 1 });
    expect(oneLabel(t3, '（三）不予公开')).toMatchObject({ r: 7, c: 1, rowSpan: 8, colSpan: 1 });
    expect(oneLabel(t3, '（四）无法提供')).toMatchObject({ r: 15, c: 1, rowSpan: 3, colSpan: 1 });
    expect(oneLabel(t3, '（五）不予处理')).toMatchObject({ r: 18, c: 1, rowSpan: 5, colSpan: 1 });
    expect(oneLabel(t3, '（六）其他处理')).toMatchObject({ r: 23, c: 1, rowSpan: 3, colSpan: 1 });
    expect(oneLabel(t3, '（一）予以公开')).toMatchObject({ c: 1, rowSpan: 1, colSpan: 2 });
    expect(oneLabel(t3, '（七）总计')).toMatchObject({ r: 26, c: 1, rowSpan: 1, colSpan: 2 });
    for (const top of ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '四、结转下年度继续办理']) {
      expect(oneLabel(t3, top)).toMatchObject({ c: 0, rowSpan: 1, colSpan: 3 });
    }
    expect(oneLabel(t3, '3.危及“三安全一稳定”')).toMatchObject({ c: 2, rowSpan: 1, colSpan: 1 });
    // No subtotal rows: exactly 25 body rows, each with 7 value cells.
    for (const row of t3.rows.slice(3)) expect(row.cells.filter((c) => c.type === 'value')).toHaveLength(7);
  });

  it('表四: groups, sub-groups and outcome heads', () => {
    expect(t4.columns).toBe(15);
    expect(t4.headerRows).toBe(3);
    expect(t4.rows).toHaveLength(4);
    expect(oneLabel(t4, '行政复议')).toMatchObject({ r: 0, c: 0, rowSpan: 1, colSpan: 5 });
    expect(oneLabel(t4, '行政诉讼')).toMatchObject({ r: 0, c: 5, rowSpan: 1, colSpan: 10 });
    expect(oneLabel(t4, '未经复议直接起诉')).toMatchObject({ r: 1, c: 5, rowSpan: 1, colSpan: 5 });
    expect(oneLabel(t4, '复议后起诉')).toMatchObject({ r: 1, c: 10, rowSpan: 1, colSpan: 5 });
    const outcomes = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const review = t4.rows[1]!.cells.slice(0, 5);
    expect(review.map((c) => (c.type === 'label' ? [c.text, c.rowSpan, c.colSpan, c.c] : []))).toEqual(
      outcomes.map((o, i) => [o, 2, 1, i]),
    );
    const litigation = t4.rows[2]!.cells;
    expect(litigation.map((c) => (c.type === 'label' ? [c.text, c.rowSpan, c.c] : []))).toEqual(
      [...outcomes, ...outcomes].map((o, i) => [o, 1, 5 + i]),
    );
    // The data row has no row label.
    expect(t4.rows[3]!.cells.every((c) => c.type === 'value')).toBe(true);
    expect(t4.rows[3]!.cells).toHaveLength(15);
  });

  it('表二: captions across 4 columns; single-column blocks have values across 3', () => {
    expect(t2.columns).toBe(4);
    const captions = labels(t2).filter((c) => c.role === 'caption');
    expect(captions.map((c) => [c.text, c.colSpan, c.c])).toEqual([
      ['第二十条第（一）项', 4, 0],
      ['第二十条第（五）项', 4, 0],
      ['第二十条第（六）项', 4, 0],
      ['第二十条第（八）项', 4, 0],
    ]);
    const corners = labels(t2).filter((c) => c.role === 'corner');
    expect(corners.map((c) => [c.text, c.colSpan, c.rowSpan])).toEqual(Array.from({ length: 4 }, () => ['信息内容', 1, 1]));
    const value = (id: string): GridCell => t2.rows.flatMap((r) => r.cells).find((c) => c.type === 'value' && c.id === id)!;
    for (const id of ['p.license', 'p.penalty', 'p.coercion', 'p.fees']) expect(value(id)).toMatchObject({ c: 1, colSpan: 3 });
    for (const id of ['p.rules.issued', 'p.norms.valid']) expect(value(id)).toMatchObject({ colSpan: 1 });
    expect(value('p.rules.valid')).toMatchObject({ c: 3 });
    expect(labelByText(t2, '本年处理决定数量').map((c) => c.colSpan)).toEqual([3, 3]);
    expect(oneLabel(t2, '本年收费金额（单位：万元）')).toMatchObject({ c: 1, colSpan: 3 });
    expect(t2.rows.map((r) => r.cells[0]!.type === 'label' && r.cells[0]!.text)).toEqual([
      '第二十条第（一）项',
      '信息内容',
      '规章',
      '行政规范性文件',
      '第二十条第（五）项',
      '信息内容',
      '行政许可',
      '第二十条第（六）项',
      '信息内容',
      '行政处罚',
      '行政强制',
      '第二十条第（八）项',
      '信息内容',
      '行政事业性收费',
    ]);
  });
});
