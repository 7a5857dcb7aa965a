/**
 * The 2021 mandated format (国办公开办函〔2021〕30号), as data.
 *
 * Every label below is copied exactly as printed: full-width parentheses, 顿号, the half-width
 * period in “1.”, and the curly quotes in “三安全一稳定”. Cell ids follow shared/spec/cell-ids.md.
 */
import type { AxisEntry, ReportFormat, SectionDef, TableDef } from './types';

const axis = (key: string, path: readonly string[], short: string, span?: number): AxisEntry =>
  span === undefined ? { key, path, short } : { key, path, short, span };

// ---------------------------------------------------------------------------------------------
// 表二 主动公开政府信息情况

const T2_INFO = '信息内容';

export const TABLE_2: TableDef = {
  id: 't2',
  name: '表二',
  section: 'proactive',
  gridColumns: 4,
  columnWidthsMm: [60, 32, 32, 32],
  blocks: [
    {
      caption: '第二十条第（一）项',
      corner: T2_INFO,
      rowLabelColumns: 1,
      columns: [
        axis('issued', ['本年制发件数'], '本年制发'),
        axis('repealed', ['本年废止件数'], '本年废止'),
        axis('valid', ['现行有效件数'], '现行有效'),
      ],
      rows: [axis('rules', ['规章'], '规章'), axis('norms', ['行政规范性文件'], '行政规范性文件')],
      cellId: (row, col) => `p.${row.key}.${col.key}`,
    },
    {
      caption: '第二十条第（五）项',
      corner: T2_INFO,
      rowLabelColumns: 1,
      columns: [axis('decisions', ['本年处理决定数量'], '本年处理决定数量', 3)],
      rows: [axis('license', ['行政许可'], '行政许可')],
      cellId: (row) => `p.${row.key}`,
    },
    {
      caption: '第二十条第（六）项',
      corner: T2_INFO,
      rowLabelColumns: 1,
      columns: [axis('decisions', ['本年处理决定数量'], '本年处理决定数量', 3)],
      rows: [axis('penalty', ['行政处罚'], '行政处罚'), axis('coercion', ['行政强制'], '行政强制')],
      cellId: (row) => `p.${row.key}`,
    },
    {
      caption: '第二十条第（八）项',
      corner: T2_INFO,
      rowLabelColumns: 1,
      columns: [axis('amount', ['本年收费金额（单位：万元）'], '本年收费金额', 3)],
      rows: [axis('fees', ['行政事业性收费'], '行政事业性收费')],
      cellId: (row) => `p.${row.key}`,
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 表三 收到和处理政府信息公开申请情况

const APPLICANTS = '申请人情况';
const ORGS = '法人或其他组织';
const RESULTS = '三、本年度办理结果';
const DENY = '（三）不予公开';
const UNABLE = '（四）无法提供';
const REJECT = '（五）不予处理';
const OTHER = '（六）其他处理';

export const CROSS_CHECK_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** The applicant columns of 表三 (without 总计), in printed order. */
export const T3_APPLICANT_COLUMNS: readonly AxisEntry[] = [
  axis('natural', [APPLICANTS, '自然人'], '自然人'),
  axis('commercial', [APPLICANTS, ORGS, '商业企业'], '商业企业'),
  axis('research', [APPLICANTS, ORGS, '科研机构'], '科研机构'),
  axis('ngo', [APPLICANTS, ORGS, '社会公益组织'], '社会公益组织'),
  axis('legal', [APPLICANTS, ORGS, '法律服务机构'], '法律服务机构'),
  axis('other', [APPLICANTS, ORGS, '其他'], '其他'),
];

export const T3_TOTAL_COLUMN: AxisEntry = axis('total', [APPLICANTS, '总计'], '总计');

/** The 21 result rows of 表三 whose sum is （七）总计, in printed order. */
export const T3_RESULT_ROWS: readonly AxisEntry[] = [
  axis('open', [RESULTS, '（一）予以公开'], '予以公开'),
  axis('partial', [RESULTS, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'], '部分公开'),
  axis('deny.secret', [RESULTS, DENY, '1.属于国家秘密'], '不予公开—属于国家秘密'),
  axis('deny.law', [RESULTS, DENY, '2.其他法律行政法规禁止公开'], '不予公开—其他法律行政法规禁止公开'),
  axis('deny.safety', [RESULTS, DENY, '3.危及“三安全一稳定”'], '不予公开—危及“三安全一稳定”'),
  axis('deny.third', [RESULTS, DENY, '4.保护第三方合法权益'], '不予公开—保护第三方合法权益'),
  axis('deny.internal', [RESULTS, DENY, '5.属于三类内部事务信息'], '不予公开—属于三类内部事务信息'),
  axis('deny.process', [RESULTS, DENY, '6.属于四类过程性信息'], '不予公开—属于四类过程性信息'),
  axis('deny.enforce', [RESULTS, DENY, '7.属于行政执法案卷'], '不予公开—属于行政执法案卷'),
  axis('deny.query', [RESULTS, DENY, '8.属于行政查询事项'], '不予公开—属于行政查询事项'),
  axis('unable.none', [RESULTS, UNABLE, '1.本机关不掌握相关政府信息'], '无法提供—本机关不掌握相关政府信息'),
  axis('unable.create', [RESULTS, UNABLE, '2.没有现成信息需要另行制作'], '无法提供—没有现成信息需要另行制作'),
  axis('unable.unclear', [RESULTS, UNABLE, '3.补正后申请内容仍不明确'], '无法提供—补正后申请内容仍不明确'),
  axis('reject.petition', [RESULTS, REJECT, '1.信访举报投诉类申请'], '不予处理—信访举报投诉类申请'),
  axis('reject.repeat', [RESULTS, REJECT, '2.重复申请'], '不予处理—重复申请'),
  axis('reject.publication', [RESULTS, REJECT, '3.要求提供公开出版物'], '不予处理—要求提供公开出版物'),
  axis('reject.mass', [RESULTS, REJECT, '4.无正当理由大量反复申请'], '不予处理—无正当理由大量反复申请'),
  axis('reject.confirm', [RESULTS, REJECT, '5.要求行政机关确认或重新出具已获取信息'], '不予处理—要求行政机关确认或重新出具已获取信息'),
  axis(
    'other.overdue',
    [RESULTS, OTHER, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    '其他处理—逾期不补正',
  ),
  axis(
    'other.unpaid',
    [RESULTS, OTHER, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    '其他处理—逾期未缴纳费用',
  ),
  axis('other.other', [RESULTS, OTHER, '3.其他'], '其他处理—其他'),
];

export const T3_ROWS: readonly AxisEntry[] = [
  axis('new', ['一、本年新收政府信息公开申请数量'], '本年新收'),
  axis('carried', ['二、上年结转政府信息公开申请数量'], '上年结转'),
  ...T3_RESULT_ROWS,
  axis('done', [RESULTS, '（七）总计'], '办理结果总计'),
  axis('next', ['四、结转下年度继续办理'], '结转下年度'),
];

export const TABLE_3: TableDef = {
  id: 't3',
  name: '表三',
  section: 'applications',
  gridColumns: 10,
  columnWidthsMm: [10, 22, 40, 12, 12, 12, 12, 12, 12, 12],
  blocks: [
    {
      corner: CROSS_CHECK_NOTE,
      rowLabelColumns: 3,
      columns: [...T3_APPLICANT_COLUMNS, T3_TOTAL_COLUMN],
      rows: T3_ROWS,
      cellId: (row, col) => `a.${row.key}.${col.key}`,
      sums: [
        { rule: 'T3-3', along: 'row', target: 'total', parts: T3_APPLICANT_COLUMNS.map((c) => c.key) },
        { rule: 'T3-2', along: 'column', target: 'done', parts: T3_RESULT_ROWS.map((r) => r.key) },
      ],
      balances: [{ rule: 'T3-1', left: ['new', 'carried'], right: ['done', 'next'] }],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 表四 政府信息公开行政复议、行政诉讼情况

const REVIEW = '行政复议';
const LITIGATION = '行政诉讼';

/** The three groups of 表四 and the path prefix of their columns. */
export const T4_GROUPS = [
  { key: 'review', prefix: [REVIEW], name: '行政复议' },
  { key: 'direct', prefix: [LITIGATION, '未经复议直接起诉'], name: '行政诉讼（未经复议直接起诉）' },
  { key: 'after', prefix: [LITIGATION, '复议后起诉'], name: '行政诉讼（复议后起诉）' },
] as const;

/** The outcome columns of every 表四 group, 总计 last. */
export const T4_OUTCOMES = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
] as const;

export const TABLE_4: TableDef = {
  id: 't4',
  name: '表四',
  section: 'review',
  gridColumns: 15,
  columnWidthsMm: Array.from({ length: 15 }, () => 10.4),
  blocks: [
    {
      rowLabelColumns: 0,
      columns: T4_GROUPS.flatMap((g) =>
        T4_OUTCOMES.map((o) => axis(`${g.key}.${o.key}`, [...g.prefix, o.label], `${g.name}${o.label}`)),
      ),
      rows: [axis('data', [], '')],
      cellId: (_row, col) => `r.${col.key}`,
      sums: T4_GROUPS.map((g) => ({
        rule: 'T4-1',
        along: 'row' as const,
        target: `${g.key}.total`,
        parts: T4_OUTCOMES.filter((o) => o.key !== 'total').map((o) => `${g.key}.${o.key}`),
      })),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// The six sections

const SECTIONS: readonly SectionDef[] = [
  {
    key: 'overview',
    numeral: '一',
    heading: '一、总体情况',
    navLabel: '总体情况',
    guide:
      '综述本机关贯彻落实《中华人民共和国政府信息公开条例》情况，主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面；人民政府还应报告工作考核、社会评议和责任追究结果情况。',
    textKey: 'overview',
    topicsRule: 'S-4',
    presence: 'required',
    topics: [
      { label: '主动公开', pattern: '主动公开' },
      { label: '依申请公开', pattern: '依申请' },
      { label: '政府信息管理', pattern: '信息管理|信息审核|审核发布|保密审查|公开属性|文件清理|信息发布' },
      { label: '平台建设', pattern: '平台|网站|政务新媒体|公开专栏|公众号|政务公开专区' },
      { label: '监督保障', pattern: '监督|保障|培训|考核' },
    ],
    governmentTopics: [
      { label: '工作考核', pattern: '考核' },
      { label: '社会评议', pattern: '社会评议|评议' },
      { label: '责任追究结果', pattern: '责任追究|追责|问责' },
    ],
  },
  {
    key: 'proactive',
    numeral: '二',
    heading: '二、主动公开政府信息情况',
    navLabel: '主动公开',
    guide:
      '按《条例》第二十条第（一）（五）（六）（八）项填写：规章和行政规范性文件的本年制发、本年废止、现行有效件数，行政许可、行政处罚、行政强制的本年处理决定数量，行政事业性收费的本年收费金额（单位：万元）。没有的填0。',
    textKey: 'proactive',
    table: 't2',
  },
  {
    key: 'applications',
    numeral: '三',
    heading: '三、收到和处理政府信息公开申请情况',
    navLabel: '依申请公开',
    guide:
      '按申请人类别填写本年新收、上年结转、办理结果和结转下年度的申请数量。每一列都须满足：第一项加第二项之和，等于第三项（七）总计加第四项之和。没有的填0。',
    textKey: 'applications',
    table: 't3',
  },
  {
    key: 'review',
    numeral: '四',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    navLabel: '复议诉讼',
    guide:
      '填写因政府信息公开工作被申请行政复议、提起行政诉讼的件数，按结果维持、结果纠正、其他结果、尚未审结分列。全为0时表格也要保留。',
    textKey: 'review',
    table: 't4',
  },
  {
    key: 'problems',
    numeral: '五',
    heading: '五、存在的主要问题及改进情况',
    navLabel: '问题改进',
    guide:
      '如实写明本机关政府信息公开工作存在的主要问题和改进措施，并说明上一年度报告所列问题的整改情况。不能只写“无”。',
    textKey: 'problems',
    topicsRule: 'S-5',
    presence: 'required',
    topics: [
      { label: '存在的主要问题', pattern: '问题|不足|短板|差距|薄弱|有待|不够|欠缺|滞后' },
      { label: '改进情况', pattern: '改进|整改|加强|提升|完善|措施|下一步|推进|优化' },
    ],
  },
  {
    key: 'other',
    numeral: '六',
    heading: '六、其他需要报告的事项',
    navLabel: '其他事项',
    guide:
      '说明依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况（发出收费通知的件数和总金额、实际收取金额），未收取的也要写明。可另报其他需要报告的事项。',
    textKey: 'other',
    topicsRule: 'S-6',
    presence: 'expected',
    topics: [{ label: '信息处理费收取情况', pattern: '信息处理费|处理费|收费通知|(未|没有|不|无)收取(任何)?费用|无收费|未收费' }],
  },
];

export const FORMAT_2021: ReportFormat = {
  id: '2021',
  citation: '国办公开办函〔2021〕30号',
  sections: SECTIONS,
  tables: [TABLE_2, TABLE_3, TABLE_4],
  crossCheckNote: CROSS_CHECK_NOTE,
};
