/**
 * The report document: reading (every bad input is one clear Chinese message, never a throw),
 * the canonical text and its round trip, migration, and the cell arithmetic of editing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/checker';
import {
  blankDocument,
  documentFromPrevious,
  effectiveCells,
  MAX_TEXT_CHARS,
  migrate,
  parseDocument,
  serializeDocument,
  setCell,
  validateDocument,
  withDerivedCells,
  type ReportDocument,
} from '../../src/core/document';
import { CELLS, type CellDef } from '../../src/core/format';
import { readFixture } from '../helpers/paths';

const seedText = readFixture('seed-2024.json');
const seedRaw = JSON.parse(seedText) as Record<string, unknown> & { cells: Record<string, number>; text: Record<string, string> };

function parsedSeed(): ReportDocument {
  const r = parseDocument(seedText);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The seed with some fields replaced, as file text. */
const seedWith = (patch: Record<string, unknown>): string => JSON.stringify({ ...seedRaw, ...patch });
const seedWithCells = (patch: Record<string, unknown>): string => seedWith({ cells: { ...seedRaw.cells, ...patch } });

/** Parse and expect failure; returns the message. */
function parseError(text: string): { code: string; message: string } {
  // A throw here fails the test: bad input must come back as a result.
  const r = parseDocument(text);
  if (r.ok) throw new Error('expected a parse error, got a document');
  // Every message is plain Chinese.
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  return r.error;
}

function parseOk(text: string): ReportDocument {
  const r = parseDocument(text);
  if (!r.ok) throw new Error(`expected to parse: ${r.error.message}`);
  return r.value;
}

// Spec-derived id lists (cell-ids.md), written out here rather than read from the implementation.
const APPLICANTS = ['natural', 'commercial', 'research', 'ngo', 'legal', 'other'] as const;
const COLUMNS = [...APPLICANTS, 'total'] as const;
const RESULT_ROWS = [
  'open', 'partial',
  'deny.secret', 'deny.law', 'deny.safety', 'deny.third', 'deny.internal', 'deny.process', 'deny.enforce', 'deny.query',
  'unable.none', 'unable.create', 'unable.unclear',
  'reject.petition', 'reject.repeat', 'reject.publication', 'reject.mass', 'reject.confirm',
  'other.overdue', 'other.unpaid', 'other.other',
] as const;
const T4_GROUPS = ['review', 'direct', 'after'] as const;
const T4_PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

const sumIds = (cells: Readonly<Record<string, number>>, ids: readonly string[]): number =>
  ids.reduce((s, id) => s + cells[id]!, 0);

describe('parseDocument: the seed report', () => {
  it('parses the real 集贤县人民政府 2024 report', () => {
    const doc = parsedSeed();
    expect(doc.format).toBe('nianbao');
    expect(doc.schemaVersion).toBe(1);
    expect(doc.unit).toEqual({ name: '集贤县人民政府', kind: 'government', level: 'county' });
    expect(doc.year).toBe(2024);
    expect(Object.keys(doc.cells)).toHaveLength(200);
    expect(doc.cells['p.fees']).toBe(435.532);
    expect(doc.cells['p.norms.valid']).toBe(18);
    expect(doc.cells['a.new.natural']).toBe(24);
    expect(doc.cells['a.new.total']).toBe(25);
    expect(doc.text.overview.length).toBeGreaterThan(100);
    expect(doc.text.overview).toBe(seedRaw.text.overview);
    // Optional narrative fields absent from the file default to empty.
    expect(doc.text.proactive).toBe('');
    expect(doc.text.review).toBe('');
  });

  it('the seed report has no errors', () => {
    const r = check(parsedSeed());
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.errors).toBe(0);
  });

  it('serialize → parse is the identity, and the text is canonical', () => {
    const doc = parsedSeed();
    const text = serializeDocument(doc);
    const again = parseOk(text);
    expect(again).toEqual(doc);
    expect(serializeDocument(again)).toBe(text);
    // Cells are written in printed order; two-space indentation; final newline.
    const written = JSON.parse(text) as { cells: Record<string, number> };
    expect(Object.keys(written.cells)).toEqual(CELLS.all.map((c) => c.id));
    expect(text).toMatch(/^\{\n {2}"format": "nianbao",\n/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseOk(`\uFEFF${seedText}`)).toEqual(parsedSeed());
  });

  it('treats null cell values as not filled in', () => {
    const doc = parseOk(seedWithCells({ 'a.new.natural': null, 'r.review.upheld': null }));
    expect('a.new.natural' in doc.cells).toBe(false);
    expect('r.review.upheld' in doc.cells).toBe(false);
    expect(doc.cells['a.new.commercial']).toBe(0);
    const v1 = check(doc).findings.filter((f) => f.rule === 'V-1');
    expect(v1.flatMap((f) => f.cells)).toEqual(expect.arrayContaining(['a.new.natural', 'r.review.upheld']));
    expect(v1.every((f) => f.severity === 'error')).toBe(true);
  });
});

