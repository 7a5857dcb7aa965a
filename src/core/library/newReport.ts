/**
 * The document of a new report (AppApi.createReport), the same for the desktop library and the
 * browser store: blank for a unit and year, or started from last year's report — only the year
 * before can be the base; it carries its unit, contact and 上年结转 (documentFromPrevious).
 */
import type { CreateReportInput } from '../api/contract';
import { blankDocument, documentFromPrevious } from '../document/cells';
import type { ReportDocument } from '../document/types';
import { fail, ok, type Result } from '../result';

/** `previous`: the report `input.fromId` names, loaded by the caller (required when fromId is set). */
export function newReportDocument(input: CreateReportInput, previous?: ReportDocument): Result<ReportDocument> {
  if (input.fromId !== undefined) {
    if (!previous) return fail('not-found', '找不到作为基础的上年报告，它可能已被删除。');
    if (previous.year !== input.year - 1) return fail('not-last-year', `只能从上一年度（${input.year - 1}年）的报告新建${input.year}年度报告。`);
    const next = documentFromPrevious(previous, input.year);
    const contact = input.contact ?? next.contact;
    return ok({ ...next, ...(contact ? { contact } : {}) });
  }
  if (!input.unit) return fail('bad-input', '新建空白报告需要先填写单位名称。');
  return ok({ ...blankDocument(input.unit, input.year), ...(input.contact ? { contact: input.contact } : {}) });
}
