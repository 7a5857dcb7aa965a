/**
 * The findings panel's counts and list, drawn and kept up to date directly in the DOM.
 *
 * The list changes with nearly every keystroke in a table: a message follows the numbers, and a
 * cross-check error comes or goes as a digit is typed. Reconciling it here — items found by id,
 * only what differs written, new items built with a few createElement calls — costs a fraction of
 * a React render and commit of the panel, its groups and items, which on an old office PC was the
 * slowest part of a keystroke. React still renders the panel's frame and the explanation editor
 * (出错说明), which is placed into the item's slot (see FindingsPanel.tsx).
 *
 * Items are grouped by section in the format's order, errors first, then warnings not yet
 * explained, then explained warnings; at most SHOWN_PER_GROUP per group until “显示其余” is clicked.
 */
import type { Finding } from '../../../core/checker/types';
import { FORMAT } from '../../../core/format';
import { isGone, setGone, setNumberText, setText } from '../common/dom';
import { countBySection, isExplained, totalCounts, type StepKey } from './findings';

export const GROUPS: readonly { key: StepKey; title: string }[] = [
  { key: 'basic', title: '基本信息' },
  ...FORMAT.sections.map((s) => ({ key: s.key as StepKey, title: s.heading })),
];

export const SHOWN_PER_GROUP = 30;

/** Items kept (hidden) for reuse after they left the list: at most this many, the newest. */
const MAX_GONE = 60;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export interface FindingsViewHandlers {
  /** The clerk clicked a finding: go to its cell or paragraph. */
  go(f: Finding): void;
  /** Keep a warning with this explanation, or (undefined) withdraw the explanation. */
  explain(f: Finding, text: string | undefined): void;
  /** The explanation editor opens in `slot` (initial text), or closes (null). */
  editing(edit: { finding: Finding; slot: HTMLElement; initial: string } | null): void;
}

interface Item {
  readonly li: HTMLLIElement;
  readonly icon: HTMLSpanElement;
  readonly msg: HTMLSpanElement;
  readonly excerpt: HTMLSpanElement;
  /** The explanation controls (warnings) or the editor's slot; rebuilt when `explainKey` changes. */
  explainEl: HTMLElement | null;
  explainKey: string;
  finding: Finding | null;
  /** Left the list: kept in place, hidden (data-gone), until its finding comes back. */
  gone: boolean;
}

interface Group {
  readonly el: HTMLElement;
  readonly ul: HTMLUListElement;
  readonly more: HTMLButtonElement;
  gone: boolean;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

const linkButton = (text: string, action: string): HTMLButtonElement => {
  const b = el('button', 'finding-link', text);
  b.type = 'button';
  b.dataset.action = action;
  return b;
};

const itemClass = (f: Finding): string =>
  f.severity === 'error' ? 'finding finding-error' : f.severity === 'warning' ? (isExplained(f) ? 'finding finding-explained' : 'finding finding-warning') : 'finding finding-info';

const iconOf = (f: Finding): string => (f.severity === 'error' ? '●' : f.severity === 'warning' ? (isExplained(f) ? '✓' : '▲') : 'ⓘ');

/** The same findings in the same order, with the same severities and explanations (messages aside). */
function sameListing(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.severity !== y.severity || x.explanation !== y.explanation) return false;
  }
  return true;
}

/** The findings of each group in the order shown. */
export function groupFindings(findings: readonly Finding[]): Map<StepKey, Finding[]> {
  const byGroup = new Map<StepKey, Finding[]>();
  for (const f of findings) {
    const list = byGroup.get(f.section);
    if (list) list.push(f);
    else byGroup.set(f.section, [f]);
  }
  for (const list of byGroup.values()) {
    list.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || Number(isExplained(a)) - Number(isExplained(b)));
  }
  return byGroup;
}

export class FindingsView {
  /**
   * Every item and group drawn, shown or gone. One that leaves the list stays where it was,
   * hidden at no height with its layout kept: a cross-check error comes and goes as the clerk
   * types, and showing it again — its message's words unchanged, only its number boxes written —
   * costs a fraction of building it or putting its nodes back, which lays them out again whole.
   */
  private readonly items = new Map<string, Item>();
  private readonly groups = new Map<StepKey, Group>();
  /** Ids of the gone items, oldest first (at most MAX_GONE are kept). */
  private readonly goneItems = new Set<string>();
  private readonly expanded = new Set<StepKey>();
  private readonly none: HTMLElement;
  private findings: readonly Finding[] | null = null;
  private editingId: string | null = null;

  /**
   * `root` is the panel (it gets data-errors / data-warnings), `counts` the element for the
   * counts in its header, `body` the scrolling list.
   */
  constructor(
    private readonly root: HTMLElement,
    private readonly counts: { errors: HTMLElement; warnings: HTMLElement; explained: HTMLElement },
    private readonly body: HTMLElement,
    private readonly handlers: FindingsViewHandlers,
  ) {
    this.none = el('p', 'findings-none', '✓ 没有发现问题');
    body.addEventListener('click', this.onClick);
  }

