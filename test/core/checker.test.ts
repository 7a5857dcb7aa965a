import { describe, expect, it } from 'vitest';
import { check, RULES, type Finding } from '../../src/core/checker';
import { documentFromPrevious, type ReportDocument } from '../../src/core/document';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSeed, REPO_ROOT, withCells, withText } from '../helpers/seed';

const seed = loadSeed();

const byRule = (findings: readonly Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);
const only = (findings: readonly Finding[], rule: string): Finding => {
  const list = byRule(findings, rule);
  expect(list, `expected exactly one ${rule}, got ${JSON.stringify(findings.map((f) => f.id))}`).toHaveLength(1);
  return list[0]!;
};
const rulesOf = (doc: ReportDocument, prev?: Parameters<typeof check>[1]): string[] => check(doc, prev).findings.map((f) => f.rule);

describe('the seed report (集贤县人民政府 2024)', () => {
  const result = check(seed);

  it('has no errors', () => {
    expect(result.errors).toBe(0);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('gets exactly the warnings it deserves', () => {
    // Section 一 says nothing of 社会评议 or 责任追究; section 六 is a bare “无” with no 信息处理费 statement.
    expect(result.findings.map((f) => f.id).sort()).toEqual(['S-4:government', 'S-6:topics']);
    expect(only(result.findings, 'S-4').message).toContain('社会评议、责任追究结果');
    expect(result.warnings).toBe(2);
  });

  it('reads “全年共收到政府信息公开申请25件” as a claim that matches the table, and “5000余条” as none', () => {
    const wrong = withText(seed, { overview: seed.text.overview.replace('申请25件', '申请27件') });
    const f = only(check(wrong).findings, 'X-1');
    expect(f).toMatchObject({ severity: 'error', cells: ['a.new.total'], expected: 25, actual: 27, section: 'overview' });
    expect(f.message).toContain('全年共收到政府信息公开申请27件');
    expect(f.text?.key).toBe('overview');
    expect(f.text?.paragraph).toBe(3);
  });
});

describe('M-1 unit name', () => {
  it('breaks when the unit name is empty', () => {
    const f = only(check({ ...seed, unit: { ...seed.unit, name: ' ' } }).findings, 'M-1');
    expect(f.severity).toBe('error');
    expect(f.section).toBe('basic');
  });
});

describe('V-1 unfilled cells', () => {
  it('reports an unfilled entered cell by row, naming the row and column', () => {
    const f = only(check(withCells(seed, { 'a.new.natural': undefined, 'a.new.total': undefined })).findings, 'V-1');
    expect(f.cells).toEqual(['a.new.natural']);
    expect(f.message).toContain('一、本年新收政府信息公开申请数量');
    expect(f.message).toContain('自然人');
    expect(f.message).toContain('未填写');
  });

  it('groups a blank report into one finding per row and never reports totals as unfilled', () => {
    const blank = { ...seed, cells: {} };
    const findings = byRule(check(blank).findings, 'V-1');
    // 表二: 6 rows; 表三: 24 rows (（七）总计 is computed); 表四: 1 row.
    expect(findings).toHaveLength(31);
    const ids = findings.flatMap((f) => f.cells);
    expect(ids).toHaveLength(166);
    expect(ids).not.toContain('a.new.total');
    expect(ids).not.toContain('r.review.total');
  });

  it('gives a row whose unfilled cells did not change the same finding again, and a changed row a new one', () => {
    const blank = { ...seed, cells: {} };
    const before = new Map(byRule(check(blank).findings, 'V-1').map((f) => [f.id, f]));
    const after = new Map(byRule(check(withCells(blank, { 'a.new.natural': 3 })).findings, 'V-1').map((f) => [f.id, f]));
    const changed = 'V-1:t3:0:new';
    expect(after.get(changed)).not.toBe(before.get(changed));
    expect(after.get(changed)!.cells).not.toContain('a.new.natural');
    expect(after.get(changed)!.message).toContain('行有5格未填写（商业企业、');
    for (const [id, f] of after) if (id !== changed) expect(f, id).toBe(before.get(id));
    expect(after.size).toBe(before.size);
  });
});

describe('value rules T2-1, T3-5, T4-2', () => {
  it('T2-1: negative fee, fee with 5 decimals, decimal count', () => {
    expect(only(check(withCells(seed, { 'p.fees': -1 })).findings, 'T2-1')).toMatchObject({ cells: ['p.fees'], actual: -1 });
    expect(only(check(withCells(seed, { 'p.fees': 1.23456 })).findings, 'T2-1').message).toContain('4位小数');
    expect(only(check(withCells(seed, { 'p.license': 1.5 })).findings, 'T2-1').message).toContain('整数');
    expect(rulesOf(withCells(seed, { 'p.fees': 1.2345 }))).not.toContain('T2-1');
    expect(rulesOf(withCells(seed, { 'p.fees': 435.532 }))).not.toContain('T2-1');
  });

  it('T3-5: 1.5 applications and a negative count', () => {
    const f = byRule(check(withCells(seed, { 'a.open.natural': 1.5 })).findings, 'T3-5');
    expect(f.map((x) => x.cells)).toEqual([['a.open.natural']]);
    expect(f[0]!.message).toContain('（一）予以公开');
    expect(byRule(check(withCells(seed, { 'a.carried.ngo': -2 })).findings, 'T3-5')[0]!.actual).toBe(-2);
  });

  it('T4-2: a negative 表四 value', () => {
    expect(only(check(withCells(seed, { 'r.after.upheld': -1 })).findings, 'T4-2').cells).toEqual(['r.after.upheld']);
  });
});

describe('arithmetic', () => {
  it('T3-1: the official cross-check per column, naming the four cells and both sides', () => {
    const doc = withCells(seed, { 'a.next.natural': 1, 'a.next.total': 1 });
    const all = byRule(check(doc).findings, 'T3-1');
    expect(all.map((x) => x.id)).toEqual(['T3-1:natural', 'T3-1:total']);
    const f = all[0]!;
    expect(f).toMatchObject({
      id: 'T3-1:natural',
      severity: 'error',
      cells: ['a.new.natural', 'a.carried.natural', 'a.done.natural', 'a.next.natural'],
      expected: 24,
      actual: 25,
      section: 'applications',
    });
    expect(f.message).toBe('“自然人”列：本年新收(24)+上年结转(0)应等于办理结果总计(24)+结转下年度(1)，现在左边是24，右边是25，相差1。');
  });

  it('T3-1 disappears when the numbers agree again', () => {
    const broken = withCells(seed, { 'a.new.natural': 30, 'a.new.total': 31 });
    expect(byRule(check(broken).findings, 'T3-1').map((f) => f.id).sort()).toEqual(['T3-1:natural', 'T3-1:total']);
    expect(rulesOf(withCells(broken, { 'a.new.natural': 24, 'a.new.total': 25 }))).not.toContain('T3-1');
  });

  it('T3-2: （七）总计 is the sum of the 21 result rows', () => {
    const all = byRule(check(withCells(seed, { 'a.deny.law.natural': 5, 'a.deny.law.total': 5 })).findings, 'T3-2');
    expect(all.map((x) => x.id)).toEqual(['T3-2:t3:natural:done', 'T3-2:t3:total:done']);
    const f = all[0]!;
    expect(f).toMatchObject({ id: 'T3-2:t3:natural:done', expected: 23, actual: 24 });
    expect(f.cells[0]).toBe('a.done.natural');
    expect(f.cells).toContain('a.deny.law.natural');
    expect(f.cells).toHaveLength(22);
    expect(f.message).toContain('“自然人”列');
  });

  it('T3-3: a row total is the sum of the six applicant columns', () => {
    const f = only(check(withCells(seed, { 'a.new.total': 26 })).findings, 'T3-3');
    expect(f).toMatchObject({ cells: expect.arrayContaining(['a.new.total', 'a.new.natural', 'a.new.other']), expected: 25, actual: 26 });
    expect(f.message).toContain('“一、本年新收政府信息公开申请数量”行');
    expect(f.message).toContain('自然人(24)');
  });

  it('T4-1: each 表四 group total', () => {
    const f = only(check(withCells(seed, { 'r.review.total': 19 })).findings, 'T4-1');
    expect(f).toMatchObject({ cells: ['r.review.total', 'r.review.upheld', 'r.review.corrected', 'r.review.other', 'r.review.pending'], expected: 18, actual: 19 });
    expect(f.message).toContain('结果维持(17)');
  });

  it('derives absent totals instead of reporting them', () => {
    const noTotals = { ...seed, cells: Object.fromEntries(Object.entries(seed.cells).filter(([id]) => !/\.total$|^a\.done\./.test(id))) };
    const r = check(noTotals);
    expect(r.errors).toBe(0);
  });
});

describe('last year', () => {
  const last = withCells(seed, { 'a.next.natural': 3, 'a.next.total': 3, 'a.new.natural': 27, 'a.new.total': 28 });
  const lastYear = { ...last, year: 2023 };

  it('T3-4: 上年结转 must equal last year’s 结转下年度, column by column', () => {
    const r = check(seed, lastYear);
    const f = byRule(r.findings, 'T3-4');
    expect(f.map((x) => x.id).sort()).toEqual(['T3-4:natural', 'T3-4:total']);
    expect(f.find((x) => x.id === 'T3-4:natural')).toMatchObject({ cells: ['a.carried.natural'], expected: 3, actual: 0, severity: 'error' });
    expect(rulesOf(withCells(seed, { 'a.carried.natural': 3, 'a.carried.total': 3, 'a.done.natural': 27, 'a.open.natural': 10, 'a.open.total': 11, 'a.done.total': 28 }), lastYear)).not.toContain('T3-4');
  });

  it('P-1: a previous report of the wrong year is flagged and not compared', () => {
    const r = check(seed, { ...lastYear, year: 2022 });
    expect(only(r.findings, 'P-1')).toMatchObject({ expected: 2023, actual: 2022 });
    expect(byRule(r.findings, 'T3-4')).toEqual([]);
  });

  it('T2-2: 现行有效 continuity is a warning', () => {
    const prev = { year: 2023, cells: { ...seed.cells, 'p.norms.valid': 15 } };
    const f = only(check(seed, prev).findings, 'T2-2');
    expect(f).toMatchObject({ severity: 'warning', expected: 15, actual: 18, cells: ['p.norms.valid', 'p.norms.issued', 'p.norms.repealed'] });
    expect(rulesOf(seed, { year: 2023, cells: seed.cells })).not.toContain('T2-2');
  });

  it('T2-3: 本年废止 cannot exceed last year’s 现行有效 plus 本年制发', () => {
    const doc = withCells(seed, { 'p.norms.repealed': 20, 'p.norms.valid': 0 });
    const f = byRule(check(doc, { year: 2023, cells: { 'p.norms.valid': 18 } }).findings, 'T2-3');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ expected: 18, actual: 20 });
  });
});

