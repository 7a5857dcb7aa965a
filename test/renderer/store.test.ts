/**
 * The editor's store (editor/store.ts) tells each cell when what it draws changed, and only then:
 * after any sequence of edits, undos, redos and explanations, the cells notified are exactly the
 * cells whose shown value or mark level changed, and the status line's message listeners exactly
 * those whose value, level or messages changed. The marks, kept up to date cell by cell
 * (cellMarks with the previous marks), are always those made afresh from the findings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankDocument } from '../../src/core/document';
import { CELLS } from '../../src/core/format';
import { cellMarks } from '../../src/renderer/src/editor/findings';
import type { EditorAction } from '../../src/renderer/src/editor/state';
import { EditorStore, type Derived } from '../../src/renderer/src/editor/store';
import { loadSeed } from '../helpers/seed';

const ALL = CELLS.all.map((c) => c.id);
const ENTERED = CELLS.entered.map((c) => c.id);

/** Cells whose drawing (value, level) and whose messages changed between two derived states. */
function expected(a: Derived, b: Derived): { cells: Set<string>; messages: Set<string> } {
  const cells = new Set<string>();
  const messages = new Set<string>();
  for (const id of ALL) {
    const [ma, mb] = [a.marks.get(id), b.marks.get(id)];
    if (a.shown[id] !== b.shown[id] || ma?.level !== mb?.level) cells.add(id);
    if (cells.has(id) || ma?.text !== mb?.text) messages.add(id);
  }
  return { cells, messages };
}

/** Watch every cell of a store; `take()` returns the ids notified since the last call. */
function watch(store: EditorStore): () => { cells: Set<string>; messages: Set<string> } {
  let cells = new Set<string>();
  let messages = new Set<string>();
  for (const id of ALL) {
    store.subscribeCell(id, () => cells.add(id));
    store.subscribeCellMessages(id, () => messages.add(id));
  }
  return () => {
    const out = { cells, messages };
    cells = new Set();
    messages = new Set();
    return out;
  };
}

const actionArb: fc.Arbitrary<EditorAction | 'explain'> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constant('cells' as const),
        changes: fc.array(fc.tuple(fc.constantFrom(...ENTERED), fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined })), { minLength: 1, maxLength: 3 }),
        record: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'undo' as const }) },
    { weight: 1, arbitrary: fc.constant({ type: 'redo' as const }) },
    { weight: 1, arbitrary: fc.constant('explain' as const) },
  );

function run(start: 'blank' | 'seed', actions: readonly (EditorAction | 'explain')[], picks: readonly number[]): void {
  const doc = start === 'seed' ? loadSeed() : blankDocument({ name: '某某县人民政府', kind: 'government' }, 2025);
  const store = new EditorStore(doc);
  const take = watch(store);
  actions.forEach((a, i) => {
    const before = store.getDerived();
    let action: EditorAction;
    if (a === 'explain') {
      const warnings = before.findings.filter((f) => f.severity === 'warning');
      if (warnings.length === 0) return;
      const f = warnings[picks[i % picks.length]! % warnings.length]!;
      action = { type: 'explain', findingId: f.id, text: f.explanation ? undefined : '已核实，数据无误。' };
    } else action = a;
    store.dispatch(action);
    const after = store.getDerived();
    const got = take();
    const want = expected(before, after);
    expect([...got.cells].sort()).toEqual([...want.cells].sort());
    expect([...got.messages].sort()).toEqual([...want.messages].sort());
    expect(after.marks).toEqual(cellMarks(after.findings).marks);
  });
}

describe('EditorStore: cell notifications', () => {
  it('typing a digit notifies the cell, its totals and the cells whose mark changed — no others', () => {
    const store = new EditorStore(blankDocument({ name: '某某县人民政府', kind: 'government' }, 2025));
    const take = watch(store);
    store.dispatch({ type: 'cells', changes: [['a.new.natural', 7]], record: false });
    const got = take();
    // The cell shows 7 and loses its 未填写 mark; its row's other cells keep their level (error)
    // with a new message (one column fewer), so only their messages are told.
    expect(got.cells.has('a.new.natural')).toBe(true);
    expect(got.cells.has('a.new.commercial')).toBe(false);
    expect(got.messages.has('a.new.commercial')).toBe(true);
    expect(got.cells.has('a.next.natural')).toBe(false);
    expect(got.messages.has('a.next.natural')).toBe(false);
    expect(store.getDerived().marks.get('a.new.commercial')?.text).not.toContain('自然人');
  });

  it('after any sequence of edits, undos, redos and explanations, exactly the changed cells are notified (blank report)', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (actions, picks) =>
        run('blank', actions, picks),
      ),
      { numRuns: 60 },
    );
  });

  it('the same, starting from the published seed report (explained warnings, cross-checks)', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (actions, picks) =>
        run('seed', actions, picks),
      ),
      { numRuns: 60 },
    );
  });
});
