/**
 * Findings as the editor uses them: counted by section and mapped onto cells. (store.ts keeps
 * them referentially stable while nothing changes.)
 */
import type { Finding } from '../../../core/checker/types';
import type { SectionKey } from '../../../core/format';

export type StepKey = 'basic' | SectionKey | 'check';

export type MarkLevel = 'error' | 'warning' | 'explained';

/** What a grid cell is marked with (Grid.tsx draws it). */
export interface CellMark {
  readonly level: MarkLevel;
  /** The findings' messages, one per line. */
  readonly text: string;
}

export interface Counts {
  readonly errors: number;
  /** Warnings without a written explanation. */
  readonly warnings: number;
  readonly explained: number;
}

const ZERO: Counts = { errors: 0, warnings: 0, explained: 0 };

export const isExplained = (f: Finding): boolean => f.severity === 'warning' && !!f.explanation;

export function countBySection(findings: readonly Finding[]): ReadonlyMap<StepKey, Counts> {
  const out = new Map<StepKey, { errors: number; warnings: number; explained: number }>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    let c = out.get(f.section);
    if (!c) out.set(f.section, (c = { errors: 0, warnings: 0, explained: 0 }));
    if (f.severity === 'error') c.errors++;
    else if (isExplained(f)) c.explained++;
    else c.warnings++;
  }
  return out;
}

export const countsOf = (m: ReadonlyMap<StepKey, Counts>, key: StepKey): Counts => m.get(key) ?? ZERO;

/** The whole report's counts (the sum over its sections). */
export function totalCounts(m: ReadonlyMap<StepKey, Counts>): Counts {
  let errors = 0;
  let warnings = 0;
  let explained = 0;
  for (const c of m.values()) {
    errors += c.errors;
    warnings += c.warnings;
    explained += c.explained;
  }
  return { errors, warnings, explained };
}

const RANK: Record<MarkLevel, number> = { error: 3, warning: 2, explained: 1 };

/** The cells' marks with, for each cell, the findings its mark was made from. */
export interface MarkedCells {
  readonly marks: ReadonlyMap<string, CellMark>;
  readonly sources: ReadonlyMap<string, readonly Finding[]>;
  /** The findings they were made from. */
  readonly findings: readonly Finding[];
  /**
   * The cells whose mark is not the same object as in the result they were made from (new,
   * changed or gone); null when made without one (every cell may have changed).
   */
  readonly changed: ReadonlySet<string> | null;
}

const levelOf = (f: Finding): MarkLevel => (f.severity === 'error' ? 'error' : isExplained(f) ? 'explained' : 'warning');

function markOf(list: readonly Finding[]): CellMark {
  let level: MarkLevel = 'explained';
  const texts: string[] = [];
  for (const f of list) {
    const l = levelOf(f);
    if (RANK[l] > RANK[level]) level = l;
    texts.push(l === 'explained' ? `${f.message}（已说明）` : f.message);
  }
  return { level, text: texts.join('\n') };
}

/** For each cell (of `only`, when given) the findings that name it, in order. */
function sourcesOf(findings: readonly Finding[], only?: ReadonlySet<string>): Map<string, Finding[]> {
  const sources = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    for (const id of f.cells) {
      if (only && !only.has(id)) continue;
      const list = sources.get(id);
      if (list) list.push(f);
      else sources.set(id, [f]);
    }
  }
  return sources;
}

/** The findings kept from `before` to `after` are in the same order in both. */
function keptInOrder(before: readonly Finding[], after: readonly Finding[], inBefore: ReadonlySet<Finding>, inAfter: ReadonlySet<Finding>): boolean {
  let i = 0;
  for (const f of after) {
    if (!inBefore.has(f)) continue;
    while (i < before.length && !inAfter.has(before[i]!)) i++;
    if (before[i] !== f) return false;
    i++;
  }
  return true;
}

/**
 * Every cell named by an error or warning, with its strongest level and the messages.
 *
 * With `prev`, the marks made from the findings before, only the cells named by a finding that
 * came or went are marked again (the checker hands back a finding that did not change, such as a
 * row's 未填写 (V-1), as the same object), and a cell whose mark has the same level and text keeps
 * its mark object: while a table is filled, a keystroke touches a row's cells, not the table's.
 */
export function cellMarks(findings: readonly Finding[], prev?: MarkedCells): MarkedCells {
  const inAfter = new Set(findings);
  const inBefore = prev ? new Set(prev.findings) : null;
  if (!prev || !inBefore || !keptInOrder(prev.findings, findings, inBefore, inAfter)) {
    const sources = sourcesOf(findings);
    const marks = new Map<string, CellMark>();
    const changed = prev ? new Set<string>(prev.marks.keys()) : null;
    for (const [id, list] of sources) {
      const old = prev?.marks.get(id);
      const mark = markOf(list);
      const same = old !== undefined && old.level === mark.level && old.text === mark.text;
      marks.set(id, same ? old : mark);
      if (same) changed?.delete(id);
      else changed?.add(id);
    }
    return { marks, sources, findings, changed };
  }
  const touched = new Set<string>();
  for (const f of findings) if (!inBefore.has(f) && f.severity !== 'info') for (const id of f.cells) touched.add(id);
  for (const f of prev.findings) if (!inAfter.has(f) && f.severity !== 'info') for (const id of f.cells) touched.add(id);
  const changed = new Set<string>();
  if (touched.size === 0) return { marks: prev.marks, sources: prev.sources, findings, changed };
  const marks = new Map(prev.marks);
  const sources = new Map(prev.sources);
  const now = sourcesOf(findings, touched);
  for (const id of touched) {
    const list = now.get(id);
    const old = prev.marks.get(id);
    if (!list) {
      sources.delete(id);
      if (marks.delete(id)) changed.add(id);
      continue;
    }
    sources.set(id, list);
    const mark = markOf(list);
    if (old !== undefined && old.level === mark.level && old.text === mark.text) continue;
    marks.set(id, mark);
    changed.add(id);
  }
  return { marks, sources, findings, changed };
}