describe('domain', () => {
  it('T2-4: a county-level unit has no 规章', () => {
    const doc = withCells(seed, { 'p.rules.issued': 1, 'p.rules.valid': 1 });
    expect(only(check(doc).findings, 'T2-4').cells).toEqual(['p.rules.issued', 'p.rules.valid']);
    expect(rulesOf({ ...doc, unit: { ...doc.unit, level: 'city' } })).not.toContain('T2-4');
    expect(rulesOf({ ...doc, unit: { name: doc.unit.name, kind: 'government' } })).not.toContain('T2-4');
  });

  it('T2-5: a fee that looks like 元', () => {
    expect(only(check(withCells(seed, { 'p.fees': 4355320 })).findings, 'T2-5').cells).toEqual(['p.fees']);
  });
});

describe('X-1 / X-2 text against tables', () => {
  const overview = (line: string): ReportDocument => withText(seed, { overview: `${seed.text.overview}\n${line}` });
  const x = (doc: ReportDocument): Finding[] => check(doc).findings.filter((f) => f.rule === 'X-1' || f.rule === 'X-2');

  it('accepts matching claims in several phrasings (淮安-style sentence)', () => {
    expect(x(overview('全年共受理政府信息公开申请25件，答复25件（含上年度结转申请0件，另有0件顺延到下年度答复）。'))).toEqual([]);
    expect(x(overview('本年度被申请行政复议18件，行政诉讼3件，其中复议后起诉3件。'))).toEqual([]);
    expect(x(overview('办理行政许可14073件，实施行政处罚2016件、行政强制429件，行政事业性收费435.532万元。'))).toEqual([]);
    expect(x(overview('现行有效行政规范性文件18件。'))).toEqual([]);
  });

  it('catches each contradicted quantity', () => {
    const cases: [string, string, number, number][] = [
      ['政府信息公开申请另有3件顺延到下年度答复。', 'a.next.total', 0, 3],
      ['含上年度结转政府信息公开申请2件。', 'a.carried.total', 0, 2],
      ['全年办结政府信息公开申请20件。', 'a.done.total', 25, 20],
      ['因政府信息公开被申请行政复议20件。', 'r.review.total', 18, 20],
      ['涉及政府信息公开的行政诉讼5件。', 'r.direct.total', 3, 5],
      ['全年共收到政府信息公开申请二十七件。', 'a.new.total', 25, 27],
      ['办理行政许可14000件。', 'p.license', 14073, 14000],
      ['行政处罚2000件。', 'p.penalty', 2016, 2000],
      ['行政强制430件。', 'p.coercion', 429, 430],
      ['行政事业性收费435.52万元。', 'p.fees', 435.532, 435.52],
      ['行政许可14,070件。', 'p.license', 14073, 14070],
    ];
    for (const [line, cell, expected, actual] of cases) {
      const f = x(overview(line));
      expect(f, line).toHaveLength(1);
      expect(f[0], line).toMatchObject({ rule: 'X-1', severity: 'error', expected, actual });
      expect(f[0]!.cells[0], line).toBe(cell);
    }
  });

  it('needs 政府信息公开 in the sentence, or the section’s own lead, for an error on 表三/表四 quantities', () => {
    expect(x(overview('被申请行政复议20件。'))[0]).toMatchObject({ severity: 'warning', actual: 20 });
    const lead = check(withText(seed, { review: '本年度被申请行政复议20件。' })).findings.filter((f) => f.rule === 'X-1');
    expect(lead).toHaveLength(1);
    expect(lead[0]).toMatchObject({ severity: 'error', section: 'review', cells: ['r.review.total'] });
  });

  it('says nothing of other business, other periods, published items or rounding (review cases)', () => {
    const fine = [
      '上年共收到政府信息公开申请30件。',
      '近三年共受理政府信息公开申请80件。',
      '一季度收到政府信息公开申请6件。',
      '全年受理政务服务事项申请3000件。',
      '政务服务中心共受理各类办件申请3000件。',
      '受理网上申请12件，信函申请13件。',
      '办理答复人大代表建议12件。',
      '答复网民留言120件。',
      '办结群众诉求3000件。',
      '收取行政事业性收费435.53万元。',
      '收取行政事业性收费436万元。',
      '在网站公开行政许可事项办事指南300件。',
      '公示行政许可结果2000件。',
      '公开行政处罚决定1500件。',
    ];
    for (const line of fine) expect(x(overview(line)).filter((f) => f.severity === 'error'), line).toEqual([]);
    // Only a warning, never an error, for these.
    expect(x(overview('全年共办理行政复议案件500件。')).every((f) => f.severity === 'warning')).toBe(true);
  });

  it('catches “none” sentences that the table contradicts', () => {
    const none = x(overview('全年未收到政府信息公开申请。'));
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ severity: 'error', cells: ['a.new.total'], expected: 25, actual: 0 });
    const noCases = x(withText(seed, { overview: seed.text.overview, review: '本年度无行政复议、行政诉讼案件。' }));
    expect(noCases.map((f) => f.cells)).toEqual([['r.review.total'], ['r.direct.total', 'r.after.total']]);
    expect(noCases.every((f) => f.severity === 'error')).toBe(true);
    const zero = withCells(seed, { 'r.review.upheld': 0, 'r.review.pending': 0, 'r.review.total': 0 });
    expect(x(withText(zero, { review: '本年度无行政复议案件。' }))).toEqual([]);
  });

  it('keeps a finding id when a paragraph is added above it', () => {
    const a = x(overview('全年共收到政府信息公开申请27件。'))[0]!;
    const b = x(withText(seed, { overview: `新增的一段。\n${seed.text.overview}\n全年共收到政府信息公开申请27件。` }))[0]!;
    expect(a.id).toBe('X-1:overview:new:27');
    expect(b.id).toBe(a.id);
    expect(b.text!.paragraph).toBe(a.text!.paragraph + 1);
  });

  it('X-2: 规范性文件 counts are warnings', () => {
    const f = x(overview('本年制发行政规范性文件3件。'));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'X-2', severity: 'warning', cells: ['p.norms.issued'], expected: 0, actual: 3 });
  });

  it('does not treat approximations, percentages, interpretations or ambiguous sums as claims', () => {
    expect(x(overview('全年共收到政府信息公开申请约30件。'))).toEqual([]);
    expect(x(overview('全年共收到政府信息公开申请30余件。'))).toEqual([]);
    expect(x(overview('申请答复率100%。'))).toEqual([]);
    expect(x(overview('发布规范性文件解读10件。'))).toEqual([]);
    expect(x(overview('行政复议和行政诉讼共21件。'))).toEqual([]);
  });

  it('makes a claim about another scope a warning, not an error', () => {
    const scoped = x(overview('全县各乡镇共收到政府信息公开申请40件。'));
    expect(scoped).toHaveLength(1);
    expect(scoped[0]).toMatchObject({ rule: 'X-1', severity: 'warning', actual: 40 });
    const otherYear = x(overview('2023年共收到政府信息公开申请12件。'));
    expect(otherYear[0]?.severity).toBe('warning');
  });
});

