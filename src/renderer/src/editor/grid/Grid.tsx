/**
 * An official table (表二/表三/表四) as an editable grid, drawn from the format's layout data
 * (tableGrid) with its merged label cells, and driven from the keyboard like Excel or WPS:
 *
 *   arrows move (Shift extends the selection), Tab / Shift+Tab go to the next / previous cell to
 *   fill, Enter goes down (back to the column where a run of Tabs started), typing replaces, F2
 *   edits in place, Delete / Backspace clears, Escape cancels an edit, Ctrl+Z / Ctrl+Y undo and
 *   redo, Ctrl+C / Ctrl+X / Ctrl+V copy, cut and paste blocks (TSV from Excel/WPS, or an HTML table).
 *
 * A value typed into a cell is applied as it is typed (totals and the checks follow live) and
 * recorded as one undo step when the edit ends. Totals are computed and read-only.
 */
import { Button, Tooltip } from 'antd';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { TableId } from '../../../../core/format';
import type { EditorStore } from '../store';
import { useEditorStore } from '../useEditorStore';
import { GridUi, useCellInput, useGridUi, type Editing } from './ui';
import { batch } from '../listeners';
import { gridModel, move, tabFrom, type Direction, type GridModel, type ValueCell } from './model';
import { PasteDialog } from './PasteDialog';
import { planPaste, type PastePlan } from './paste';
import { blockToClipboard, clipboardBlock, formatValue, parseCellInput } from './values';
import { setGone, setNumberText, setText } from '../../common/dom';
import type { CellMark } from '../findings';

const titleFor = (cell: ValueCell, mark: CellMark | undefined): string => (mark ? `${cell.title}\n${mark.text}` : cell.title);

const focusInput = (el: HTMLInputElement | null): void => {
  if (el && document.activeElement !== el) {
    el.focus();
    const n = el.value.length;
    el.setSelectionRange(n, n);
  }
};

interface CellProps {
  readonly store: EditorStore;
  readonly ui: GridUi;
  readonly cell: ValueCell;
  readonly colSpan: number;
  readonly onEditChange: (text: string) => void;
}

/** What a cell shows, as DOM attributes and text. */
interface CellDom {
  readonly cls: string;
  readonly text: string;
  readonly active: boolean;
  readonly selected: boolean;
  readonly invalid: boolean;
}

function cellDom(cell: ValueCell, store: EditorStore, ui: GridUi): CellDom {
  const d = store.getDerived();
  const level = d.marks.get(cell.id)?.level;
  const u = ui.cell(cell.id);
  const text = u.editKind === 'typing' ? (u.edit ?? '') : formatValue(d.shown[cell.id]);
  let cls = 'v';
  if (cell.derived) cls += ' v-derived';
  if (level) cls += ` v-${level}`;
  if (text === '' && !u.editKind) cls += ' v-empty';
  if (u.active) cls += ' v-active';
  if (u.selected) cls += ' v-selected';
  if (u.editKind) cls += ` v-editing v-editing-${u.editKind}`;
  if (u.invalid) cls += ' v-invalid';
  return { cls, text, active: u.active, selected: u.selected || u.active, invalid: level === 'error' || u.invalid };
}

const sameCellDom = (a: CellDom, b: CellDom): boolean =>
  a.cls === b.cls && a.text === b.text && a.active === b.active && a.selected === b.selected && a.invalid === b.invalid;

/** Bring a cell's nodes up to date with what it shows, touching only what differs. */
function applyCellDom(td: HTMLTableCellElement, textEl: HTMLElement | null, v: CellDom): void {
  if (td.className !== v.cls) td.className = v.cls;
  const tabIndex = v.active ? 0 : -1;
  if (td.tabIndex !== tabIndex) td.tabIndex = tabIndex;
  const selected = String(v.selected);
  if (td.getAttribute('aria-selected') !== selected) td.setAttribute('aria-selected', selected);
  if (v.invalid !== td.hasAttribute('aria-invalid')) {
    if (v.invalid) td.setAttribute('aria-invalid', 'true');
    else td.removeAttribute('aria-invalid');
  }
  setText(textEl, v.text);
}

/**
 * A cell is drawn by React, then kept up to date directly: it subscribes to its own value and
 * mark and to what it shows of the grid's edit state (active, selected, the edit text), and
 * writes the class, attributes or text that changed into its own nodes — a keystroke costs no
 * React render. React draws a cell again only when it switches to or from the in-place <input>
 * (F2, double-click, an input method). The findings' messages are not rendered into the cell: the
 * status line shows them for the active cell, and the grid puts them into the title of the cell
 * under the mouse (titleFor) when the mouse comes onto it.
 */
