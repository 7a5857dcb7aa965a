import type { UnitKind } from '../../../core/format';

/** Unit kinds as a button reads them (the long names are in UNIT_KINDS). */
export const SHORT_KIND: Record<UnitKind, string> = { government: '人民政府', department: '部门', other: '其他' };
