/**
 * What the narrative may claim about table quantities, as data: the words that introduce a
 * number, the unit it must carry, and the cells whose sum it must equal. The first entry that
 * matches a number wins, so the more specific ones come first.
 */

export interface ClaimDef {
  readonly key: string;
  /**
   * Claims of one group may overlap (复议后起诉 is also 起诉): the first wins. Words of two
   * different groups before one number (“行政复议和行政诉讼共5件”) make it ambiguous: no claim.
   */
  readonly group: string;
  readonly rule: 'X-1' | 'X-2';
  /** How the message names the table quantity. */
  readonly label: string;
  /** The claim holds when the number equals the sum of any one of these cell lists. */
  readonly sums: readonly (readonly string[])[];
  /** Units the number must carry to be a claim about this quantity. */
  readonly units: readonly string[];
  /** Text between the start of the clause (or the previous number) and the number. */
  readonly before?: RegExp;
  /** Text right after the number and unit, up to the next number or the end of the clause. */
  readonly after?: RegExp;
  /** The text before the number must also match this. */
  readonly requires?: RegExp;
  /** A match is dropped when the text before the number matches this. */
  readonly excludes?: RegExp;
}

const COUNT = ['件'] as const;
/** Other business a 受理/答复 count may be about (not 政府信息公开申请), and channels (a subset). */
const OTHER_BUSINESS =
  /复议|诉讼|信访|投诉|举报|建议|提案|留言|诉求|工单|咨询|政务服务|办件|热线|来电|来信|网上|当面|信函|邮寄|传真|电子邮件/;
/** Counts of published items or catalogue entries, not decisions (处理决定数量). */
const NOT_DECISIONS = /目录|清单|事项|指南|公示|公开|发布|信息/;
const RULES_WORD = /规章(?!制度)/;
const NORMS_WORD = /规范性文件/;
const ISSUE = /制发|印发|出台|制定|发布/;
const REPEAL = /废止|宣布失效|失效/;
const NOT_ABOUT_ISSUING = /解读|清理|审查|备案|征求/;

export const CLAIMS: readonly ClaimDef[] = [
  {
    key: 'after',
    group: 'lit',
    rule: 'X-1',
    label: '表四“行政诉讼 复议后起诉 总计”',
    sums: [['r.after.total']],
    units: COUNT,
    before: /复议后(提起)?(行政)?(起诉|诉讼)/,
  },
  {
    key: 'direct',
    group: 'lit',
    rule: 'X-1',
    label: '表四“行政诉讼 未经复议直接起诉 总计”',
    sums: [['r.direct.total']],
    units: COUNT,
    before: /直接(提起)?(行政)?(起诉|诉讼)/,
  },
  {
    key: 'litigation',
    group: 'lit',
    rule: 'X-1',
    label: '表四行政诉讼两项总计之和',
    sums: [['r.direct.total', 'r.after.total']],
    units: COUNT,
    before: /行政诉讼|被诉|应诉|起诉/,
  },
  {
    key: 'review',
    group: 'rev',
    rule: 'X-1',
    label: '表四“行政复议 总计”',
    sums: [['r.review.total']],
    units: COUNT,
    before: /行政复议/,
  },
  {
    key: 'carried',
    group: 'carried',
    rule: 'X-1',
    label: '表三“二、上年结转政府信息公开申请数量”总计',
    sums: [['a.carried.total']],
    units: COUNT,
    before: /(上年度?|上一年度?|去年)(遗留|结转)|结转(自|于)上一?年/,
    after: /^(系|为|属)?(上年度?|上一年度?|去年)(结转|遗留)/,
  },
  {
    key: 'next',
    group: 'next',
    rule: 'X-1',
    label: '表三“四、结转下年度继续办理”总计',
    sums: [['a.next.total']],
    units: COUNT,
    before: /(结转|顺延|转入|转至|留待)(至|到)?下一?年/,
    after: /^(申请)?(需)?(结转|顺延|转入|转至|留待)(至|到)?下一?年/,
  },
  {
    key: 'new',
    group: 'new',
    rule: 'X-1',
    label: '表三“一、本年新收政府信息公开申请数量”总计',
    sums: [['a.new.total'], ['a.new.total', 'a.carried.total']],
    units: COUNT,
    before: /新收|新受理|收到|受理|接收|共收/,
    requires: /申请/,
    excludes: OTHER_BUSINESS,
  },
  {
    key: 'done',
    group: 'done',
    rule: 'X-1',
    label: '表三“（七）总计”总计',
    sums: [['a.done.total']],
    units: COUNT,
    before: /办结|答复|办理完毕|处理完毕/,
    excludes: new RegExp(`率|${OTHER_BUSINESS.source}`),
  },
  { key: 'rules.valid', group: 'docs', rule: 'X-2', label: '表二“规章”现行有效件数', sums: [['p.rules.valid']], units: COUNT, before: /现行有效/, requires: RULES_WORD },
  { key: 'norms.valid', group: 'docs', rule: 'X-2', label: '表二“行政规范性文件”现行有效件数', sums: [['p.norms.valid']], units: COUNT, before: /现行有效/, requires: NORMS_WORD },
  { key: 'rules.repealed', group: 'docs', rule: 'X-2', label: '表二“规章”本年废止件数', sums: [['p.rules.repealed']], units: COUNT, before: REPEAL, requires: RULES_WORD },
  { key: 'norms.repealed', group: 'docs', rule: 'X-2', label: '表二“行政规范性文件”本年废止件数', sums: [['p.norms.repealed']], units: COUNT, before: REPEAL, requires: NORMS_WORD },
  {
    key: 'rules.issued',
    group: 'docs',
    rule: 'X-2',
    label: '表二“规章”本年制发件数',
    sums: [['p.rules.issued']],
    units: COUNT,
    before: ISSUE,
    requires: RULES_WORD,
    excludes: NOT_ABOUT_ISSUING,
  },
  {
    key: 'norms.issued',
    group: 'docs',
    rule: 'X-2',
    label: '表二“行政规范性文件”本年制发件数',
    sums: [['p.norms.issued']],
    units: COUNT,
    before: ISSUE,
    requires: NORMS_WORD,
    excludes: NOT_ABOUT_ISSUING,
  },
  { key: 'license', group: 'lic', rule: 'X-1', label: '表二“行政许可”本年处理决定数量', sums: [['p.license']], units: COUNT, before: /行政许可/, excludes: NOT_DECISIONS },
  { key: 'penalty', group: 'pen', rule: 'X-1', label: '表二“行政处罚”本年处理决定数量', sums: [['p.penalty']], units: COUNT, before: /行政处罚/, excludes: NOT_DECISIONS },
  { key: 'coercion', group: 'coe', rule: 'X-1', label: '表二“行政强制”本年处理决定数量', sums: [['p.coercion']], units: COUNT, before: /行政强制/, excludes: NOT_DECISIONS },
  {
    key: 'fees',
    group: 'fee',
    rule: 'X-1',
    label: '表二“行政事业性收费”本年收费金额（万元）',
    sums: [['p.fees']],
    units: ['万元'],
    before: /行政事业性收费/,
    excludes: /信息处理费/,
  },
];

