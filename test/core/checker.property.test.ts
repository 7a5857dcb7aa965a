/**
 * Property tests: any consistent report passes the arithmetic, and changing any one entered cell
 * of it is caught by at least one rule that names that cell.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, RULE_BY_ID } from '../../src/core/checker';
import { withDerivedCells, type PreviousReport, type ReportDocument } from '../../src/core/document';
import { CELLS, T3_APPLICANT_COLUMNS, T3_RESULT_ROWS, T4_GROUPS } from '../../src/core/format';

const ARITHMETIC = new Set(['T3-1', 'T3-2', 'T3-3', 'T4-1', 'T3-4', 'T2-2', 'T2-3', 'V-1', 'T2-1', 'T3-5', 'T4-2', 'X-1', 'X-2']);

interface World {
  readonly doc: ReportDocument;
  readonly previous: PreviousReport;
}

const count = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max });

/**
 * A consistent world: this year's report with every total typed (as a published report has), the
 * narrative stating every 表二 quantity, and last year's report it continues from.
 */
const worldArb: fc.Arbitrary<World> = fc
  .record({
    results: fc.array(fc.array(count(30), { minLength: 6, maxLength: 6 }), { minLength: 21, maxLength: 21 }),
    next: fc.array(count(10), { minLength: 6, maxLength: 6 }),
    carriedShare: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
    t4: fc.array(count(20), { minLength: 12, maxLength: 12 }),
    prevValid: fc.tuple(count(50), count(200)),
    issued: fc.tuple(count(5), count(30)),
    repealShare: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
    license: count(100_000),
    penalty: count(10_000),
    coercion: count(5_000),
    feeTenThousandths: fc.integer({ min: 0, max: 99_999_999 }),
  })
  .map((g) => {
    const cells: Record<string, number> = {};
    const prevCells: Record<string, number> = {};
    T3_APPLICANT_COLUMNS.forEach((col, ci) => {
      let done = 0;
      T3_RESULT_ROWS.forEach((row, ri) => {
        cells[`a.${row.key}.${col.key}`] = g.results[ri]![ci]!;
        done += g.results[ri]![ci]!;
      });
      const next = g.next[ci]!;
      const carried = Math.floor(g.carriedShare[ci]! * (done + next));
      cells[`a.next.${col.key}`] = next;
      cells[`a.carried.${col.key}`] = carried;
      cells[`a.new.${col.key}`] = done + next - carried;
      prevCells[`a.next.${col.key}`] = carried;
    });
    T4_GROUPS.forEach((grp, gi) => {
      ['upheld', 'corrected', 'other', 'pending'].forEach((o, oi) => {
        cells[`r.${grp.key}.${o}`] = g.t4[gi * 4 + oi]!;
      });
    });
    (['rules', 'norms'] as const).forEach((k, i) => {
      const prevValid = g.prevValid[i]!;
      const issued = g.issued[i]!;
      const repealed = Math.floor(g.repealShare[i]! * (prevValid + issued));
      cells[`p.${k}.issued`] = issued;
      cells[`p.${k}.repealed`] = repealed;
      cells[`p.${k}.valid`] = prevValid + issued - repealed;
      prevCells[`p.${k}.valid`] = prevValid;
    });
    cells['p.license'] = g.license;
    cells['p.penalty'] = g.penalty;
    cells['p.coercion'] = g.coercion;
    cells['p.fees'] = g.feeTenThousandths / 10_000;
    const full = withDerivedCells(cells);
    const statement =
      `本年度办理行政许可${full['p.license']}件。实施行政处罚${full['p.penalty']}件，行政强制${full['p.coercion']}件。` +
      // Stated to the 万分位 (4 decimals): the text is read as rounded to the decimals written, so a
      // fee stated as “5万元” would rightly accept 5.0001 (textVsTables.ts), and a change of 0.0001
      // below would go uncaught by design.
      `行政事业性收费${full['p.fees']!.toFixed(4)}万元。`;
    const doc: ReportDocument = {
      format: 'nianbao',
      schemaVersion: 1,
      formatVersion: '2021',
      unit: { name: '某市人民政府', kind: 'government', level: 'city' },
      year: 2025,
      cells: full,
      text: {
        overview: `（一）主动公开。${statement}\n（二）依申请公开。\n（三）政府信息管理。\n（四）平台建设。\n（五）监督保障。开展考核、社会评议，无责任追究情况。`,
        proactive: '',
        applications: '',
        review: '',
        problems: '存在问题：解读形式单一。改进措施：加强培训。',
        other: '本年度未收取信息处理费。',
      },
    };
    return { doc, previous: { year: 2024, cells: prevCells } };
  });

describe('checker properties', () => {
  it('a consistent report has no arithmetic, carry-over or text finding', () => {
    fc.assert(
      fc.property(worldArb, ({ doc, previous }) => {
        const r = check(doc, previous);
        const bad = r.findings.filter((f) => ARITHMETIC.has(f.rule));
        expect(bad).toEqual([]);
        expect(r.errors).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('changing any one entered cell is caught by a rule naming that cell', () => {
    const entered = CELLS.entered.map((c) => c.id);
    fc.assert(
      fc.property(
        worldArb,
        fc.constantFrom(...entered),
        fc.option(fc.integer({ min: 0, max: 999 })),
        ({ doc, previous }, id, step) => {
          const old = doc.cells[id]!;
          const cells: Record<string, number> = { ...doc.cells };
          // null: the cell is cleared; otherwise it gets another valid value.
          if (step === null) delete cells[id];
          else cells[id] = CELLS.byId.get(id)!.kind === 'money' ? old + (step + 1) / 10_000 : old + step + 1;
          const r = check({ ...doc, cells }, previous);
          const naming = r.findings.filter((f) => f.cells.includes(id));
          expect(naming.length, `change of ${id} (${old} → ${String(cells[id])}) not caught`).toBeGreaterThan(0);
          for (const f of r.findings) expect(RULE_BY_ID.has(f.rule), f.rule).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('typing a total over its sum is caught for every derived cell', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom(...CELLS.derived.map((c) => c.id)), fc.integer({ min: 1, max: 50 }), ({ doc, previous }, id, delta) => {
        const cells = { ...doc.cells, [id]: doc.cells[id]! + delta };
        const r = check({ ...doc, cells }, previous);
        expect(r.findings.some((f) => f.severity === 'error' && f.cells.includes(id))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
