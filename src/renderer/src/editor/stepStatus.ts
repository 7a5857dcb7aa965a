/**
 * The error and warning counts of the wizard's steps (badges in the step list, the counts beside a
 * step's heading), drawn into their elements directly: a keystroke that makes a finding come or go
 * changes them, and showing or hiding a few spans costs far less than a React render of the step
 * list.
 */
import { countsOf, totalCounts, type StepKey } from './findings';
import type { Derived, EditorStore } from './store';
import { setText } from '../common/dom';
import { afterNextFrame, cancelAfterNextFrame } from '../common/frames';

/** Errors or warnings of a step; the 检查与导出 step counts the whole report. */
export const stepCount = (counts: Derived['counts'], key: StepKey, kind: 'errors' | 'warnings'): number =>
  (key === 'check' ? totalCounts(counts) : countsOf(counts, key))[kind];

/**
 * The spans of `el`, one per class, made once: later draws only show, hide or retext them (a
 * count that comes or goes then restyles one span instead of building new ones).
 */
function slots(el: HTMLElement, classes: readonly string[]): HTMLCollection {
  if (el.childElementCount !== classes.length) {
    el.replaceChildren(
      ...classes.map((cls) => {
        const s = document.createElement('span');
        s.className = cls;
        s.hidden = true;
        return s;
      }),
    );
  }
  return el.children;
}

/** Show `text` in a slot, or hide it (null). */
function show(slot: Element | null, text: string | null, title?: string): void {
  const s = slot as HTMLElement | null;
  if (!s) return;
  const hidden = text === null;
  if (s.hidden !== hidden) s.hidden = hidden;
  setText(s, text ?? '');
  if (title !== undefined && s.title !== title) s.title = title;
}

const BADGES = ['badge badge-error', 'badge badge-warning', 'step-ok'] as const;
const HEAD_COUNTS = ['count count-error', 'count count-warning', 'count count-ok'] as const;

/** The badges of one step in the step list: errors, warnings, or ✓ when there are none. */
export function drawBadges(el: HTMLElement, errors: number, warnings: number, okMark: boolean): void {
  const s = slots(el, BADGES);
  show(s[0]!, errors > 0 ? String(errors) : null, errors > 0 ? `${errors}处错误` : '');
  show(s[1]!, warnings > 0 ? String(warnings) : null, warnings > 0 ? `${warnings}处提示` : '');
  show(s[2]!, errors === 0 && warnings === 0 && okMark ? '✓' : null);
}

/** The counts beside a step's heading. */
export function drawHeadCounts(el: HTMLElement, errors: number, warnings: number): void {
  const s = slots(el, HEAD_COUNTS);
  show(s[0]!, errors > 0 ? `${errors} 错误` : null);
  show(s[1]!, warnings > 0 ? `${warnings} 提示` : null);
  show(s[2]!, errors === 0 && warnings === 0 ? '✓ 本部分没有发现问题' : null);
}

/**
 * Keep `el` showing a step's counts: drawn now, and after a change in the frame after the one that
 * shows the findings (afterNextFrame: the keystroke's own frame stays short). Returns the
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
  const later = (): void => afterNextFrame(update);
  const off = store.subscribe(later);
  return () => {
    off();
    cancelAfterNextFrame(update);
  };
}