describe('content', () => {
  it('S-4: section 一 empty is an error; missing topics are a warning', () => {
    expect(only(check(withText(seed, { overview: '' })).findings, 'S-4').severity).toBe('error');
    const thin = check(withText(seed, { overview: '本年度主动公开信息100条。' })).findings.filter((f) => f.rule === 'S-4');
    const topics = thin.find((f) => f.id === 'S-4:topics')!;
    expect(topics.severity).toBe('warning');
    expect(topics.message).toContain('依申请公开、政府信息管理、平台建设、监督保障');
    expect(topics.message).not.toContain('主动公开、');
    expect(thin.find((f) => f.id === 'S-4:government')?.message).toContain('工作考核、社会评议、责任追究结果');
  });

  it('S-4: only a 人民政府 must report 工作考核、社会评议和责任追究结果', () => {
    const dept = { ...seed, unit: { ...seed.unit, kind: 'department' as const } };
    expect(check(dept).findings.map((f) => f.id)).not.toContain('S-4:government');
    const full = withText(seed, { overview: `${seed.text.overview}\n开展社会评议，未发生责任追究情况。` });
    expect(check(full).findings.map((f) => f.id)).not.toContain('S-4:government');
  });

  it('S-5: section 五 may not be empty or a bare 无, and names problems and improvements', () => {
    expect(only(check(withText(seed, { problems: '无。' })).findings, 'S-5')).toMatchObject({ severity: 'error', id: 'S-5:empty' });
    expect(only(check(withText(seed, { problems: '' })).findings, 'S-5').severity).toBe('error');
    const half = only(check(withText(seed, { problems: '政策解读形式单一，存在不足。' })).findings, 'S-5');
    expect(half.severity).toBe('warning');
    expect(half.message).toContain('改进情况');
  });

  it('S-5: placeholders and denied keywords do not count', () => {
    for (const t of ['—', '/', '——', '无 。']) expect(only(check(withText(seed, { problems: t })).findings, 'S-5').severity, t).toBe('error');
    const denied = only(check(withText(seed, { problems: '无问题，无改进措施。' })).findings, 'S-5');
    expect(denied.severity).toBe('warning');
    expect(denied.message).toContain('存在的主要问题、改进情况');
  });

  it('S-6: section 六 states the 信息处理费', () => {
    for (const t of ['2024年未收取任何费用。', '本机关未发出收费通知，未收取费用。', '本年度无收费情况。']) {
      expect(rulesOf(withText(seed, { other: t })), t).not.toContain('S-6');
    }
    expect(rulesOf(withText(seed, { other: '本年度未收取信息处理费。' }))).not.toContain('S-6');
    expect(only(check(withText(seed, { other: '' })).findings, 'S-6').severity).toBe('warning');
  });

  it('S-7: a narrative more than half identical to last year’s', () => {
    const prev = { year: 2023, cells: seed.cells, text: { ...seed.text, overview: seed.text.overview.replaceAll('2024', '2023') } };
    const f = only(check(seed, prev).findings, 'S-7');
    expect(f.actual).toBeGreaterThan(90);
    expect(f.message).toContain('内容雷同');
    const fresh = { year: 2023, cells: seed.cells, text: { overview: '完全不同的上一年度文字，内容与本年没有任何相同的句子。', problems: '另外一段上年的问题描述文字内容。', other: '无' } };
    expect(rulesOf(seed, fresh)).not.toContain('S-7');
  });

  it('S-8: citations use the right numbers and 六角括号', () => {
    const cite = (s: string): Finding[] => byRule(check(withText(seed, { other: `本年度未收取信息处理费。${s}` })).findings, 'S-8');
    expect(cite('按照国办发〔2021〕30号要求编制。')[0]!.message).toContain('国办公开办函〔2021〕30号');
    expect(cite('依据国办公开办函[2021]30号。')[0]!.message).toContain('国办公开办函〔2021〕30号');
    expect(cite('依据国办函（2020）109号收费。')[0]!.message).toContain('国办函〔2020〕109号');
    expect(cite('根据《中华人民共和国政府信息公开条例》（国务院令第492号）。')).toHaveLength(1);
    expect(cite('根据《条例》（国务院令711号）。')[0]!.message).toContain('国务院令第711号');
    expect(cite('依据国办公开办函〔2021〕30号、国办函〔2020〕109号和国令第711号。')).toEqual([]);
    expect(cite('和黑政办发[2024]6号一起落实。')[0]!.message).toContain('应写作“黑政办发〔2024〕6号”');
    const old = cite('按照国办公开办函〔2019〕60号规定的年度报告格式编制。');
    expect(old[0]).toMatchObject({ severity: 'error' });
    expect(old[0]!.message).toContain('〔2019〕60号是已废止的2019年试行格式');
    expect(cite('根据国办公开办函〔2021〕31号编制本年度报告。')[0]!.severity).toBe('error');
    expect(cite('转发国办公开办函〔2022〕5号。')[0]!.severity).toBe('warning');
    const twice = cite('国办函[2020]109号。国办函[2020]109号。');
    expect(new Set(twice.map((f) => f.id)).size).toBe(2);
  });

  it('S-9: publication deadline by kind', () => {
    expect(only(check({ ...seed, publishedAt: '2025-04-01' }).findings, 'S-9').message).toContain('2025年3月31日');
    expect(rulesOf({ ...seed, publishedAt: '2025-03-31' })).not.toContain('S-9');
    const dept = { ...seed, unit: { ...seed.unit, kind: 'department' as const }, publishedAt: '2025-02-01' };
    expect(only(check(dept).findings, 'S-9').message).toContain('1月31日');
  });

  it('T3-7: applications dropped for unpaid fees need 收费通知 in section 六', () => {
    const doc = withCells(seed, { 'a.other.unpaid.natural': 1, 'a.other.unpaid.total': 1, 'a.open.natural': 6, 'a.open.total': 7 });
    expect(only(check(doc).findings, 'T3-7')).toMatchObject({ cells: ['a.other.unpaid.total'], actual: 1 });
    expect(rulesOf(withText(doc, { other: '本年度发出收费通知1件，申请人逾期未缴纳，未收取信息处理费。' }))).not.toContain('T3-7');
  });

  it('T3-8: a 信息处理费 with ten applications or fewer', () => {
    const few = withCells(seed, { 'a.new.natural': 5, 'a.new.other': 0, 'a.new.total': 5 });
    expect(only(check(withText(few, { other: '全年收取信息处理费300元。' })).findings, 'T3-8').actual).toBe(300);
    expect(rulesOf(withText(seed, { other: '全年收取信息处理费300元。' }))).not.toContain('T3-8');
  });
});

