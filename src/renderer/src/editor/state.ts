/**
 * The editor's state: the document being edited, an undo/redo history of table edits, and a
 * revision counter the autosave watches. Pure reducer; every change to the document goes here.
 *
 * Undo covers the tables (cells); the narrative text areas have the browser's own undo.
 */
import { setCell } from '../../../core/document/cells';
import type { Cells, Contact, ReportDocument, Unit } from '../../../core/document/types';
import { CELLS, type TextKey } from '../../../core/format';

export type CellChange = readonly [id: string, value: number | undefined];

interface UndoEntry {
  readonly before: Cells;
  readonly after: Cells;
}

export interface EditorState {
  readonly doc: ReportDocument;
  readonly undo: readonly UndoEntry[];
  readonly redo: readonly UndoEntry[];
  /** Bumped on every change of the document; 0 right after loading. */
  readonly revision: number;
  /** After undo/redo: a cell that changed, to bring into view. */
  readonly touched: { readonly id: string; readonly n: number } | null;
}

export type MetaPatch = {
  readonly unit?: Unit;
  readonly year?: number;
  readonly contact?: Contact;
  readonly publishedAt?: string | undefined;
};

export type EditorAction =
  | { readonly type: 'load'; readonly doc: ReportDocument }
  /**
   * Set cells. `record` adds one undo step going back to `base` (default: the cells before this
   * action) — an edit typed key by key is applied live without recording, then recorded once.
   */
  | { readonly type: 'cells'; readonly changes: readonly CellChange[]; readonly record: boolean; readonly base?: Cells }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'text'; readonly key: TextKey; readonly value: string }
  | { readonly type: 'meta'; readonly patch: MetaPatch }
  | { readonly type: 'explain'; readonly findingId: string; readonly text: string | undefined };

const MAX_UNDO = 300;

export const initialState = (doc: ReportDocument): EditorState => ({ doc, undo: [], redo: [], revision: 0, touched: null });

/** Apply changes to entered cells (totals are recomputed; a total cannot be set). */
export function applyChanges(cells: Cells, changes: readonly CellChange[]): Cells {
  let out: Cells = cells;
  for (const [id, value] of changes) {
    const def = CELLS.byId.get(id);
    if (!def || def.sumOf) continue;
    if (out[id] === value) continue;
    out = setCell(out, id, value);
  }
  return out;
}

/** The first entered cell whose value differs, in printed order. */
function firstDifference(a: Cells, b: Cells): string | undefined {
  for (const c of CELLS.entered) if (a[c.id] !== b[c.id]) return c.id;
  return undefined;
}

const withDoc = (s: EditorState, doc: ReportDocument): EditorState => ({ ...s, doc, revision: s.revision + 1 });

export function reducer(s: EditorState, a: EditorAction): EditorState {
  switch (a.type) {
    case 'load':
      return initialState(a.doc);
    case 'cells': {
      const cells = applyChanges(s.doc.cells, a.changes);
      const base = a.base ?? s.doc.cells;
      const next = cells === s.doc.cells ? s : withDoc(s, { ...s.doc, cells });
      if (!a.record || firstDifference(base, cells) === undefined) return next;
      const undo = [...s.undo, { before: base, after: cells }];
      if (undo.length > MAX_UNDO) undo.shift();
      return { ...next, undo, redo: [] };
    }
    case 'undo': {
      const entry = s.undo[s.undo.length - 1];
      if (!entry) return s;
      const id = firstDifference(s.doc.cells, entry.before) ?? firstDifference(entry.after, entry.before);
      return {
        ...withDoc(s, { ...s.doc, cells: entry.before }),
        undo: s.undo.slice(0, -1),
        redo: [...s.redo, entry],
        touched: id ? { id, n: (s.touched?.n ?? 0) + 1 } : s.touched,
      };
    }
    case 'redo': {
      const entry = s.redo[s.redo.length - 1];
      if (!entry) return s;
      const id = firstDifference(s.doc.cells, entry.after) ?? firstDifference(entry.before, entry.after);
      return {
        ...withDoc(s, { ...s.doc, cells: entry.after }),
        undo: [...s.undo, entry],
        redo: s.redo.slice(0, -1),
        touched: id ? { id, n: (s.touched?.n ?? 0) + 1 } : s.touched,
      };
    }
    case 'text':
      if (s.doc.text[a.key] === a.value) return s;
      return withDoc(s, { ...s.doc, text: { ...s.doc.text, [a.key]: a.value } });
    case 'meta': {
      const doc: Record<string, unknown> = { ...s.doc };
      for (const [k, v] of Object.entries(a.patch)) {
        if (v === undefined || v === '') delete doc[k];
        else doc[k] = v;
      }
      return withDoc(s, doc as unknown as ReportDocument);
    }
    case 'explain': {
      const explanations: Record<string, string> = { ...(s.doc.explanations ?? {}) };
      const text = a.text?.trim();
      if (text) explanations[a.findingId] = text;
      else delete explanations[a.findingId];
      const doc: Record<string, unknown> = { ...s.doc, explanations };
      if (Object.keys(explanations).length === 0) delete doc.explanations;
      return withDoc(s, doc as unknown as ReportDocument);
    }
  }
}
