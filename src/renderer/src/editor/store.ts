/**
 * The editor's store: the document and its history (the reducer in state.ts), and what is derived
 * from them — the check result, the findings counted by section and mapped onto cells, the cells
 * as shown (totals derived). Everything is computed once per change, synchronously, in dispatch.
 *
 * Plain TypeScript, no React (useEditorStore.ts binds it to React).
 *
 * Parts subscribe to just what they show: React components through useEditorStore with a
 * selector (derived values keep their identity while unchanged, so selectors compare by
 * reference); the parts that change while the clerk types — cells, the status line, the findings
 * panel, the step counts — subscribe outside React and write their own nodes. Cells are notified
 * by id, only when their value or mark level changed; the status line also when the messages of
 * its cell changed.
 */
import { check } from '../../../core/checker';
import type { Finding } from '../../../core/checker/types';
import { cellsAffectedBy, effectiveCells } from '../../../core/document/cells';
import type { ReportDocument } from '../../../core/document/types';
import { CELLS } from '../../../core/format';
import { cellMarks, countBySection, type CellMark, type Counts, type MarkedCells, type StepKey } from './findings';
import { initialState, reducer, type EditorAction, type EditorState } from './state';
import { Listeners } from './listeners';

export interface Derived {
  /** The findings of the last check; the same array while nothing in them changed. */
  readonly findings: readonly Finding[];
  /** Per section; each array keeps its identity while that section's findings did not change. */
  readonly bySection: ReadonlyMap<StepKey, readonly Finding[]>;
  readonly counts: ReadonlyMap<StepKey, Counts>;
  /** Cell marks; a cell's mark object keeps its identity while its level and text are the same. */
  readonly marks: ReadonlyMap<string, CellMark>;
  /** What the marks were made from, and which cells' marks changed (cellMarks). */
  readonly marked: MarkedCells;
  /** The document's cells with absent totals derived. */
  readonly shown: Readonly<Record<string, number>>;
}

const NONE: readonly Finding[] = [];
const CELL_IDS: readonly string[] = CELLS.all.map((c) => c.id);
const messagesKey = (id: string): string => `messages\u0001${id}`;

/** Two findings show the same (compared field by field: no strings built on every keystroke). */
const showSame = (a: Finding, b: Finding): boolean =>
  a === b ||
  (a.id === b.id &&
    a.severity === b.severity &&
    a.message === b.message &&
    a.explanation === b.explanation &&
    a.text?.paragraph === b.text?.paragraph &&
    a.text?.excerpt === b.text?.excerpt);

/** The same array as `prev` when the findings show the same; otherwise `next`. */
export function sameFindings(prev: readonly Finding[] | undefined, next: readonly Finding[]): readonly Finding[] {
  if (!prev || prev.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (!showSame(prev[i]!, next[i]!)) return next;
  return prev;
}

function sameCounts(a: ReadonlyMap<StepKey, Counts>, b: ReadonlyMap<StepKey, Counts>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, c] of a) {
    const d = b.get(k);
    if (!d || d.errors !== c.errors || d.warnings !== c.warnings || d.explained !== c.explained) return false;
  }
  return true;
}

/** Derive from `doc`, reusing what did not change since `prev` (derived from `prevDoc`). */
function derive(doc: ReportDocument, prev: Derived | null, prevDoc: ReportDocument | null): Derived {
  const shown = prev && prevDoc && doc.cells === prevDoc.cells ? prev.shown : effectiveCells(doc.cells);
  const findings = sameFindings(prev?.findings, check(doc, doc.lastYear).findings);
  if (prev && findings === prev.findings) return shown === prev.shown ? prev : { ...prev, shown };
  const grouped = new Map<StepKey, Finding[]>();
  for (const f of findings) {
    const list = grouped.get(f.section);
    if (list) list.push(f);
    else grouped.set(f.section, [f]);
  }
  const bySection = new Map<StepKey, readonly Finding[]>();
  for (const [k, list] of grouped) bySection.set(k, sameFindings(prev?.bySection.get(k), list));
  const counts = countBySection(findings);
  const marked = cellMarks(findings, prev?.marked);
  return { findings, bySection, counts: prev && sameCounts(prev.counts, counts) ? prev.counts : counts, marks: marked.marks, marked, shown };
}

export class EditorStore {
  private state: EditorState;
  private derived: Derived;
  private readonly listeners = new Listeners();

  constructor(doc: ReportDocument) {
    this.state = initialState(doc);
    this.derived = derive(doc, null, null);
  }

  readonly getState = (): EditorState => this.state;
  readonly getDerived = (): Derived => this.derived;

  readonly subscribe = this.listeners.subscribe;

  /** Notified only when this cell's shown value or mark level changed (what the cell draws). */
  subscribeCell(id: string, cb: () => void): () => void {
    return this.listeners.subscribeCell(id, cb);
  }

  /**
   * Notified when this cell's value, mark level or the text of its findings changed — the status
   * line shows the messages. (A message follows the numbers, so typing in one cell changes the
   * messages of every cell its cross-check names; those cells draw nothing new.)
   */
  subscribeCellMessages(id: string, cb: () => void): () => void {
    return this.listeners.subscribeCell(messagesKey(id), cb);
  }

  readonly dispatch = (a: EditorAction): void => {
    const before = this.state;
    const next = reducer(before, a);
    if (next === before) return;
    this.state = next;
    const old = this.derived;
    if (next.doc !== before.doc) this.derived = a.type === 'load' ? derive(next.doc, null, null) : derive(next.doc, old, before.doc);
    if (this.derived !== old) {
      // Typed cells: only they and the totals made from them can show another value.
      this.notifyCells(old, this.derived, a.type === 'cells' ? a.changes.flatMap(([id]) => cellsAffectedBy(id)) : CELL_IDS);
    }
    this.listeners.notifyAll();
  };

  /** Notify the cells whose value (among `candidates`), mark level or messages changed from `a` to `b`. */
  private notifyCells(a: Derived, b: Derived, candidates: readonly string[]): void {
    const changed = new Set<string>();
    const texts = new Set<string>();
    if (a.shown !== b.shown) {
      for (const id of candidates) if (a.shown[id] !== b.shown[id]) changed.add(id);
    }
    if (a.marks !== b.marks) {
      // b was derived from a (dispatch), so cellMarks tells which cells' marks changed, unless b
      // was made afresh (a document loaded).
      const ids = b.marked.changed ?? new Set([...a.marks.keys(), ...b.marks.keys()]);
      for (const id of ids) {
        const m = b.marks.get(id);
        const old = a.marks.get(id);
        if (old === m) continue;
        if (old?.level !== m?.level) changed.add(id);
        else texts.add(id);
      }
    }
    for (const id of changed) {
      this.listeners.notifyCell(id);
      this.listeners.notifyCell(messagesKey(id));
    }
    for (const id of texts) if (!changed.has(id)) this.listeners.notifyCell(messagesKey(id));
  }
}

export const sectionFindings = (d: Derived, key: StepKey): readonly Finding[] => d.bySection.get(key) ?? NONE;
