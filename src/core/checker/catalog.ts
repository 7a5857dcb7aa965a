/**
 * Every rule the checker knows, with its stable id, severity and a one-line description.
 * The README lists the same lines (a test keeps them in step).
 */
import type { Severity } from './types';

export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
}

export const RULES: readonly RuleInfo[] = [
  { id: 'M-1', severity: 'error', title: '单位名称不能为空' },
  { id: 'V-1', severity: 'error', title: '单元格未填写（没有数据应填0，未填不等于0）' },
  { id: 'T2-1', severity: 'error', title: '表二数值：件数为不小于0的整数，收费金额为不小于0、最多4位小数的数（万元）' },
  { id: 'T2-2', severity: 'warning', title: '现行有效件数 = 上年现行有效 + 本年制发 − 本年废止（规章、行政规范性文件分别核对）' },
  { id: 'T2-3', severity: 'warning', title: '本年废止件数不超过上年现行有效件数与本年制发件数之和' },
  { id: 'T2-4', severity: 'warning', title: '县级及以下单位无权制定规章，规章行应为0' },
  { id: 'T2-5', severity: 'warning', title: '行政事业性收费单位为万元，数值大得像按元填写' },
  { id: 'T3-1', severity: 'error', title: '表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度（格式规定的勾稽关系）' },
  { id: 'T3-2', severity: 'error', title: '表三每一列：（七）总计 = 各项办理结果之和' },
  { id: 'T3-3', severity: 'error', title: '表三每一行：总计 = 自然人与五类法人或其他组织之和' },
  { id: 'T3-4', severity: 'error', title: '表三每一列：上年结转 = 上年报告的结转下年度继续办理' },
  { id: 'T3-5', severity: 'error', title: '表三数值为不小于0的整数' },
  { id: 'T3-7', severity: 'warning', title: '有“逾期未按收费通知要求缴纳费用”的申请时，第六部分应说明发出的收费通知' },
  { id: 'T3-8', severity: 'warning', title: '第六部分称收取了信息处理费，但全年申请不超过10件，按件计收不可能发生' },
  { id: 'T4-1', severity: 'error', title: '表四每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结' },
  { id: 'T4-2', severity: 'error', title: '表四数值为不小于0的整数' },
  { id: 'P-1', severity: 'warning', title: '用于比对的上年报告年度应为本年度的前一年' },
  { id: 'X-1', severity: 'error', title: '正文中关于申请、复议诉讼、许可处罚强制、收费的数字与表格一致（范围不明时为提示）' },
  { id: 'X-2', severity: 'warning', title: '正文中规章、行政规范性文件的件数与表二一致' },
  { id: 'S-4', severity: 'warning', title: '第一部分涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障；人民政府还需工作考核、社会评议和责任追究结果（为空时为错误）' },
  { id: 'S-5', severity: 'error', title: '第五部分不能为空或只写“无”，并应写明问题和改进情况（缺一项为提示）' },
  { id: 'S-6', severity: 'warning', title: '第六部分说明信息处理费收取情况（未收取也要写明）' },
  { id: 'S-7', severity: 'warning', title: '正文与上年报告雷同超过一半（内容雷同）' },
  { id: 'S-8', severity: 'error', title: '文号引用正确：国办公开办函〔2021〕30号、国令第711号，年份用六角括号〔〕' },
  { id: 'S-9', severity: 'warning', title: '发布日期不晚于法定期限（人民政府3月31日，部门1月31日）' },
  { id: 'XL-1', severity: 'warning', title: '导入Excel时：合计单元格的公式被改成了手填数字，或公式结果与各项之和不符' },
];

export const RULE_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));
