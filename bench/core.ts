/**
 * Core benchmarks: a live check of a full report (it runs on every keystroke) and creating next
 * year's report from last year's.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { check } from '../src/core/checker';
import { documentFromPrevious, parseDocument, setCell } from '../src/core/document';
import type { ReportDocument } from '../src/core/document/types';
import { median, percentile, timeSync, type Figure } from './stats';

export async function benchCore(): Promise<Figure[]> {
  const parsed = parseDocument(readFileSync(resolve(__dirname, '../test/fixtures/seed-2024.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const seed = parsed.value;
  const next = documentFromPrevious(seed);
  const withPrev = { ...seed, year: 2025 };
  // As after a keystroke: every check sees a new cells object (one cell changed), so nothing
  // remembered per cells object (effectiveCells) is reused from the run before.
  const edited = (base: ReportDocument): (() => ReportDocument) => {
    const docs = Array.from({ length: 4000 }, (_, i) => ({ ...base, cells: setCell(base.cells, 'a.next.natural', i % 10) }));
    let i = 0;
    return () => docs[i++ % docs.length]!;
  };
  const nextSeed = edited(seed);
  const nextWithPrev = edited(withPrev);
  const last = { ...seed, year: 2024 };
  const full = timeSync(() => check(nextSeed()), 3000, 1000);
  const cross = timeSync(() => check(nextWithPrev(), last), 3000, 1000);
  const fromLast = timeSync(() => documentFromPrevious(seed), 3000, 1000);
  void next;
  return [
    { name: 'check full report (seed, one cell changed), median', value: median(full), unit: 'ms', target: '< 0.5 ms' },
    { name: 'check full report (seed), p95', value: percentile(full, 95), unit: 'ms' },
    { name: 'check with last year (cross-year + 雷同), median', value: median(cross), unit: 'ms', target: '< 0.5 ms' },
    { name: 'create report from last year, median', value: median(fromLast), unit: 'ms', target: '< 5 ms' },
  ];
}