describe('parseDocument: bad input gives one clear Chinese message and never throws', () => {
  it('an empty file', () => {
    expect(parseError('').message).toContain('空的');
  });

  it('whitespace only (and a lone BOM)', () => {
    expect(parseError('  \n\t\r\n ').message).toContain('空的');
    expect(parseError('\uFEFF').message).toContain('空的');
  });

  it('not JSON at all', () => {
    const e = parseError('这不是报告');
    expect(e.message).toContain('不是有效的 JSON');
    expect(parseError('hello').message).toContain('不是有效的 JSON');
  });

  it('truncated JSON: the message gives line and column', () => {
    const cut = seedText.slice(0, 500);
    const e = parseError(cut);
    expect(e.message).toContain('不是有效的 JSON');
    const lines = cut.split('\n');
    const m = /第(\d+)行第(\d+)列/.exec(e.message);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(lines.length); // the end of the text is where it broke
    const e2 = parseError('{\n  "format": "nianbao",\n  "year": 2024,\n  oops: 1\n}');
    expect(e2.message).toMatch(/第4行第3列/);
  });

  it.each([
    ['an array', '[]'],
    ['a number', '42'],
    ['a string', '"报告"'],
    ['null', 'null'],
    ['true', 'true'],
  ])('JSON that is %s', (_name, text) => {
    expect(parseError(text).message).toContain('最外层应为一个对象');
  });

  it('missing unit', () => {
    const e = parseError(seedWith({ unit: undefined }));
    expect(e.message).toContain('缺少必填项');
    expect(e.message).toContain('unit');
  });

  it('wrong unit kind', () => {
    const e = parseError(seedWith({ unit: { name: 'X', kind: '县政府' } }));
    expect(e.message).toContain('unit.kind');
    expect(e.message).toContain('县政府');
    expect(e.message).toContain('government');
  });

  it('year as a string, and year 1999', () => {
    const s = parseError(seedWith({ year: '2024' }));
    expect(s.message).toContain('年度(year)');
    expect(s.message).toContain('文本“2024”');
    const old = parseError(seedWith({ year: 1999 }));
    expect(old.message).toContain('年度(year)');
    expect(old.message).toContain('1999');
    expect(parseError(seedWith({ year: 2024.5 })).message).toContain('整数');
  });

  it('format marker missing or foreign', () => {
    expect(parseError(seedWith({ format: undefined })).message).toContain('"format": "nianbao"');
    const foreign = parseError(seedWith({ format: 'wps-office' }));
    expect(foreign.message).toContain('这不是年报助手的报告文件');
    expect(foreign.message).toContain('wps-office');
  });

  it('objects where a marker or a version belongs (String() of {"toString": ""} throws)', () => {
    const f = parseError('{"format": {"toString": ""}}');
    expect(f.message).toContain('这不是年报助手的报告文件');
    expect(f.message).toContain('对象');
    expect(parseError('{"format": ["nianbao"]}').message).toContain('数组');
    const v = parseError(seedWith({ schemaVersion: { toString: '' } }));
    expect(v.message).toContain('schemaVersion');
    expect(v.message).toContain('对象');
    expect(parseError(seedWith({ schemaVersion: [1] })).message).toContain('数组');
  });

  it('a newer schemaVersion is refused with an upgrade hint', () => {
    const e = parseError(seedWith({ schemaVersion: 99 }));
    expect(e.code).toBe('newer-version');
    expect(e.message).toContain('99');
    expect(e.message).toContain('升级');
  });

  it.each([
    [0, '0'],
    ['1', '1'],
    [-1, '-1'],
    [1.5, '1.5'],
    [null, 'null'],
  ])('an invalid schemaVersion %j', (v, shown) => {
    const e = parseError(seedWith({ schemaVersion: v }));
    expect(e.message).toContain('schemaVersion');
    expect(e.message).toContain(shown);
  });

  it('a missing schemaVersion', () => {
    expect(parseError(seedWith({ schemaVersion: undefined })).message).toContain('schemaVersion');
  });

  it('a string in a number cell names the cell, its labels and the text', () => {
    const e = parseError(seedWithCells({ 'a.new.natural': '24' }));
    expect(e.message).toContain('a.new.natural');
    expect(e.message).toContain('自然人');
    expect(e.message).toContain('文本');
    expect(e.message).toContain('24');
  });

  it('other non-numbers in cells', () => {
    expect(parseError(seedWithCells({ 'p.fees': true })).message).toContain('p.fees');
    expect(parseError(seedWithCells({ 'r.after.pending': [1] })).message).toContain('r.after.pending');
    expect(parseError(seedWithCells({ 'a.open.ngo': { v: 1 } })).message).toContain('a.open.ngo');
  });

  it('unknown cell ids are named', () => {
    const e = parseError(seedWithCells({ 'a.new.alien': 3 }));
    expect(e.message).toContain('未知的单元格编号');
    expect(e.message).toContain('a.new.alien');
    const last = parseError(seedWith({ lastYear: { year: 2023, cells: { 'p.mystery': 1 } } }));
    expect(last.message).toContain('p.mystery');
    expect(last.message).toContain('上年');
  });

  it('10 MB of text: 过大, fast', () => {
    const big = `{"format":"nianbao","text":{"overview":"${'年'.repeat(10 * 1024 * 1024)}"}}`;
    const t0 = performance.now();
    const e = parseError(big);
    const ms = performance.now() - t0;
    expect(e.message).toContain('过大');
    expect(ms).toBeLessThan(200);
    expect(parseError('x'.repeat(10 * 1024 * 1024)).message).toContain('过大');
  });

  it('a narrative field over the limit names the field; at the limit it is fine', () => {
    const over = parseError(seedWith({ text: { ...seedRaw.text, problems: '改'.repeat(MAX_TEXT_CHARS + 1) } }));
    expect(over.message).toContain('text.problems');
    expect(over.message).toContain('过长');
    expect(over.message).toContain(String(MAX_TEXT_CHARS + 1));
    const at = parseOk(seedWith({ text: { ...seedRaw.text, problems: '改'.repeat(MAX_TEXT_CHARS) } }));
    expect(at.text.problems).toHaveLength(MAX_TEXT_CHARS);
  });

  it('several problems: the first is named and the rest counted', () => {
    const e = parseError(seedWithCells({ 'x.one': 1, 'x.two': 2, 'x.three': 3 }));
    expect(e.message).toContain('x.one');
    expect(e.message).toContain('另有2处问题');
  });

  it('property: any text either parses or fails with a Chinese message, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (text) => {
        const r = parseDocument(text);
        if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 300 },
    );
  });

  it('property: any field of the seed replaced by any JSON value never throws', () => {
    const keys = ['format', 'schemaVersion', 'formatVersion', 'unit', 'year', 'cells', 'text', 'lastYear', 'contact', 'publishedAt', 'explanations'];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        const r = validateDocument({ ...seedRaw, [key]: value });
        if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 400 },
    );
  });
});