const GridCell = memo(function GridCell(p: CellProps) {
  const { cell, store, ui } = p;
  const tdRef = useRef<HTMLTableCellElement>(null);
  const textRef = useRef<HTMLSpanElement>(null);
  const input = useCellInput(ui, cell.id);
  const v = cellDom(cell, store, ui);
  useLayoutEffect(() => {
    // What this effect last wrote: an unchanged cell is skipped without reading the DOM.
    let last: CellDom | null = null;
    const apply = (): void => {
      const next = cellDom(cell, store, ui);
      if (!tdRef.current || (last && sameCellDom(last, next))) return;
      applyCellDom(tdRef.current, textRef.current, next);
      last = next;
    };
    apply(); // after every render: the text node is new when the <input> went away
    const offValue = store.subscribeCell(cell.id, apply);
    const offUi = ui.subscribeCell(cell.id, apply);
    return () => {
      offValue();
      offUi();
    };
  });
  const title = cell.title;
  return (
    <td
      ref={tdRef}
      data-cell={cell.id}
      colSpan={p.colSpan > 1 ? p.colSpan : undefined}
      tabIndex={v.active ? 0 : -1}
      className={v.cls}
      title={title}
      aria-readonly={cell.derived || undefined}
      aria-selected={v.selected}
      aria-invalid={v.invalid || undefined}
    >
      {/* A fixed-size, strictly contained box: a new value relays out this box, not the table. */}
      <div className="vc">
        {input !== undefined ? (
          <input
            ref={focusInput}
            className="cell-input"
            data-cell-input={cell.id}
            value={input}
            onChange={(e) => p.onEditChange(e.target.value)}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            aria-label={title}
          />
        ) : (
          // The text is written by applyCellDom only (React renders no children here, so the two
          // never disagree); while typing, CSS draws the caret as its right border.
          <span className="vt" ref={textRef} />
        )}
        {cell.kind === 'money' && <span className="v-unit">万元</span>}
      </div>
    </td>
  );
});

type GridRowT = GridModel['grid']['rows'][number];

interface RowProps {
  readonly row: GridRowT;
  readonly model: GridModel;
  readonly labels: ReadonlyMap<string, React.ReactElement | undefined>;
  readonly store: EditorStore;
  readonly ui: GridUi;
  readonly onEditChange: (text: string) => void;
}

/** A row's props never change while the grid is shown: its cells subscribe to what they show. */
const GridRow = memo(function GridRow(p: RowProps) {
  return (
    <tr>
      {p.row.cells.map((c) => {
        if (c.type === 'label') return p.labels.get(`${c.r}-${c.c}`);
        return <GridCell key={c.id} store={p.store} ui={p.ui} cell={p.model.byId.get(c.id)!} colSpan={c.colSpan} onEditChange={p.onEditChange} />;
      })}
    </tr>
  );
});


/** Buttons above the grid; memoised so typing does not re-render them. */
const GridToolbar = memo(function GridToolbar(props: {
  tableId: TableId;
  store: EditorStore;
  onFill(): void;
}) {
  const { dispatch } = props.store;
  const canUndo = useEditorStore(props.store, (s) => s.undo.length > 0);
  const canRedo = useEditorStore(props.store, (s) => s.redo.length > 0);
  return (
    <div className="grid-toolbar">
      <Tooltip title="把本表中还没有填写的单元格都填为0（可撤销）">
        <Button size="small" onClick={props.onFill} data-testid={`fill-zero-${props.tableId}`}>
          空白单元格填0
        </Button>
      </Tooltip>
      <Button size="small" disabled={!canUndo} onClick={() => dispatch({ type: 'undo' })} data-testid="undo">
        撤销
      </Button>
      <Button size="small" disabled={!canRedo} onClick={() => dispatch({ type: 'redo' })} data-testid="redo">
        重做
      </Button>
      <span className="grid-keys">输入数字后按 Enter 下移、Tab 右移 · F2 修改 · Delete 清除 · Ctrl+V 粘贴Excel表格 · Ctrl+Z 撤销</span>
    </div>
  );
});

