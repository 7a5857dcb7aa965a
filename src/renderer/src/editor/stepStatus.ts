/**
 * The error and warning counts of the wizard's steps (badges in the step list, the counts beside a
 * step's heading), drawn into their elements directly: a keystroke that makes a finding come or go
 * changes them, and redrawing a few spans costs far less than a React render of the step list.
 */
import { countsOf, totalCounts, type StepKey } from './findings';
import type { Derived, EditorStore } from './store';

/** Errors or warnings of a step; the 检查与导出 step counts the whole report. */
export const stepCount = (counts: Derived['counts'], key: StepKey, kind: 'errors' | 'warnings'): number =>
  (key === 'check' ? totalCounts(counts) : countsOf(counts, key))[kind];

const span = (cls: string, text: string, title?: string): HTMLSpanElement => {
  const el = document.createElement('span');
  el.className = cls;
  el.textContent = text;
  if (title) el.title = title;
  return el;
};

/** The badges of one step in the step list: errors, warnings, or ✓ when there are none. */
export function drawBadges(el: HTMLElement, errors: number, warnings: number, okMark: boolean): void {
  const nodes: HTMLElement[] = [];
  if (errors > 0) nodes.push(span('badge badge-error', String(errors), `${errors}处错误`));
  if (warnings > 0) nodes.push(span('badge badge-warning', String(warnings), `${warnings}处提示`));
  if (errors === 0 && warnings === 0 && okMark) nodes.push(span('step-ok', '✓'));
  el.replaceChildren(...nodes);
}

/** The counts beside a step's heading. */
export function drawHeadCounts(el: HTMLElement, errors: number, warnings: number): void {
  const nodes: HTMLElement[] = [];
  if (errors > 0) nodes.push(span('count count-error', `${errors} 错误`));
  if (warnings > 0) nodes.push(span('count count-warning', `${warnings} 提示`));
  if (errors === 0 && warnings === 0) nodes.push(span('count count-ok', '✓ 本部分没有发现问题'));
  el.replaceChildren(...nodes);
}

/**
 * Keep `el` showing a step's counts: drawn now and again whenever they change. Returns the
 * unsubscribe (for a layout effect's cleanup).
 */
export function followStepCounts(
  store: EditorStore,
  key: StepKey,
  el: HTMLElement,
  draw: (el: HTMLElement, errors: number, warnings: number) => void,
): () => void {
  let shown = '';
  const update = (): void => {
    const { counts } = store.getDerived();
    const errors = stepCount(counts, key, 'errors');
    const warnings = stepCount(counts, key, 'warnings');
    const now = `${errors}/${warnings}`;
    if (now === shown) return;
    shown = now;
    draw(el, errors, warnings);
  };
  update();
  return store.subscribe(update);
}
