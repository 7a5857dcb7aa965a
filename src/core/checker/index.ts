/**
 * The checker: one pure function from a report (and last year's, when known) to findings in
 * plain Chinese. The app, the exports and the command line all call this.
 */
import type { PreviousReport, ReportDocument } from '../document/types';
import { FORMAT } from '../format';
import { makeContext } from './context';
import { arithmeticRules } from './rules/arithmetic';
import { contentRules } from './rules/content';
import { domainRules } from './rules/domain';
import { lastYearRules } from './rules/lastYear';
import { textVsTableRules } from './rules/textVsTables';
import { valueRules } from './rules/values';
import type { CheckResult, Finding } from './types';

export * from './types';
export { RULES, RULE_BY_ID, type RuleInfo } from './catalog';
export { statedNumbers, classify } from './rules/textVsTables';

const SECTION_ORDER = new Map<string, number>([['basic', -1], ...FORMAT.sections.map((s, i) => [s.key, i] as [string, number])]);
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Check a report. `previous` is last year's report (or the lastYear snapshot kept in the document). */
export function check(doc: ReportDocument, previous?: PreviousReport): CheckResult {
  const ctx = makeContext(doc, previous);
  const raw: Finding[] = [
    ...contentRules(ctx),
    ...valueRules(ctx),
    ...arithmeticRules(ctx),
    ...lastYearRules(ctx),
    ...domainRules(ctx),
    ...textVsTableRules(ctx),
  ];
  const explanations = doc.explanations ?? {};
  let errors = 0;
  let warnings = 0;
  let explained = 0;
  const findings = raw.map((f) => {
    if (f.severity === 'error') {
      errors++;
      return f;
    }
    const note = explanations[f.id]?.trim();
    if (f.severity === 'warning' && note) {
      explained++;
      return { ...f, explanation: note };
    }
    if (f.severity === 'warning') warnings++;
    return f;
  });
  findings.sort(
    (a, b) =>
      (SECTION_ORDER.get(a.section) ?? 99) - (SECTION_ORDER.get(b.section) ?? 99) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  return { findings, errors, warnings, explained };
}

/** Check a document with the last-year snapshot it carries, unless another is given. */
export const checkDocument = (doc: ReportDocument, previous?: PreviousReport): CheckResult => check(doc, previous ?? doc.lastYear);
