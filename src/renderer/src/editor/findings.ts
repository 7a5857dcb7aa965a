/**
 * Findings as the editor uses them: counted by section and mapped onto cells. (store.ts keeps
 * them referentially stable while nothing changes.)
 */
import type { Finding } from '../../../core/checker/types';
import type { SectionKey } from '../../../core/format';
import type { CellMark, MarkLevel } from './grid/Grid';

export type StepKey = 'basic' | SectionKey | 'check';

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

/** Every cell named by an error or warning, with its strongest level and the messages. */
export function cellMarks(findings: readonly Finding[]): ReadonlyMap<string, CellMark> {
  const levels = new Map<string, MarkLevel>();
  const texts = new Map<string, string[]>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const level: MarkLevel = f.severity === 'error' ? 'error' : isExplained(f) ? 'explained' : 'warning';
    for (const id of f.cells) {
      const cur = levels.get(id);
      if (!cur || RANK[level] > RANK[cur]) levels.set(id, level);
      const t = texts.get(id) ?? [];
      t.push(level === 'explained' ? `${f.message}（已说明）` : f.message);
      texts.set(id, t);
    }
  }
  const out = new Map<string, CellMark>();
  for (const [id, level] of levels) out.set(id, { level, text: texts.get(id)!.join('\n') });
  return out;
}
