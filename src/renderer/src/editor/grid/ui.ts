/**
 * The grid's own edit state — the active cell, the selection anchor, the in-place edit and the
 * status-line notice — kept outside React so that a keystroke does not re-render the grid or its
 * rows. Cells subscribe by id and are notified only when what they show of this state changed
 * (active, selected, the edit text); the status line subscribes to the active cell and the notice.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { Cells } from '../../../../core/document/types';
import type { GridModel, ValueCell } from './model';
import { Listeners } from '../listeners';

export interface Editing {
  readonly id: string;
  readonly text: string;
  /** enter: started by typing, arrows end the edit; edit: F2 / double-click, arrows move the caret. */
  readonly mode: 'enter' | 'edit';
  readonly original: number | undefined;
  readonly base: Cells;
  readonly error?: string | undefined;
}

export interface GridUiState {
  readonly activeId: string;
  readonly anchorId: string | null;
  readonly editing: Editing | null;
  readonly notice: string | null;
  /** Bumped by a focus request, so the focus keeper runs even when nothing else changed. */
  readonly focusN: number;
}

/** What one cell shows of the grid's state. */
export interface CellUi {
  readonly active: boolean;
  readonly selected: boolean;
  readonly edit: string | undefined;
  /** typing: the text typed so far is drawn in the cell (focus stays on it); input: an <input> (F2). */
  readonly editKind: 'typing' | 'input' | undefined;
  readonly invalid: boolean;
}

const IDLE: CellUi = { active: false, selected: false, edit: undefined, editKind: undefined, invalid: false };
const NO_IDS: ReadonlySet<string> = new Set();

const selectionOf = (model: GridModel, anchor: ValueCell | null, active: ValueCell): ValueCell[] => {
  if (!anchor || anchor === active) return [active];
  const vr0 = Math.min(anchor.vr, active.vr);
  const vr1 = Math.max(anchor.vr, active.vr);
  const c0 = Math.min(anchor.c0, active.c0);
  const c1 = Math.max(anchor.c1, active.c1);
  const out: ValueCell[] = [];
  for (let vr = vr0; vr <= vr1; vr++) for (const c of model.rows[vr]!) if (c.c1 >= c0 && c.c0 <= c1) out.push(c);
  return out;
};

const sameCellUi = (a: CellUi, b: CellUi): boolean =>
  a.active === b.active && a.selected === b.selected && a.edit === b.edit && a.editKind === b.editKind && a.invalid === b.invalid;

export class GridUi {
  private s: GridUiState;
  private sel: ValueCell[];
  private selIds: ReadonlySet<string> = NO_IDS;
  private readonly snaps = new Map<string, CellUi>();
  private readonly listeners = new Listeners();

  constructor(private readonly model: GridModel) {
    const first = model.entered[0]!;
    this.s = { activeId: first.id, anchorId: null, editing: null, notice: null, focusN: 0 };
    this.sel = [first];
    this.snaps.set(first.id, this.compute(first.id)); // drawn as the active cell from the start
  }

  get state(): GridUiState {
    return this.s;
  }
  get active(): ValueCell {
    return this.model.byId.get(this.s.activeId) ?? this.model.entered[0]!;
  }
  get selection(): readonly ValueCell[] {
    return this.sel;
  }

  readonly subscribe = this.listeners.subscribe;

  subscribeCell(id: string, cb: () => void): () => void {
    return this.listeners.subscribeCell(id, cb);
  }

  cell(id: string): CellUi {
    return this.snaps.get(id) ?? IDLE;
  }

  private compute(id: string): CellUi {
    const { activeId, editing } = this.s;
    const e = editing?.id === id ? editing : null;
    const active = activeId === id;
    const selected = this.selIds.has(id);
    if (!active && !selected && !e) return IDLE;
    return {
      active,
      selected,
      edit: e ? e.text : undefined,
      editKind: e ? (e.mode === 'enter' ? 'typing' : 'input') : undefined,
      invalid: e ? e.error !== undefined : false,
    };
  }

  set(patch: Partial<GridUiState>): void {
    const prev = this.s;
    const next = { ...prev, ...patch };
    if (
      next.activeId === prev.activeId &&
      next.anchorId === prev.anchorId &&
      next.editing === prev.editing &&
      next.notice === prev.notice &&
      next.focusN === prev.focusN
    )
      return;
    this.s = next;
    const affected = new Set<string>();
    if (next.activeId !== prev.activeId || next.anchorId !== prev.anchorId) {
      for (const id of this.selIds) affected.add(id);
      const active = this.active;
      const anchor = next.anchorId ? (this.model.byId.get(next.anchorId) ?? null) : null;
      this.sel = selectionOf(this.model, anchor, active);
      this.selIds = this.sel.length > 1 ? new Set(this.sel.map((c) => c.id)) : NO_IDS;
      for (const id of this.selIds) affected.add(id);
      affected.add(prev.activeId);
      affected.add(next.activeId);
    }
    if (next.editing !== prev.editing) {
      if (prev.editing) affected.add(prev.editing.id);
      if (next.editing) affected.add(next.editing.id);
    }
    for (const id of affected) {
      const old = this.cell(id);
      const snap = this.compute(id);
      if (sameCellUi(old, snap)) continue;
      if (snap === IDLE) this.snaps.delete(id);
      else this.snaps.set(id, snap);
      this.listeners.notifyCell(id);
    }
    this.listeners.notifyAll();
  }
}

/**
 * The text of the in-place <input> while this cell is edited with one (F2, double-click, an input
 * method), else undefined: the cell re-renders only when that input comes, goes or changes.
 */
export function useCellInput(ui: GridUi, id: string): string | undefined {
  const subscribe = useCallback((cb: () => void) => ui.subscribeCell(id, cb), [ui, id]);
  return useSyncExternalStore(subscribe, () => {
    const u = ui.cell(id);
    return u.editKind === 'input' ? u.edit : undefined;
  });
}

/** A slice of the grid's state; the selector must return a value that keeps its identity while unchanged. */
export function useGridUi<T>(ui: GridUi, select: (s: GridUiState) => T): T {
  return useSyncExternalStore(ui.subscribe, () => select(ui.state));
}
