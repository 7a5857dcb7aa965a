/**
 * Planning a paste: where each value of a copied block would go, which are refused and why.
 * Nothing is applied here; the grid applies `accepted` only, and only after the clerk confirms
 * when anything was refused.
 */
import { cellInRow, type GridModel, type ValueCell } from './model';
import { parseCellInput } from './values';

export interface PasteItem {
  readonly id: string;
  readonly value: number | undefined;
  readonly raw: string;
}

export interface RefusedItem {
  /** Where the value would have gone: row and column labels, or “表格之外”. */
  readonly where: string;
  readonly id?: string;
  readonly raw: string;
  readonly reason: string;
}

export interface PastePlan {
  readonly accepted: readonly PasteItem[];
  readonly refused: readonly RefusedItem[];
  /** Values that landed on a total (computed, not written). */
  readonly skipped: readonly PasteItem[];
  /** The pasted rectangle, for selecting it afterwards. */
  readonly first: ValueCell;
  readonly last: ValueCell;
}

export const cellWhere = (c: ValueCell): string => `${c.rowLabel} ／ ${c.colLabel}`;

/**
 * Map a block onto the grid from `start`: row i of the block goes to the i-th value row below,
 * column j to the j-th value cell to the right, exactly as copied (computed cells are skipped).
 * A single value pasted on a selection of several cells fills all of them.
 */
export function planPaste(model: GridModel, block: readonly (readonly string[])[], start: ValueCell, selection: readonly ValueCell[]): PastePlan {
  const accepted: PasteItem[] = [];
  const refused: RefusedItem[] = [];
  const skipped: PasteItem[] = [];
  let last = start;

  const place = (target: ValueCell, raw: string): void => {
    if (target.derived) {
      if (raw.trim() !== '') skipped.push({ id: target.id, value: undefined, raw });
      return;
    }
    const parsed = parseCellInput(raw, target.kind);
    if (parsed.ok) accepted.push({ id: target.id, value: parsed.value, raw });
    else refused.push({ where: cellWhere(target), id: target.id, raw, reason: parsed.reason });
  };

  if (block.length === 1 && block[0]!.length === 1 && selection.length > 1) {
    for (const c of selection) place(c, block[0]![0]!);
    const sorted = [...selection].sort((a, b) => a.vr - b.vr || a.vc - b.vc);
    return { accepted, refused, skipped, first: sorted[0]!, last: sorted[sorted.length - 1]! };
  }

  block.forEach((row, i) => {
    const vr = start.vr + i;
    const base = cellInRow(model, vr, start.c0);
    row.forEach((raw, j) => {
      const target = base ? model.rows[vr]![base.vc + j] : undefined;
      if (!target) {
        if (raw.trim() !== '') {
          refused.push({ where: `表格之外（第${i + 1}行第${j + 1}列）`, raw, reason: `${raw.trim() ? `“${raw.trim()}”` : ''}超出了表格范围` });
        }
        return;
      }
      place(target, raw);
      if (target.vr >= last.vr && target.vc >= last.vc) last = target;
    });
  });
  return { accepted, refused, skipped, first: start, last };
}