describe('values the schema accepts but the checker reports', () => {
  const findingsFor = (patch: Record<string, unknown>) => check(parseOk(seedWithCells(patch))).findings;

  it.each([
    ['a.new.natural', -1, 'T3-5'],
    ['a.deny.law.natural', 1.5, 'T3-5'],
    ['a.next.other', -2, 'T3-5'],
    ['p.license', -3, 'T2-1'],
    ['p.norms.valid', 1.5, 'T2-1'],
    ['p.fees', -0.5, 'T2-1'],
    ['p.fees', 1.23456, 'T2-1'],
    ['r.review.upheld', 1.5, 'T4-2'],
    ['r.after.pending', -1, 'T4-2'],
  ])('%s = %d parses and is reported by %s', (id, value, rule) => {
    const doc = parseOk(seedWithCells({ [id]: value }));
    expect(doc.cells[id]).toBe(value);
    const f = findingsFor({ [id]: value }).find((x) => x.rule === rule && x.cells.includes(id));
    expect(f, `${rule} for ${id}`).toBeDefined();
    expect(f!.severity).toBe('error');
    expect(f!.actual).toBe(value);
    expect(f!.message).toContain(String(value));
  });

  it('p.fees may hold decimals: 1.5 and 0.1234 万元 are fine', () => {
    for (const v of [1.5, 0.1234, 96171.6]) {
      expect(findingsFor({ 'p.fees': v }).filter((f) => f.rule === 'T2-1')).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Random valid documents

const countArb = fc.nat({ max: 100_000 });
const moneyArb = fc.integer({ min: 0, max: 10_000_000_000 }).map((n) => n / 10_000);
const anyNumberArb = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));

const cellValueArb = (def: CellDef): fc.Arbitrary<number> =>
  fc.oneof({ weight: 8, arbitrary: def.kind === 'money' ? moneyArb : countArb }, { weight: 1, arbitrary: anyNumberArb });

/** Any subset of the given cells, each with a value from `value`. */
const someCells = (defs: readonly CellDef[], value: (def: CellDef) => fc.Arbitrary<number>): fc.Arbitrary<Record<string, number>> =>
  fc
    .record(Object.fromEntries(defs.map((d) => [d.id, value(d)])) as Record<string, fc.Arbitrary<number>>, { requiredKeys: [] })
    .map((r) => r as Record<string, number>);

/** Any subset of the cells with any values the schema accepts. */
const cellsArb = someCells(CELLS.all, cellValueArb);

// Narrative text as the app stores it: any characters but the invisible controls that reading drops.
// eslint-disable-next-line no-control-regex
const textArb = fc.string({ unit: 'binary', maxLength: 80 }).map((t) => t.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''));
const fullTextArb = fc.record({
  overview: textArb,
  proactive: textArb,
  applications: textArb,
  review: textArb,
  problems: textArb,
  other: textArb,
});

const unitArb = fc.record(
  {
    name: fc.string({ unit: 'grapheme', maxLength: 40 }),
    kind: fc.constantFrom('government' as const, 'department' as const, 'other' as const),
    level: fc.constantFrom('province' as const, 'city' as const, 'county' as const, 'township' as const),
  },
  { requiredKeys: ['name', 'kind'] },
);

const yearArb = fc.integer({ min: 2008, max: 2100 });

const docArb: fc.Arbitrary<ReportDocument> = fc
  .record(
    {
      unit: unitArb,
      year: yearArb,
      cells: cellsArb,
      text: fullTextArb,
      contact: fc.record(
        { person: fc.string({ maxLength: 20 }), phone: fc.string({ maxLength: 20 }), address: fc.string({ maxLength: 50 }), email: fc.string({ maxLength: 30 }) },
        { requiredKeys: [] },
      ),
      publishedAt: fc
        .date({ min: new Date('2009-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      // Keys are finding ids. (A "__proto__" key is dropped silently by the zod record: not a finding id.)
      explanations: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => k !== '__proto__'),
        fc.string({ maxLength: 100 }),
        { maxKeys: 4 },
      ),
      lastYear: fc.record({ year: yearArb, cells: cellsArb, text: fullTextArb }),
      updatedAt: fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2200-01-01') }).map((d) => d.toISOString()),
    },
    { requiredKeys: ['unit', 'year', 'cells', 'text'] },
  )
  .map((d) => ({ format: 'nianbao' as const, schemaVersion: 1 as const, formatVersion: '2021' as const, ...d }));

describe('properties of the document text', () => {
  it('random valid documents survive serialize → parse unchanged', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const text = serializeDocument(doc);
        const back = parseDocument(text);
        if (!back.ok) throw new Error(back.error.message);
        expect(back.value).toEqual(doc);
        expect(serializeDocument(back.value)).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('reading normalises line ends and drops invisible control characters in the narrative', () => {
    const raw = { format: 'nianbao', schemaVersion: 1, unit: { name: 'X', kind: 'government' }, year: 2024, text: { overview: 'a\r\nb\u0007c\u000bd\te\rf' } };
    const r = validateDocument(raw);
    expect(r.ok && r.value.text.overview).toBe('a\nbcd\te\nf');
  });

  it('migrate() of any version-1 document is the identity and leaves its input alone', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          docArb.map((d) => JSON.parse(JSON.stringify(d)) as Record<string, unknown>),
          fc.dictionary(fc.string(), fc.jsonValue()).map((o) => ({ ...o, schemaVersion: 1 })),
        ),
        (raw) => {
          const before = structuredClone(raw);
          const r = migrate(raw);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value).toEqual(before);
          expect(raw).toEqual(before);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('migrate() refuses any newer schemaVersion, and any non-positive-integer one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1_000_000 }), (v) => {
        const r = migrate({ schemaVersion: v });
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('newer-version');
          expect(r.error.message).toContain(String(v));
        }
      }),
    );
    for (const v of [0, -3, 1.5, '1', null, undefined, Number.NaN]) {
      const r = migrate({ schemaVersion: v });
      expect(r.ok, String(v)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad-version');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Editing

describe('setCell', () => {
  const seed = parsedSeed().cells;

  it('recomputes the row total, （七）总计 and its total', () => {
    const next = setCell(seed, 'a.open.natural', seed['a.open.natural']! + 5);
    expect(next['a.open.natural']).toBe(12);
    expect(next['a.open.total']).toBe(sumIds(next, APPLICANTS.map((c) => `a.open.${c}`)));
    expect(next['a.open.total']).toBe(seed['a.open.total']! + 5);
    expect(next['a.done.natural']).toBe(sumIds(next, RESULT_ROWS.map((r) => `a.${r}.natural`)));
    expect(next['a.done.natural']).toBe(seed['a.done.natural']! + 5);
    expect(next['a.done.total']).toBe(seed['a.done.total']! + 5);
    // Nothing else changed.
    const changed = Object.keys(next).filter((k) => next[k] !== seed[k]);
    expect(changed.sort()).toEqual(['a.done.natural', 'a.done.total', 'a.open.natural', 'a.open.total']);
  });

  it('recomputes 表四 group totals', () => {
    let cells = setCell(seed, 'r.direct.upheld', 2);
    cells = setCell(cells, 'r.direct.pending', 3);
    expect(cells['r.direct.total']).toBe(sumIds(cells, T4_PARTS.map((p) => `r.direct.${p}`)));
    expect(cells['r.direct.total']).toBe(seed['r.direct.corrected']! + seed['r.direct.other']! + 5);
    expect(cells['r.review.total']).toBe(seed['r.review.total']);
  });

  it('computes totals only once every part is filled', () => {
    let cells: Record<string, number> = {};
    APPLICANTS.forEach((c, i) => {
      expect(cells['a.new.total']).toBeUndefined();
      cells = setCell(cells, `a.new.${c}`, i + 1);
    });
    expect(cells['a.new.total']).toBe(21);
    expect(cells['a.done.natural']).toBeUndefined();
  });

  it('clearing a cell removes the totals that depend on it, and only those', () => {
    const cleared = setCell(seed, 'a.open.natural', undefined);
    for (const id of ['a.open.natural', 'a.open.total', 'a.done.natural', 'a.done.total']) expect(id in cleared, id).toBe(false);
    expect(cleared['a.new.total']).toBe(seed['a.new.total']);
    expect(cleared['a.done.commercial']).toBe(seed['a.done.commercial']);
    expect(cleared['a.partial.total']).toBe(seed['a.partial.total']);
    const noReview = setCell(seed, 'r.review.other', undefined);
    expect('r.review.total' in noReview).toBe(false);
    expect(noReview['r.after.total']).toBe(seed['r.after.total']);
  });

  it('refuses derived and unknown cells', () => {
    for (const id of ['a.new.total', 'a.done.natural', 'a.done.total', 'r.after.total']) {
      expect(() => setCell(seed, id, 1), id).toThrow();
    }
    expect(() => setCell(seed, 'a.nope.natural', 1)).toThrow();
  });

  it('does not modify its input', () => {
    const frozen = Object.freeze({ ...seed });
    const out = setCell(frozen, 'p.license', 1);
    expect(frozen['p.license']).toBe(14073);
    expect(out['p.license']).toBe(1);
  });
});

describe('effectiveCells and withDerivedCells', () => {
  const seed = parsedSeed().cells;

  it('withDerivedCells replaces typed-over totals', () => {
    const typed = { ...seed, 'a.new.total': 99, 'a.done.natural': 0, 'r.review.total': 7, 'a.done.total': 1 };
    const fixed = withDerivedCells(typed);
    expect(fixed['a.new.total']).toBe(25);
    expect(fixed['a.done.natural']).toBe(sumIds(seed, RESULT_ROWS.map((r) => `a.${r}.natural`)));
    expect(fixed['r.review.total']).toBe(sumIds(seed, T4_PARTS.map((p) => `r.review.${p}`)));
    expect(fixed['a.done.total']).toBe(seed['a.done.total']);
    expect(fixed).toEqual(seed); // the seed's own totals are right
  });

  it('effectiveCells keeps typed totals and fills in absent ones', () => {
    const withoutTotals = Object.fromEntries(Object.entries(seed).filter(([k]) => !CELLS.byId.get(k)!.sumOf));
    expect(Object.keys(withoutTotals)).toHaveLength(166);
    expect(effectiveCells(withoutTotals)).toEqual(seed);
    const typed = { ...seed, 'a.new.total': 99 };
    expect(effectiveCells(typed)['a.new.total']).toBe(99);
  });

  it('effectiveCells is computed once per cells object, and an edit (a new object) is seen', () => {
    const withoutTotals = Object.fromEntries(Object.entries(seed).filter(([k]) => !CELLS.byId.get(k)!.sumOf));
    const first = effectiveCells(withoutTotals);
    expect(effectiveCells(withoutTotals)).toBe(first);
    const edited = setCell(withoutTotals, 'a.new.natural', seed['a.new.natural']! + 5);
    expect(effectiveCells(edited)['a.new.total']).toBe(seed['a.new.total']! + 5);
    expect(effectiveCells(edited)['a.new.natural']).toBe(seed['a.new.natural']! + 5);
    expect(first['a.new.total']).toBe(seed['a.new.total']);
  });

  it('effectiveCells hands back the cells themselves when no total is missing, without changing them', () => {
    expect(effectiveCells(seed)).toBe(seed); // every total present
    const blank = {};
    expect(effectiveCells(blank)).toBe(blank); // no total computable
    const partial = { 'a.new.natural': 1 };
    expect(effectiveCells(partial)).toEqual({ 'a.new.natural': 1 });
    const withoutTotals = Object.fromEntries(Object.entries(seed).filter(([k]) => !CELLS.byId.get(k)!.sumOf));
    const eff = effectiveCells(withoutTotals);
    expect(eff).not.toBe(withoutTotals);
    expect(Object.keys(withoutTotals)).toHaveLength(166); // the input is not filled in
  });

  it('setCell on cells whose totals are right gives what recomputing every total gives (property)', () => {
    const entered = CELLS.entered.map((c) => c.id);
    const consistent = withDerivedCells(seed);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...entered), fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined })), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (edits, fromBlank) => {
          let cells: Record<string, number> = fromBlank ? {} : consistent;
          const typed: Record<string, number> = fromBlank ? {} : { ...consistent };
          for (const [id, v] of edits) {
            cells = setCell(cells, id, v);
            if (v === undefined) delete typed[id];
            else typed[id] = v;
          }
          expect(cells).toEqual(withDerivedCells(typed));
          expect(effectiveCells(cells)).toEqual(withDerivedCells(typed));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: every derived cell equals the sum of the parts the spec names', () => {
    const enteredArb = someCells(CELLS.entered, () => countArb);
    fc.assert(
      fc.property(enteredArb, (cells) => {
        const d = withDerivedCells(cells);
        const expectSum = (target: string, parts: string[]): void => {
          if (parts.every((p) => d[p] !== undefined)) expect(d[target], target).toBe(sumIds(d, parts));
          else expect(d[target], target).toBeUndefined();
        };
        for (const r of ['new', 'carried', ...RESULT_ROWS, 'done', 'next']) {
          expectSum(`a.${r}.total`, APPLICANTS.map((c) => `a.${r}.${c}`));
        }
        for (const c of APPLICANTS) expectSum(`a.done.${c}`, RESULT_ROWS.map((r) => `a.${r}.${c}`));
        for (const g of T4_GROUPS) expectSum(`r.${g}.total`, T4_PARTS.map((p) => `r.${g}.${p}`));
        for (const [k, v] of Object.entries(cells)) expect(d[k]).toBe(v);
      }),
      { numRuns: 100 },
    );
  });
});

describe('blankDocument and documentFromPrevious', () => {
  it('blankDocument is a valid, empty report', () => {
    const doc = blankDocument({ name: '某某局', kind: 'department' }, 2025);
    expect(doc.cells).toEqual({});
    expect(Object.values(doc.text)).toEqual(['', '', '', '', '', '']);
    expect(parseOk(serializeDocument(doc))).toEqual(doc);
  });

  it('starts 2025 from the seed: carried = last year’s 结转下年度, 现行有效 kept, the rest unfilled', () => {
    const prev = parsedSeed();
    // The real seed carries 0 in every column; make the carry-over visible.
    const nextVals = [3, 0, 1, 0, 2, 4];
    let prevCells: Record<string, number> = { ...prev.cells };
    APPLICANTS.forEach((c, i) => {
      prevCells = setCell(prevCells, `a.next.${c}`, nextVals[i]!);
    });
    const doc = documentFromPrevious({ ...prev, cells: prevCells });
    expect(doc.year).toBe(2025);
    expect(doc.unit).toEqual(prev.unit);
    for (const c of COLUMNS) expect(doc.cells[`a.carried.${c}`], c).toBe(prevCells[`a.next.${c}`]);
    expect(doc.cells['a.carried.total']).toBe(10);
    expect(doc.cells['p.rules.valid']).toBe(0);
    expect(doc.cells['p.norms.valid']).toBe(18);
    expect(Object.keys(doc.cells).sort()).toEqual(
      [...COLUMNS.map((c) => `a.carried.${c}`), 'p.norms.valid', 'p.rules.valid'].sort(),
    );
    expect(Object.values(doc.text).every((t) => t === '')).toBe(true);
    expect(doc.lastYear!.year).toBe(2024);
    expect(doc.lastYear!.cells).toEqual(prevCells);
    expect(doc.lastYear!.text).toEqual(prev.text);
    expect(doc.lastYear!.text.overview).toBe(seedRaw.text.overview);
    // It is a valid document, and the checker's cross-year rule is satisfied by construction.
    expect(parseOk(serializeDocument(doc))).toEqual(doc);
    expect(check(doc, doc.lastYear).findings.filter((f) => f.rule === 'T3-4')).toEqual([]);
  });

  it('from the unmodified seed: the seed’s own values carry over', () => {
    const prev = parsedSeed();
    const doc = documentFromPrevious(prev);
    for (const c of COLUMNS) expect(doc.cells[`a.carried.${c}`]).toBe(prev.cells[`a.next.${c}`]);
    expect(doc.lastYear).toEqual({ year: 2024, cells: prev.cells, text: prev.text });
    expect(documentFromPrevious(prev, 2027).year).toBe(2027);
  });

  it('property: for random previous reports, carried equals next in every column', () => {
    const nextArb = someCells(
      APPLICANTS.map((c) => CELLS.byId.get(`a.next.${c}`)!),
      () => countArb,
    );
    fc.assert(
      fc.property(docArb, nextArb, fc.boolean(), (prev, next, typedTotal) => {
        const base = Object.fromEntries(Object.entries(prev.cells).filter(([k]) => !k.startsWith('a.next.')));
        // A consistent previous report, with 结转下年度 总计 typed or left to be computed.
        const cells = withDerivedCells({ ...base, ...next });
        if (!typedTotal) delete cells['a.next.total'];
        const doc = documentFromPrevious({ ...prev, cells });
        const last = effectiveCells(cells);
        for (const c of COLUMNS) expect(doc.cells[`a.carried.${c}`], c).toBe(last[`a.next.${c}`]);
        expect(doc.year).toBe(prev.year + 1);
        expect(doc.unit).toEqual(prev.unit);
      }),
      { numRuns: 150 },
    );
  });
});