  dispose(): void {
    this.body.removeEventListener('click', this.onClick);
  }

  /** Show these findings (in the checker's order); does nothing when given the same array again. */
  update(findings: readonly Finding[]): void {
    if (findings === this.findings) return;
    const sameShape = this.findings !== null && sameListing(this.findings, findings);
    this.findings = findings;
    if (sameShape) {
      // The same findings in the same order, only messages or quoted text changed (typing in a
      // table changes a message with nearly every keystroke): write those, nothing else.
      for (const f of findings) {
        const item = this.items.get(f.id);
        if (item && !item.gone) this.writeItem(item, f);
      }
      return;
    }
    this.writeCounts(findings);

    const byGroup = groupFindings(findings);
    // What is shown; the items that leave are hidden before anything is placed, so place() steps
    // over them and nothing after them moves (a moved node is laid out again whole).
    const seen = new Set<string>();
    for (const g of GROUPS) {
      const list = byGroup.get(g.key);
      if (list) for (const f of this.expanded.has(g.key) ? list : list.slice(0, SHOWN_PER_GROUP)) seen.add(f.id);
    }
    for (const [id, item] of this.items) {
      if (item.gone || seen.has(id)) continue;
      item.gone = true;
      setGone(item.li, true, item.li.querySelectorAll('button'));
      this.goneItems.add(id);
    }
    // The explanation editor closes when its finding is gone or no longer shown.
    if (this.editingId !== null && !seen.has(this.editingId)) this.stopEditing();
    // “没有发现问题” is not among the groups while they are placed (it would make them move).
    if (findings.length > 0) this.none.remove();

    let prevGroup: HTMLElement | null = null;
    for (const g of GROUPS) {
      const list = byGroup.get(g.key);
      const existing = this.groups.get(g.key);
      if (!list) {
        if (existing && !existing.gone) {
          existing.gone = true;
          setGone(existing.el, true, [existing.more]);
        }
        continue;
      }
      const group = existing ?? this.makeGroup(g.key, g.title);
      if (group.gone) {
        group.gone = false;
        setGone(group.el, false, [group.more]);
      }
      this.place(this.body, group.el, prevGroup);
      prevGroup = group.el;
      const shown = this.expanded.has(g.key) ? list : list.slice(0, SHOWN_PER_GROUP);
      let prevItem: HTMLElement | null = null;
      for (const f of shown) {
        const item = this.items.get(f.id) ?? this.makeItem(f.id);
        if (item.gone) this.comeBack(item, f.id);
        this.writeItem(item, f);
        this.place(group.ul, item.li, prevItem);
        prevItem = item.li;
      }
      const rest = list.length - shown.length;
      // Set only when it changes: setting an attribute to the value it has still restyles the element.
      if (group.more.hidden !== rest <= 0) group.more.hidden = rest <= 0;
      if (rest > 0) setText(group.more, `显示其余 ${rest} 条`);
    }
    // Too many kept: drop the oldest for good.
    for (const id of this.goneItems) {
      if (this.goneItems.size <= MAX_GONE) break;
      this.goneItems.delete(id);
      this.items.get(id)?.li.remove();
      this.items.delete(id);
    }
    // After the gone groups (which have no height): shown at the top, and never in front of a
    // group that comes back.
    if (findings.length === 0 && this.none.parentNode !== this.body) this.body.append(this.none);
  }

  /** The current finding with this id (looked up on a click, not kept in a map on every keystroke). */
  private find(id: string): Finding | undefined {
    return this.findings?.find((f) => f.id === id);
  }

  /** Close the explanation editor (after saving or cancelling). */
  stopEditing(): void {
    if (this.editingId === null) return;
    const id = this.editingId;
    this.editingId = null;
    const item = this.items.get(id);
    const f = this.find(id);
    if (item && !item.gone && f) this.writeExplain(item, f);
    else if (item) {
      // Its finding is gone: drop the editor's slot (the item is drawn afresh if it comes back).
      item.explainEl?.remove();
      item.explainEl = null;
      item.explainKey = '';
    }
    this.handlers.editing(null);
  }

  private startEditing(f: Finding): void {
    if (this.editingId !== null) this.stopEditing();
    const item = this.items.get(f.id);
    if (!item) return;
    this.editingId = f.id;
    this.writeExplain(item, f);
    if (item.explainEl) this.handlers.editing({ finding: f, slot: item.explainEl, initial: f.explanation ?? '' });
  }

  /**
   * Put `node` into `parent` after `prev` (first when null), with only gone nodes between them,
   * moving it only if needed (a moved node is laid out again whole).
   */
  private place(parent: HTMLElement, node: HTMLElement, prev: HTMLElement | null): void {
    let want = prev ? prev.nextSibling : parent.firstChild;
    while (want && want !== node && isGone(want)) want = want.nextSibling;
    if (node === want) return;
    parent.insertBefore(node, want);
  }

