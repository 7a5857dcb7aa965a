/**
 * The mandated format, defined once as data. Everything else reads it from here.
 */
import { buildRegistry } from './cells';
import { FORMAT_2021 } from './format2021';
import type { SectionDef, SectionKey, TableDef, TableId } from './types';

export * from './types';
export { tableGrid, type Grid, type GridCell, type GridRow } from './layout';
export { buildRegistry, type CellRegistry } from './cells';
export {
  CROSS_CHECK_NOTE,
  FORMAT_2021,
  T3_APPLICANT_COLUMNS,
  T3_RESULT_ROWS,
  T3_ROWS,
  T3_TOTAL_COLUMN,
  T4_GROUPS,
  T4_OUTCOMES,
} from './format2021';

/** The format new reports use. */
export const FORMAT = FORMAT_2021;

/** Every cell of the current format. */
export const CELLS = buildRegistry(FORMAT);

export const sectionByKey = (key: SectionKey): SectionDef => {
  const s = FORMAT.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key}`);
  return s;
};

export const tableById = (id: TableId): TableDef => CELLS.table(id);

/** The report title, e.g. 集贤县人民政府2024年政府信息公开工作年度报告. */
export const reportTitle = (unitName: string, year: number): string =>
  `${unitName}${year}年政府信息公开工作年度报告`;

/** Unit kinds, as the document stores them, with their Chinese names. */
export const UNIT_KINDS = {
  government: '人民政府（含乡镇人民政府、街道办事处）',
  department: '政府部门或其他机关',
  other: '其他',
} as const;

export const UNIT_LEVELS = {
  province: '省级',
  city: '设区的市、自治州',
  county: '县、县级市、市辖区',
  township: '乡镇、街道',
} as const;

export type UnitKind = keyof typeof UNIT_KINDS;
export type UnitLevel = keyof typeof UNIT_LEVELS;

/**
 * Publication deadline (《条例》第四十九条): a government's own report by 3月31日, a department's
 * by 1月31日, of the year after the reporting year. Township deadlines are set locally.
 */
export function publicationDeadline(kind: UnitKind, year: number): { month: number; day: number; year: number } | null {
  if (kind === 'government') return { year: year + 1, month: 3, day: 31 };
  if (kind === 'department') return { year: year + 1, month: 1, day: 31 };
  return null;
}