/** A clause naming another scope (a part, another period, other units): unsure → warning. */
export const SCOPE_MARKERS = new RegExp(
  [
    '其中|累计|分别|平均|月均|以来|同比|较上年|比上年|上年同期',
    '全县|全市|全区|全州|全省|全旗|各乡镇|各部门|各单位|各街道|所属|下属|系统内|本级|办公室',
    '去年|上年(?!度?结转)|上一年(?!度?结转)|前年|近[0-9一二三四五六七八九十]+年|[一二三四第]季度|上半年|下半年|[0-9一二三四五六七八九十]+月',
  ].join('|'),
);

/**
 * Words that tie a 表三/表四 quantity to 政府信息公开. Without them in the clause (and outside
 * the section's own lead paragraph) a contradiction is only a warning: the sentence may be about
 * other 申请, 复议 or 诉讼.
 */
export const DISCLOSURE_SUBJECT = /政府信息公开|依申请公开|信息公开申请|公开申请/;

/** Claim groups that need DISCLOSURE_SUBJECT for an error, and the lead field that implies it. */
export const SUBJECT_BOUND: Readonly<Record<string, string>> = {
  lit: 'review',
  rev: 'review',
  carried: 'applications',
  next: 'applications',
  new: 'applications',
  done: 'applications',
};

/** A sentence that says there were none, while the table has some. */
export interface ZeroClaimDef {
  readonly key: string;
  readonly label: string;
  readonly sums: readonly string[];
  readonly re: RegExp;
  /** Lead field that implies the subject (see SUBJECT_BOUND). */
  readonly lead: string;
}

export const ZERO_CLAIMS: readonly ZeroClaimDef[] = [
  {
    key: 'new',
    label: '表三“一、本年新收政府信息公开申请数量”总计',
    sums: ['a.new.total'],
    re: /(未|没有)(收到|受理|接到|接收)[^，。；]{0,12}申请/,
    lead: 'applications',
  },
  {
    key: 'review',
    label: '表四“行政复议 总计”',
    sums: ['r.review.total'],
    re: /(无|未发生|没有|未有|未被)[^，。；]{0,10}行政复议/,
    lead: 'review',
  },
  {
    key: 'litigation',
    label: '表四行政诉讼两项总计之和',
    sums: ['r.direct.total', 'r.after.total'],
    re: /(无|未发生|没有|未有|未被)[^，。；]{0,14}行政诉讼/,
    lead: 'review',
  },
];

/** Words right before a number that make it an approximation, not a claim. */
export const APPROX_BEFORE = /(约|近|超过|逾|不足|大约|将近|上千|上万|数)\s*$/;
/** Words right after a number that make it an approximation or a different magnitude. */
export const APPROX_AFTER = /^\s*(余|多|左右|以上|以下|上下|万(?!元)|千|百)/;