  private writeCounts(findings: readonly Finding[]): void {
    const { errors, warnings, explained } = totalCounts(countBySection(findings));
    const { root, counts } = this;
    if (root.dataset.errors !== String(errors)) root.dataset.errors = String(errors);
    if (root.dataset.warnings !== String(warnings)) root.dataset.warnings = String(warnings);
    setText(counts.errors, `${errors} 错误`);
    const errorsCls = errors ? 'count count-error' : 'count count-zero';
    if (counts.errors.className !== errorsCls) counts.errors.className = errorsCls;
    setText(counts.warnings, `${warnings} 提示`);
    const warningsCls = warnings ? 'count count-warning' : 'count count-zero';
    if (counts.warnings.className !== warningsCls) counts.warnings.className = warningsCls;
    setText(counts.explained, explained > 0 ? `${explained} 已说明` : '');
    if (counts.explained.hidden !== (explained === 0)) counts.explained.hidden = explained === 0;
  }

  /** A gone item's finding is back: shown again, drawn afresh. */
  private comeBack(item: Item, id: string): void {
    item.gone = false;
    setGone(item.li, false, item.li.querySelectorAll('button'));
    this.goneItems.delete(id);
    // Drawn afresh (its finding may come back as the very object it last showed); its message
    // keeps the number boxes it had, so only the numbers are written when the words are the same.
    item.finding = null;
  }

  private makeGroup(key: StepKey, title: string): Group {
    const section = el('section', 'findings-group');
    section.dataset.group = key;
    const ul = el('ul');
    const more = linkButton('', 'more');
    more.hidden = true;
    section.append(el('h4', undefined, title), ul, more);
    const group = { el: section, ul, more, gone: false };
    this.groups.set(key, group);
    return group;
  }

  private makeItem(id: string): Item {
    const li = el('li');
    li.dataset.findingId = id;
    const button = el('button', 'finding-msg');
    button.type = 'button';
    button.title = '点击转到相应位置';
    button.dataset.action = 'go';
    const icon = el('span', 'finding-icon');
    icon.setAttribute('aria-hidden', 'true');
    const msg = el('span');
    const excerpt = el('span', 'finding-excerpt');
    const text = el('span', 'finding-text');
    text.append(msg, excerpt);
    button.append(icon, text);
    li.append(button);
    const item: Item = { li, icon, msg, excerpt, explainEl: null, explainKey: '', finding: null, gone: false };
    this.items.set(id, item);
    return item;
  }

  /** Write what differs between the finding the item shows and `f`. */
  private writeItem(item: Item, f: Finding): void {
    const old = item.finding;
    if (old === f) return;
    item.finding = f;
    const { li } = item;
    const cls = itemClass(f);
    if (li.className !== cls) li.className = cls;
    if (li.dataset.findingRule !== f.rule) li.dataset.findingRule = f.rule;
    if (li.dataset.severity !== f.severity) li.dataset.severity = f.severity;
    setText(item.icon, iconOf(f));
    setNumberText(item.msg, f.message);
    setText(item.excerpt, f.text?.excerpt ? `“${f.text.excerpt}”` : '');
    this.writeExplain(item, f);
  }

  /** The explanation controls of a warning: buttons, the kept explanation, or the editor's slot. */
  private writeExplain(item: Item, f: Finding): void {
    const editing = this.editingId === f.id;
    const key = f.severity !== 'warning' ? '' : editing ? 'editing' : isExplained(f) ? `explained\u0001${f.explanation}` : 'open';
    if (key === item.explainKey) return;
    item.explainKey = key;
    item.explainEl?.remove();
    item.explainEl = null;
    if (key === '') return;
    if (editing) {
      item.explainEl = el('div', 'finding-explain-edit');
    } else {
      const box = el('div', 'finding-explain');
      if (isExplained(f)) box.append(el('div', 'finding-explanation', `说明：${f.explanation}`), linkButton('修改说明', 'edit'), linkButton('撤销保留', 'unexplain'));
      else box.append(linkButton('确认无误，写明说明…', 'explain'));
      item.explainEl = box;
    }
    item.li.append(item.explainEl);
  }

  private readonly onClick = (e: MouseEvent): void => {
    const target = (e.target as Element | null)?.closest<HTMLElement>('[data-action]');
    if (!target || !this.body.contains(target)) return;
    const action = target.dataset.action;
    if (action === 'more') {
      const key = target.closest<HTMLElement>('[data-group]')?.dataset.group as StepKey | undefined;
      if (key && this.findings) {
        this.expanded.add(key);
        const all = this.findings;
        this.findings = null; // draw again with the whole group
        this.update(all);
      }
      return;
    }
    const id = target.closest<HTMLElement>('[data-finding-id]')?.dataset.findingId;
    const f = id === undefined ? undefined : this.find(id);
    if (!f) return;
    if (action === 'go') this.handlers.go(f);
    else if (action === 'explain' || action === 'edit') this.startEditing(f);
    else if (action === 'unexplain') this.handlers.explain(f, undefined);
  };
}