export interface GridProps {
  readonly tableId: TableId;
  /**
   * The document and what is derived from it. The grid reads the cells when it needs them (undo
   * snapshots, copy, F2) and does not re-render when they change: the cells subscribe themselves.
   */
  readonly store: EditorStore;
  /** Focus this cell (a click on a finding, an undo); `n` makes a repeat request fire again. */
  readonly focusRequest: { readonly id: string; readonly n: number } | null;
  /** Short-lived message for the status line (e.g. from the parent). */
  readonly onNotice?: (text: string) => void;
}

const KEY_DIR: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

export const Grid = memo(function Grid(props: GridProps) {
  const { tableId, store } = props;
  const { dispatch } = store;
  const model = useMemo(() => gridModel(tableId), [tableId]);
  const wrapRef = useRef<HTMLDivElement>(null);
  // The edit state lives outside React (see ui.ts): a keystroke does not re-render the grid.
  const ui = useMemo(() => new GridUi(model), [model]);
  const setActiveId = useCallback((id: string) => ui.set({ activeId: id }), [ui]);
  const setAnchorId = useCallback((id: string | null) => ui.set({ anchorId: id }), [ui]);
  const setEditing = useCallback((e: Editing | null) => ui.set({ editing: e }), [ui]);
  const [plan, setPlan] = useState<{ plan: PastePlan } | null>(null);
  const wantFocus = useRef(true);
  const tabStart = useRef<ValueCell | null>(null);
  const dragging = useRef(false);

  /** Focus the active cell once the grid has rendered (FocusKeeper). */
  const focusActive = useCallback(() => {
    wantFocus.current = true;
    ui.set({ focusN: ui.state.focusN + 1 });
  }, [ui]);

  const goTo = useCallback(
    (cell: ValueCell, extend = false) => {
      setActiveId(cell.id);
      if (!extend) setAnchorId(null);
      focusActive();
    },
    [focusActive, setActiveId, setAnchorId],
  );

  // Chromium enables Copy/Cut on a cell that holds no text selection only when `beforecopy` /
  // `beforecut` is cancelled; the copy/cut handlers below then fill the clipboard.
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const enable = (e: Event): void => {
      if (!(e.target as HTMLElement).closest('input')) e.preventDefault();
    };
    wrap.addEventListener('beforecopy', enable);
    wrap.addEventListener('beforecut', enable);
    return () => {
      wrap.removeEventListener('beforecopy', enable);
      wrap.removeEventListener('beforecut', enable);
    };
  }, []);

  // The table's size never changes while typing (fixed layout, fixed-size cells): the wrapper takes
  // it explicitly and contains size and layout, so a relayout around the table (the status line
  // below it changes with every keystroke) does not lay the table out again. Kept in step with the
  // table's real size (fonts, zoom) by a ResizeObserver.
  useLayoutEffect(() => {
    const wrap = wrapRef.current;
    const table = wrap?.querySelector('table');
    if (!wrap || !table) return;
    const fit = (): void => {
      const w = `${table.offsetWidth}px`;
      const h = `${table.offsetHeight}px`;
      if (wrap.style.width !== w) wrap.style.width = w;
      if (wrap.style.height !== h) wrap.style.height = h;
      wrap.classList.add('grid-wrap-sized');
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(table);
    return () => ro.disconnect();
  }, []);

  // The header (sticky) height, so a focused cell scrolls clear of it.
  useLayoutEffect(() => {
    const wrap = wrapRef.current;
    const thead = wrap?.querySelector('thead');
    if (!wrap || !thead) return;
    const place = (): void => wrap.style.setProperty('--head-h', `${Math.round(thead.getBoundingClientRect().height)}px`);
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, []);

  // Requests from outside: a finding clicked, an undo that changed a cell of this table.
  const requestId = props.focusRequest?.id;
  const requestN = props.focusRequest?.n;
  useEffect(() => {
    if (requestId === undefined) return;
    const cell = model.byId.get(requestId);
    if (!cell) return;
    setEditing(null);
    setActiveId(cell.id);
    setAnchorId(null);
    wantFocus.current = true;
    // Focus even when the active cell did not change.
    const td = wrapRef.current?.querySelector<HTMLElement>(`td[data-cell="${CSS.escape(cell.id)}"]`);
    if (td) {
      td.focus({ preventScroll: true });
      td.scrollIntoView({ block: 'center', inline: 'nearest' });
      wantFocus.current = false;
    }
  }, [requestId, requestN, model, setEditing, setActiveId, setAnchorId]);

  const say = useCallback((text: string | null) => ui.set({ notice: text }), [ui]);

  /** Leave edit mode. The ref is cleared at once: the input's blur may fire while it unmounts. */
  const endEdit = useCallback(() => {
    setEditing(null);
  }, [setEditing]);

  // --- editing -------------------------------------------------------------------------------

  const startEdit = useCallback(
    (cell: ValueCell, text: string, mode: Editing['mode']) => {
      if (cell.derived) {
        say(`“${cell.colLabel}”的总计由软件自动计算，不能直接填写；请修改组成它的各项。`);
        return;
      }
      const cells = store.getState().doc.cells;
      setEditing({ id: cell.id, text, mode, original: cells[cell.id], base: cells });
      setAnchorId(null);
      if (mode === 'enter') {
        const parsed = parseCellInput(text, cell.kind);
        if (parsed.ok) dispatch({ type: 'cells', changes: [[cell.id, parsed.value]], record: false });
        say(parsed.ok ? null : parsed.reason);
      } else say(null);
    },
    [dispatch, say, store],
  );

  /** End the edit, keeping the value. False (and still editing) when the text is not a valid value. */
  /** End the edit, taking its value; `refocus` false: the key goes on to leave the grid. */
  const commit = useCallback((refocus = true): boolean => {
    const e = ui.state.editing;
    if (!e) return true;
    const cell = model.byId.get(e.id)!;
    const parsed = parseCellInput(e.text, cell.kind);
    if (!parsed.ok) {
      setEditing({ ...e, error: parsed.reason });
      say(parsed.reason);
      return false;
    }
    endEdit();
    dispatch({ type: 'cells', changes: [[e.id, parsed.value]], record: true, base: e.base });
    say(null);
    if (refocus) focusActive();
    return true;
  }, [dispatch, model, say, focusActive, endEdit]);

  const cancel = useCallback(
    (why?: string) => {
      const e = ui.state.editing;
      if (!e) return;
      endEdit();
      dispatch({ type: 'cells', changes: [[e.id, e.original]], record: false });
      say(why ?? null);
      focusActive();
    },
    [dispatch, say, focusActive, endEdit],
  );

  /** Commit, or when the text is invalid, drop the edit and say why. */
  const commitOrDrop = useCallback(() => {
    const e = ui.state.editing;
    if (!e) return;
    const parsed = parseCellInput(e.text, model.byId.get(e.id)!.kind);
    if (parsed.ok) commit();
    else cancel(`${parsed.reason}，没有填入。`);
  }, [commit, cancel, model]);

  const onEditChange = useCallback(
    (text: string) => {
      const e = ui.state.editing;
      if (!e) return;
      const cell = model.byId.get(e.id)!;
      const parsed = parseCellInput(text, cell.kind);
      batch(() => {
        setEditing({ ...e, text, error: parsed.ok ? undefined : parsed.reason });
        if (parsed.ok) dispatch({ type: 'cells', changes: [[e.id, parsed.value]], record: false });
        say(parsed.ok ? null : parsed.reason);
      });
    },
    [dispatch, model, say],
  );

  /** Focus left the grid while editing (a click elsewhere): keep a valid value, drop an invalid one. */
  const onBlur = (ev: React.FocusEvent<HTMLDivElement>): void => {
    const next = ev.relatedTarget as Node | null;
    if (next && wrapRef.current?.contains(next)) return; // moving within the grid: handled there
    const e = ui.state.editing;
    if (!e) return;
    wantFocus.current = false;
    const parsed = parseCellInput(e.text, model.byId.get(e.id)!.kind);
    endEdit();
    if (parsed.ok) {
      dispatch({ type: 'cells', changes: [[e.id, parsed.value]], record: true, base: e.base });
    } else {
      dispatch({ type: 'cells', changes: [[e.id, e.original]], record: false });
      say(`${parsed.reason}，没有填入。`);
    }
  };

  // --- block operations ----------------------------------------------------------------------

  const applyBlock = useCallback(
    (changes: readonly (readonly [string, number | undefined])[]) => {
      if (changes.length === 0) return;
      dispatch({ type: 'cells', changes, record: true });
    },
    [dispatch],
  );

  const clearSelection = useCallback(() => {
    const { selection } = ui;
    const { shown } = store.getDerived();
    const targets = selection.filter((c) => !c.derived && shown[c.id] !== undefined);
    applyBlock(targets.map((c) => [c.id, undefined] as const));
    if (selection.every((c) => c.derived)) say('总计由软件自动计算，不能清除。');
  }, [ui, store, applyBlock, say]);

  const fillBlanks = useCallback(() => {
    const cells = store.getState().doc.cells;
    const blanks = model.entered.filter((c) => cells[c.id] === undefined);
    if (blanks.length === 0) {
      say('本表没有空白单元格。');
      return;
    }
    applyBlock(blanks.map((c) => [c.id, 0] as const));
    say(`已将 ${blanks.length} 个空白单元格填为0（可按 Ctrl+Z 撤销）。`);
    focusActive();
  }, [model, store, applyBlock, say, focusActive]);

  const applyPlan = useCallback(
    (p: PastePlan) => {
      applyBlock(p.accepted.map((a) => [a.id, a.value] as const));
      setActiveId(p.first.id);
      setAnchorId(p.last.id !== p.first.id ? p.last.id : null);
      const skipped = p.skipped.length ? `，跳过 ${p.skipped.length} 个总计单元格（自动计算）` : '';
      say(`已粘贴 ${p.accepted.length} 个数${skipped}。`);
      focusActive();
    },
    [applyBlock, say, focusActive],
  );

  const onPaste = (e: React.ClipboardEvent): void => {
    const block = clipboardBlock(e.clipboardData);
    const single = block.length <= 1 && (block[0]?.length ?? 0) <= 1;
    const { editing } = ui.state;
    const { active, selection } = ui;
    if (editing) {
      if (single && editing.mode === 'edit') return; // one value into the open input: the input takes it
      if (single) {
        e.preventDefault();
        onEditChange(editing.text + (block[0]?.[0] ?? ''));
        return;
      }
      cancel();
    }
    e.preventDefault();
    if (block.length === 0) {
      say('剪贴板中没有可以粘贴的内容。');
      return;
    }
    const start = selection.length > 1 ? selection.reduce((a, b) => (b.vr < a.vr || (b.vr === a.vr && b.vc < a.vc) ? b : a)) : active;
    const p = planPaste(model, block, start, selection);
    if (p.refused.length === 0) applyPlan(p);
    else setPlan({ plan: p });
  };

  const copyBlock = (): { text: string; html: string } => {
    const rows = new Map<number, string[]>();
    const { selection } = ui;
    const { shown } = store.getDerived();
    for (const c of selection) {
      const row = rows.get(c.vr) ?? [];
      row.push(formatValue(shown[c.id]));
      rows.set(c.vr, row);
    }
    return blockToClipboard([...rows.keys()].sort((a, b) => a - b).map((k) => rows.get(k)!));
  };

  const onCopy = (e: React.ClipboardEvent): void => {
    if (ui.state.editing) return;
    const { text, html } = copyBlock();
    e.clipboardData.setData('text/plain', text);
    e.clipboardData.setData('text/html', html);
    e.preventDefault();
    say(`已复制 ${ui.selection.length} 个单元格，可粘贴到Excel或WPS。`);
  };

  const onCut = (e: React.ClipboardEvent): void => {
    if (ui.state.editing) return;
    onCopy(e);
    clearSelection();
  };

  // --- keyboard ------------------------------------------------------------------------------

  const moveBy = (dir: Direction, opts: { extend?: boolean; skipDerived?: boolean } = {}): void => {
    const { active } = ui;
    const { anchorId } = ui.state;
    const col = dir === 'up' || dir === 'down' ? (tabStart.current?.c0 ?? active.c0) : undefined;
    const next = move(model, active, dir, { skipDerived: opts.skipDerived ?? false, ...(col !== undefined ? { col } : {}) });
    if (opts.extend && !anchorId) setAnchorId(active.id);
    goTo(next, opts.extend);
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.isComposing) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key;
    const { editing, anchorId } = ui.state;
    const { active } = ui;

    if (editing) {
      if (key === 'Enter') {
        e.preventDefault();
        if (commit()) {
          const next = move(model, active, e.shiftKey ? 'up' : 'down', { skipDerived: true, col: tabStart.current?.c0 ?? active.c0 });
          tabStart.current = null;
          goTo(next);
        }
      } else if (key === 'Tab') {
        const next = tabFrom(model, active, e.shiftKey);
        // Typing in the last cell (Shift+Tab: the first): the value is taken and Tab leaves the
        // grid, as it does when not typing. (From the F2 input it stays, and a second Tab leaves.)
        if (next === active && editing.mode === 'enter') {
          if (!commit(false)) e.preventDefault();
          return;
        }
        e.preventDefault();
        if (commit()) {
          tabStart.current ??= active;
          goTo(next);
        }
      } else if (key === 'Escape') {
        e.preventDefault();
        cancel();
      } else if (key === 'F2') {
        e.preventDefault();
        setEditing({ ...editing, mode: editing.mode === 'enter' ? 'edit' : 'enter' });
      } else if (KEY_DIR[key] && editing.mode === 'enter' && !e.shiftKey) {
        e.preventDefault();
        if (commit()) {
          tabStart.current = null;
          moveBy(KEY_DIR[key]!);
        }
      } else if (editing.mode === 'enter' && ctrl && !e.shiftKey && key.toLowerCase() === 'z') {
        // As in Excel: undo while typing drops what was typed (the cell shows its value again);
        // nothing was recorded yet, so the undo history is untouched. (In the F2 input the
        // input's own undo works on its text.)
        e.preventDefault();
        cancel();
      } else if (editing.mode === 'enter') {
        // Typing into the cell itself: the keys are the text.
        if (key === 'Backspace') {
          e.preventDefault();
          onEditChange(editing.text.slice(0, -1));
        } else if (key === 'Process') {
          // An input method starts composing: open a real input for it.
          setEditing({ ...editing, mode: 'edit' });
        } else if (key.length === 1 && !ctrl && !e.altKey) {
          e.preventDefault();
          onEditChange(editing.text + key);
        } else if (!ctrl) {
          e.preventDefault();
        }
      }
      return;
    }

    if (KEY_DIR[key]) {
      e.preventDefault();
      tabStart.current = null;
      if (ctrl) {
        let cur = active;
        for (;;) {
          const n = move(model, cur, KEY_DIR[key]!);
          if (n === cur) break;
          cur = n;
        }
        if (e.shiftKey && !anchorId) setAnchorId(active.id);
        goTo(cur, e.shiftKey);
      } else moveBy(KEY_DIR[key]!, { extend: e.shiftKey });
      return;
    }
    switch (key) {
      case 'Tab': {
        const next = tabFrom(model, active, e.shiftKey);
        // From the last cell (Shift+Tab: the first) Tab leaves the grid for the page's next
        // control, so the keyboard is never trapped in the table.
        if (next === active) return;
        e.preventDefault();
        tabStart.current ??= active;
        goTo(next);
        return;
      }
      case 'Enter': {
        e.preventDefault();
        const next = move(model, active, e.shiftKey ? 'up' : 'down', { skipDerived: true, col: tabStart.current?.c0 ?? active.c0 });
        tabStart.current = null;
        goTo(next);
        return;
      }
      case 'F2':
        e.preventDefault();
        startEdit(active, formatValue(store.getDerived().shown[active.id]), 'edit');
        return;
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        clearSelection();
        return;
      case 'Escape':
        if (anchorId) {
          e.preventDefault();
          setAnchorId(null);
        }
        say(null);
        return;
      case 'Home':
        e.preventDefault();
        goTo(ctrl ? model.rows[0]![0]! : model.rows[active.vr]![0]!, e.shiftKey);
        return;
      case 'End': {
        e.preventDefault();
        const lastRow = ctrl ? model.rows[model.rows.length - 1]! : model.rows[active.vr]!;
        goTo(lastRow[lastRow.length - 1]!, e.shiftKey);
        return;
      }
    }
    if (ctrl) {
      const k = key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        if (store.getState().undo.length > 0) dispatch({ type: 'undo' });
        else say('没有可以撤销的操作。');
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        if (store.getState().redo.length > 0) dispatch({ type: 'redo' });
        else say('没有可以重做的操作。');
      } else if (k === 'a') {
        e.preventDefault();
        const lastRow = model.rows[model.rows.length - 1]!;
        setActiveId(model.rows[0]![0]!.id);
        setAnchorId(lastRow[lastRow.length - 1]!.id);
      }
      return; // Ctrl+C / Ctrl+X / Ctrl+V arrive as copy / cut / paste events
    }
    if (e.altKey) return;
    if (key === 'Process') {
      // An input method is composing: open an input and let the composition land in it.
      startEdit(active, '', 'edit');
      return;
    }
    if (key.length === 1) {
      e.preventDefault();
      startEdit(active, key, 'enter');
    }
  };

  // --- mouse ---------------------------------------------------------------------------------

  const cellOf = (target: EventTarget | null): ValueCell | undefined => {
    const td = (target as HTMLElement | null)?.closest?.('td[data-cell]');
    return td ? model.byId.get(td.getAttribute('data-cell')!) : undefined;
  };

  // Keys are taken by a listener of our own rather than React's onKeyDown: typing is the hot path.
  // It listens on the document in the capture phase, so a key in the grid reaches it before React's
  // listeners on the app's root; a key the grid handled goes no further (React's event system has
  // nothing to do for it), any other key goes on as usual.
  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const listener = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || !(e.target instanceof Node) || !wrap.contains(e.target)) return;
      // The edit state and the document change together: each cell and part is drawn once.
      batch(() => keyHandler.current(e));
      if (e.defaultPrevented) e.stopPropagation();
    };
    document.addEventListener('keydown', listener, true);
    return () => document.removeEventListener('keydown', listener, true);
  }, []);

  const onMouseDown = (e: MouseEvent<HTMLDivElement>): void => {
    if ((e.target as HTMLElement).closest('input, button')) return;
    const cell = cellOf(e.target);
    if (!cell || e.button !== 0) return;
    e.preventDefault();
    const { editing, anchorId } = ui.state;
    const { active } = ui;
    if (editing && editing.id !== cell.id) commitOrDrop();
    tabStart.current = null;
    if (e.shiftKey) {
      if (!anchorId) setAnchorId(active.id);
      setActiveId(cell.id);
      focusActive();
    } else {
      goTo(cell);
      dragging.current = true;
    }
    // Focus now: the layout effect only runs when something re-renders.
    const td = (e.target as HTMLElement).closest<HTMLElement>('td[data-cell]');
    td?.focus({ preventScroll: true });
  };

  const onMouseOver = (e: MouseEvent<HTMLDivElement>): void => {
    // The hover text of a cell: where it is and its findings, as of now.
    const td = (e.target as HTMLElement | null)?.closest?.<HTMLElement>('td[data-cell]');
    const hovered = td ? model.byId.get(td.getAttribute('data-cell')!) : undefined;
    if (td && hovered) {
      const title = titleFor(hovered, store.getDerived().marks.get(hovered.id));
      if (td.title !== title) td.title = title;
    }
    if (!dragging.current || (e.buttons & 1) === 0) {
      dragging.current = false;
      return;
    }
    const cell = cellOf(e.target);
    const { activeId, anchorId } = ui.state;
    if (!cell || cell.id === activeId) return;
    if (!anchorId) setAnchorId(activeId);
    setActiveId(cell.id);
  };

  useEffect(() => {
    const up = (): void => {
      dragging.current = false;
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  const onDoubleClick = (e: MouseEvent<HTMLDivElement>): void => {
    const cell = cellOf(e.target);
    if (!cell || ui.state.editing) return;
    startEdit(cell, formatValue(store.getDerived().shown[cell.id]), 'edit');
  };

  // --- render --------------------------------------------------------------------------------

  const { grid } = model;
  // Label cells never change: built once, reused as the same elements on every render.
  const labels = useMemo(() => {
    const out = new Map<string, React.ReactElement>();
    grid.rows.forEach((row, ri) => {
      for (const c of row.cells) {
        if (c.type !== 'label') continue;
        out.set(
          `${c.r}-${c.c}`,
          <th
            key={`l${c.r}-${c.c}`}
            rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
            colSpan={c.colSpan > 1 ? c.colSpan : undefined}
            className={`lbl lbl-${c.role}`}
            scope={ri < grid.headerRows ? 'col' : undefined}
          >
            {c.text}
          </th>,
        );
      }
    });
    return out;
  }, [grid]);
  // An explicit width makes table-layout: fixed take effect (an auto-width table is laid out
  // the automatic way, measuring every cell's content on each change).
  const tableStyle = useMemo(() => ({ width: model.widths.reduce((a, b) => a + b, 1) }), [model]);
  const header = grid.rows.slice(0, grid.headerRows);
  const body = grid.rows.slice(grid.headerRows);

  const renderRow = (row: GridRowT, i: number) => (
    <GridRow key={i} row={row} model={model} labels={labels} store={store} ui={ui} onEditChange={onEditChange} />
  );

  return (
    <div className="grid-block">
      <GridToolbar tableId={tableId} store={store} onFill={fillBlanks} />
      <div
        ref={wrapRef}
        className={`grid-wrap grid-wrap-${tableId}`}
        data-testid={`grid-${tableId}`}
        onMouseDown={onMouseDown}
        onMouseOver={onMouseOver}
        onDoubleClick={onDoubleClick}
        onCopy={onCopy}
        onCut={onCut}
        onPaste={onPaste}
        onBlur={onBlur}
      >
        <table className={`grid grid-${tableId}`} role="grid" style={tableStyle}>
          <colgroup>
            {model.widths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          {header.length > 0 && <thead>{header.map((r, i) => renderRow(r, i))}</thead>}
          <tbody>{body.map((r, i) => renderRow(r, i + header.length))}</tbody>
        </table>
      </div>
      <GridStatus store={store} ui={ui} model={model} />
      <FocusKeeper ui={ui} wrapRef={wrapRef} wantFocus={wantFocus} />
      <PasteDialog
        plan={plan?.plan ?? null}
        onConfirm={() => {
          const p = plan?.plan;
          setPlan(null);
          if (p) applyPlan(p);
        }}
        onCancel={() => {
          setPlan(null);
          say('没有粘贴任何内容。');
          focusActive();
        }}
      />
    </div>
  );
});

/**
 * Moves the focus to the active cell when it was asked for (wantFocus) and no edit is open, after
 * the cells re-rendered: it subscribes to the active cell and the focus requests.
 */
function FocusKeeper(props: { ui: GridUi; wrapRef: React.RefObject<HTMLDivElement | null>; wantFocus: React.RefObject<boolean> }) {
  // Not the edit state: starting an edit must not re-render anything; every path that ends an
  // edit and wants the focus back on the cell asks for it (focusActive bumps focusN).
  const key = useGridUi(props.ui, (s) => `${s.activeId}\u0001${s.focusN}`);
  const { ui, wrapRef, wantFocus } = props;
  useLayoutEffect(() => {
    if (!wantFocus.current || ui.state.editing) return;
    wantFocus.current = false;
    const td = wrapRef.current?.querySelector<HTMLElement>(`td[data-cell="${CSS.escape(ui.state.activeId)}"]`);
    if (td && document.activeElement !== td) {
      td.focus({ preventScroll: true });
      td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }, [key, ui, wrapRef, wantFocus]);
  return null;
}

/**
 * The status line: where the active cell is, its value, a notice, and the active cell's findings.
 * React draws it when the active cell or the notice changes; the value, the findings' messages and
 * their level (colour), which change with nearly every keystroke, are written into their nodes
 * directly (as the cells do), so typing does not re-render it.
 */
const GridStatus = memo(function GridStatus(props: { store: EditorStore; ui: GridUi; model: GridModel }) {
  const { store } = props;
  const activeId = useGridUi(props.ui, (s) => s.activeId);
  const notice = useGridUi(props.ui, (s) => s.notice);
  const active = props.model.byId.get(activeId) ?? props.model.entered[0]!;
  const valueRef = useRef<HTMLSpanElement>(null);
  const findingRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const apply = (): void => {
      const d = store.getDerived();
      const value = d.shown[active.id];
      const text = value === undefined ? '未填' : `${value}${active.kind === 'money' ? ' 万元' : ''}`;
      setText(valueRef.current, text);
      const mark = d.marks.get(active.id);
      const finding = findingRef.current;
      if (finding) {
        // When the cell has no finding, the last message stays, hidden at no height with its
        // layout kept ([data-gone], aria-hidden): a cross-check error that comes back as the
        // clerk types then lays out only its changed numbers, not the whole message again.
        if (mark) {
          const cls = `grid-status-finding grid-status-${mark.level}`;
          if (finding.className !== cls) finding.className = cls;
          setNumberText(finding, mark.text);
        }
        setGone(finding, !mark);
      }
    };
    apply();
    return store.subscribeCellMessages(active.id, apply);
  }, [store, active]);
  return (
    <div className="grid-status" data-testid="grid-status" aria-live="polite">
      <div className="grid-status-where">
        <strong>{active.rowLabel}</strong> ／ <strong>{active.colLabel}</strong>
        {active.derived ? <span className="muted">（自动计算）</span> : null}
        <span className="grid-status-value" ref={valueRef} />
      </div>
      {notice && <div className="grid-status-notice">{notice}</div>}
      {/* One message per line (white-space: pre-line); hidden (data-gone) when the cell has none. */}
      <div className="grid-status-finding" ref={findingRef} data-gone="" aria-hidden />
    </div>
  );
});
