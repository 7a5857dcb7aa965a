/**
 * The checker's findings contract (shared/spec/document-format.md).
 */
import type { SectionKey, TextKey } from '../format';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable, unique within one check: rule id plus what it is about, e.g. `T3-1:natural`. */
  readonly id: string;
  /** Stable rule id, e.g. T3-1. */
  readonly rule: string;
  readonly severity: Severity;
  /** Every cell id involved; for a text-vs-table finding, the cell the text contradicts. */
  readonly cells: readonly string[];
  /** Plain Chinese naming the row and column labels and the numbers. */
  readonly message: string;
  readonly expected?: number;
  readonly actual?: number;
  /** The section the finding belongs to, for grouping and navigation ('basic' = 基本信息). */
  readonly section: SectionKey | 'basic';
  /** For text findings: the narrative field and paragraph (0-based) it points at. */
  readonly text?: { readonly key: TextKey; readonly paragraph: number; readonly excerpt: string };
  /** For a kept warning: the written explanation (出错说明) stored in the document. */
  readonly explanation?: string;
}

export interface CheckResult {
  readonly findings: readonly Finding[];
  readonly errors: number;
  /** Warnings without a written explanation. */
  readonly warnings: number;
  /** Warnings kept with a written explanation. */
  readonly explained: number;
}