describe('explanations (出错说明)', () => {
  it('keeps a warning with its written explanation and does not count it as open', () => {
    const doc = { ...seed, explanations: { 'S-6:topics': '本单位本年度未收取信息处理费，已在正文中补充。' } };
    const r = check(doc);
    expect(r.warnings).toBe(1);
    expect(r.explained).toBe(1);
    expect(r.findings.find((f) => f.id === 'S-6:topics')?.explanation).toContain('未收取');
  });

  it('cannot explain an error away', () => {
    const doc = { ...withCells(seed, { 'a.new.total': 26 }), explanations: { 'T3-3:t3:new:total': '笔误' } };
    const r = check(doc);
    // T3-3 (row total), T3-1 (总计 column) and X-1 (the text says 25) all stay errors.
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort()).toEqual(['T3-1', 'T3-3', 'X-1']);
    expect(r.errors).toBe(3);
    expect(r.findings.find((f) => f.rule === 'T3-3')?.explanation).toBeUndefined();
  });
});

describe('catalog', () => {
  it('lists every rule once with a Chinese title', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) expect(r.title).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('the README lists every rule id with its line', () => {
    const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
    for (const r of RULES) expect(readme, r.id).toContain(`| ${r.id} | ${r.severity === 'error' ? '错误' : '提示'} | ${r.title} |`);
  });

  it('starting 2025 from the seed carries 上年结转 and passes T3-4', () => {
    const next = documentFromPrevious(seed);
    expect(next.year).toBe(2025);
    expect(byRule(check(next, next.lastYear).findings, 'T3-4')).toEqual([]);
    const broken = withCells(next, { 'a.carried.natural': 2, 'a.carried.total': 2 });
    expect(byRule(check(broken, broken.lastYear).findings, 'T3-4').map((f) => f.id)).toEqual(['T3-4:natural', 'T3-4:total']);
  });
});

