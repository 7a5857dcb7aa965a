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
  const out = new Map<StepKey, Counts>();
  for (const f of findings) {
    const c = out.get(f.section) ?? ZERO;
    if (f.severity === 'error') out.set(f.section, { ...c, errors: c.errors + 1 });
    else if (f.severity === 'warning') {
      out.set(f.section, isExplained(f) ? { ...c, explained: c.explained + 1 } : { ...c, warnings: c.warnings + 1 });
    }
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
}

const levelOf = (f: Finding): MarkLevel => (f.severity === 'error' ? 'error' : isExplained(f) ? 'explained' : 'warning');

/**
 * Every cell named by an error or warning, with its strongest level and the messages. A cell
 * whose findings are the same objects as in `prev` keeps its mark object from there: the checker
 * hands back a 未填写 (V-1) finding that did not change as it was, so while a table is filled most
 * cells' messages are not joined again and their marks compare equal by identity.
 */
export function cellMarks(findings: readonly Finding[], prev?: MarkedCells): MarkedCells {
  const sources = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    for (const id of f.cells) {
      const list = sources.get(id);
      if (list) list.push(f);
      else sources.set(id, [f]);
    }
  }
  const marks = new Map<string, CellMark>();
  for (const [id, list] of sources) {
    const before = prev?.sources.get(id);
    const kept = before && before.length === list.length && before.every((f, i) => f === list[i]) ? prev!.marks.get(id) : undefined;
    if (kept) {
      marks.set(id, kept);
      continue;
    }
    let level: MarkLevel = 'explained';
    const texts: string[] = [];
    for (const f of list) {
      const l = levelOf(f);
      if (RANK[l] > RANK[level]) level = l;
      texts.push(l === 'explained' ? `${f.message}（已说明）` : f.message);
    }
    marks.set(id, { level, text: texts.join('\n') });
  }
  return { marks, sources };
}
