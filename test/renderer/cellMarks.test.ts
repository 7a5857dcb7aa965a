/**
 * cellMarks (editor/findings.ts): what each cell of a grid is marked with — the strongest level of
 * the findings that name it and their messages — and that a cell whose findings did not change
 * keeps its mark object, while a cell whose findings changed gets a new one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/checker/types';
import { cellMarks, countBySection, totalCounts } from '../../src/renderer/src/editor/findings';

const finding = (id: string, severity: Finding['severity'], cells: string[], message: string, explanation?: string): Finding => ({
  id,
  rule: id.split(':')[0]!,
  severity,
  cells,
  message,
  section: 'applications',
  ...(explanation ? { explanation } : {}),
});

describe('cellMarks', () => {
  it('marks each cell with its strongest level and all its messages, in order', () => {
    const { marks } = cellMarks([
      finding('W-1:a', 'warning', ['x', 'y'], '提示一'),
      finding('E-1:a', 'error', ['y'], '错误一'),
      finding('W-2:a', 'warning', ['z'], '提示二', '已核实'),
      finding('I-1:a', 'info', ['x', 'w'], '说明'),
    ]);
    expect(marks.get('x')).toEqual({ level: 'warning', text: '提示一' });
    expect(marks.get('y')).toEqual({ level: 'error', text: '提示一\n错误一' });
    expect(marks.get('z')).toEqual({ level: 'explained', text: '提示二（已说明）' });
    expect(marks.has('w')).toBe(false);
  });

  it('keeps the mark object of a cell whose findings are the same, and makes a new one where they changed', () => {
    const v1a = finding('V-1:a', 'error', ['a1', 'a2'], '表三“甲”行有2格未填写');
    const v1b = finding('V-1:b', 'error', ['b1', 'b2'], '表三“乙”行有2格未填写');
    const first = cellMarks([v1a, v1b]);
    const v1bNow = finding('V-1:b', 'error', ['b2'], '表三“乙”未填写');
    const second = cellMarks([v1a, v1bNow], first);
    expect(second.marks.get('a1')).toBe(first.marks.get('a1'));
    expect(second.marks.get('a2')).toBe(first.marks.get('a2'));
    expect(second.marks.get('b2')).not.toBe(first.marks.get('b2'));
    expect(second.marks.get('b2')).toEqual({ level: 'error', text: '表三“乙”未填写' });
    expect(second.marks.has('b1')).toBe(false);
    // A finding added to a cell changes that cell's mark too.
    const t31 = finding('T3-1:a', 'error', ['a1'], '“自然人”列：不平衡');
    const third = cellMarks([v1a, t31, v1bNow], second);
    expect(third.marks.get('a1')).toEqual({ level: 'error', text: '表三“甲”行有2格未填写\n“自然人”列：不平衡' });
    expect(third.marks.get('a2')).toBe(first.marks.get('a2'));
  });

  it('made from the previous marks, equals the marks made afresh, and names exactly the cells whose mark object changed', () => {
    // A pool of findings; each step keeps some (the same objects, as the checker does), drops some,
    // adds new ones, possibly reordered.
    const pool = fc.array(
      fc.record({
        n: fc.nat(5),
        severity: fc.constantFrom<Finding['severity']>('error', 'warning', 'info'),
        cells: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 3 }),
        explained: fc.boolean(),
      }),
      { maxLength: 6 },
    );
    const step = fc.record({ keep: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), added: pool, shuffle: fc.boolean() });
    fc.assert(
      fc.property(pool, fc.array(step, { minLength: 1, maxLength: 8 }), (first, steps) => {
        let k = 0;
        const make = (g: { n: number; severity: Finding['severity']; cells: string[]; explained: boolean }): Finding =>
          finding(`R-${g.n}:${k++}`, g.severity, g.cells, `消息${g.n}`, g.explained ? '已核实' : undefined);
        let findings = first.map(make);
        let prev = cellMarks(findings);
        for (const s of steps) {
          const kept = findings.filter((_, i) => s.keep[i % 6]);
          const next = [...kept, ...s.added.map(make)];
          if (s.shuffle) next.reverse();
          const now = cellMarks(next, prev);
          const fresh = cellMarks(next);
          expect(now.marks).toEqual(fresh.marks);
          expect(now.sources).toEqual(fresh.sources);
          const changed = new Set([...prev.marks.keys(), ...now.marks.keys()].filter((id) => prev.marks.get(id) !== now.marks.get(id)));
          expect([...now.changed!].sort()).toEqual([...changed].sort());
          // A cell whose mark reads the same keeps the very object.
          for (const [id, m] of now.marks) {
            const old = prev.marks.get(id);
            if (old && old.level === m.level && old.text === m.text) expect(m).toBe(old);
          }
          findings = next;
          prev = now;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('countBySection counts errors, open warnings and explained warnings per section, and no info', () => {
    const inSection = (f: Finding, section: Finding['section']): Finding => ({ ...f, section });
    const counts = countBySection([
      finding('E-1:a', 'error', ['x'], '错'),
      finding('E-1:b', 'error', ['y'], '错'),
      finding('W-1:a', 'warning', ['x'], '提示'),
      finding('W-2:a', 'warning', ['x'], '提示', '已核实'),
      finding('I-1:a', 'info', ['x'], '说明'),
      inSection(finding('W-3:a', 'warning', [], '提示'), 'overview'),
      inSection(finding('I-2:a', 'info', [], '说明'), 'other'),
    ]);
    expect(counts.get('applications')).toEqual({ errors: 2, warnings: 1, explained: 1 });
    expect(counts.get('overview')).toEqual({ errors: 0, warnings: 1, explained: 0 });
    expect(counts.has('other')).toBe(false);
    expect(totalCounts(counts)).toEqual({ errors: 2, warnings: 2, explained: 1 });
  });
});