describe('textMemo (text-only work reused between checks)', () => {
  it('computes once per tag and text, keeps tags apart, and forgets the oldest beyond its size', async () => {
    const { textMemo } = await import('../../src/core/checker/memo');
    const calls: string[] = [];
    const memo = textMemo((tag, text) => {
      calls.push(`${tag}|${text}`);
      return { tag, length: text.length };
    }, 2);
    const a = memo('x', 'abc');
    expect(memo('x', 'abc')).toBe(a);
    expect(memo('x', `ab${'c'}`)).toBe(a); // equal text, another string object
    expect(memo('y', 'abc')).toEqual({ tag: 'y', length: 3 });
    expect(calls).toEqual(['x|abc', 'y|abc']);
    memo('x', 'de');
    memo('x', 'fgh'); // 'abc' is the oldest of tag x: dropped
    memo('x', 'abc');
    expect(calls).toEqual(['x|abc', 'y|abc', 'x|de', 'x|fgh', 'x|abc']);
    // At most maxTags tags are kept: the oldest goes.
    const few = textMemo((tag, text) => `${tag}${text}`.length, 32, 2);
    const n0 = calls.length;
    const counted = textMemo((tag, text) => {
      calls.push(`${tag}|${text}`);
      return few(tag, text);
    }, 32, 2);
    for (const tag of ['a', 'b', 'c', 'a']) counted(tag, 't');
    expect(calls.slice(n0)).toEqual(['a|t', 'b|t', 'c|t', 'a|t']);
  });

  it('a changed text is checked again (topics, citations, stated numbers)', () => {
    const seed = loadSeed();
    const before = check(seed).findings.map((f) => f.id);
    const blank = withText(seed, { overview: '无。' });
    const after = check(blank).findings.map((f) => f.id);
    expect(after).not.toEqual(before);
    expect(check(seed).findings.map((f) => f.id)).toEqual(before);
  });
});
