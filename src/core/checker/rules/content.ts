/**
 * Content the format requires: the unit (M-1), the topics of sections 一、五、六 (S-4, S-5, S-6,
 * from the format data), copying last year's text (S-7), citations (S-8), the publication
 * deadline (S-9), and the 信息处理费 links between 表三 and section 六 (T3-7, T3-8).
 */
import { FORMAT, publicationDeadline } from '../../format';
import { splitParagraphs } from '../../text/paragraphs';
import { num, type CheckContext } from '../context';
import { textMemo } from '../memo';
import type { Finding } from '../types';

const patternCache = new Map<string, RegExp>();
/** Topic patterns come from the format data as strings; compile each once. */
const topicRe = (pattern: string): RegExp => {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern);
    patternCache.set(pattern, re);
  }
  return re;
};

const BARE_NONE = /^(无|暂无|没有|无问题|无其他需要报告的事项|本年度无|本年无)?$/;
/** Remove spaces, punctuation and placeholder marks (“/”, “—”), which count as nothing written. */
const stripForNone = (s: string): string => s.replace(/[\s。.，,；;：:、！!—–\-－/／\\|｜_＿…·]/g, '');

/** Words that deny what follows (“无问题”, “没有改进措施”). */
const NEGATION = /(无|没有|暂无|未发现|不存在)[^，,。；;]{0,3}$/;

/** True when the topic is named at least once without a negation right before it. */
function covers(text: string, re: RegExp): boolean {
  const g = new RegExp(re.source, 'g');
  for (let m = g.exec(text); m; m = g.exec(text)) {
    if (!NEGATION.test(text.slice(Math.max(0, m.index - 8), m.index))) return true;
    if (m[0] === '') g.lastIndex++;
  }
  return false;
}

function topicRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const section of FORMAT.sections) {
    if (!section.topics || !section.topicsRule) continue;
    const text = ctx.doc.text[section.textKey] ?? '';
    out.push(...sectionTopics(`${section.key}\u0001${ctx.doc.unit.kind === 'government'}`, text));
  }
  return out;
}

/** Topic findings of one section (depends on the text and the unit kind only). */
const sectionTopics = textMemo((tag: string, text: string): Finding[] => {
  const [sectionKey, kind] = tag.split('\u0001') as [string, string];
  const government = kind === 'true';
  const section = FORMAT.sections.find((s) => s.key === sectionKey)!;
  const out: Finding[] = [];
  const topics = section.topics!;
  const rule = section.topicsRule!;
  const bare = BARE_NONE.test(stripForNone(text));
  if (bare && section.presence === 'required') {
    out.push({
      id: `${rule}:empty`,
      rule,
      severity: 'error',
      cells: [],
      message:
        text.trim() === ''
          ? `“${section.heading}”还没有内容，这一部分必须如实填写。`
          : `“${section.heading}”只写了“${text.trim().slice(0, 20)}”，这一部分不能只写“无”或留空，应写明${topics.map((t) => t.label).join('和')}。`,
      section: section.key,
    });
    return out;
  }
  const missing = topics.filter((t) => !covers(text, topicRe(t.pattern)));
  if (missing.length > 0) {
    out.push({
      id: `${rule}:topics`,
      rule,
      severity: 'warning',
      cells: [],
      message: `“${section.heading}”没有写到：${missing.map((t) => t.label).join('、')}。`,
      section: section.key,
    });
  }
  if (government && section.governmentTopics) {
    const missingGov = section.governmentTopics.filter((t) => !covers(text, topicRe(t.pattern)));
    if (missingGov.length > 0) {
      out.push({
        id: `${rule}:government`,
        rule,
        severity: 'warning',
        cells: [],
        message: `人民政府的年度报告还应包括工作考核、社会评议和责任追究结果情况（《条例》第五十条第（四）项），“${section.heading}”没有写到：${missingGov.map((t) => t.label).join('、')}。`,
        section: section.key,
      });
    }
  }
  return out;
});

/** Sentences normalised for comparison: no spaces, digits folded (2023年 ≈ 2024年). */
const sentences = textMemo((_: string, text: string): string[] =>
  text
    .split(/[。！？；!?;\n]/)
    .map((s) => s.replace(/\s+/g, '').replace(/[0-9０-９]+/g, '#'))
    .filter((s) => s.length >= 8),
);

const TEXT_KEYS = FORMAT.sections.map((s) => s.textKey);
/** Last year's sentences, per text object: last year does not change while the clerk types. */
const lastYearSentences = new WeakMap<object, Set<string>>();

function similarityRule(ctx: CheckContext): Finding[] {
  const prevText = ctx.previous?.text;
  if (!prevText) return [];
  const keys = TEXT_KEYS;
  let last = lastYearSentences.get(prevText);
  if (!last) {
    last = new Set(keys.flatMap((k) => sentences('', prevText[k] ?? '')));
    lastYearSentences.set(prevText, last);
  }
  if (last.size === 0) return [];
  let total = 0;
  let same = 0;
  for (const k of keys) {
    for (const s of sentences('', ctx.doc.text[k] ?? '')) {
      total += s.length;
      if (last.has(s)) same += s.length;
    }
  }
  if (total === 0 || same / total <= 0.5) return [];
  const pct = Math.round((same / total) * 100);
  return [
    {
      id: 'S-7',
      rule: 'S-7',
      severity: 'warning',
      cells: [],
      message: `正文有${pct}%与${ctx.previous!.year}年报告相同（超过一半即属“内容雷同”），请结合本年度工作重新撰写。`,
      expected: 50,
      actual: pct,
      section: 'overview',
    },
  ];
}

interface CitationCheck {
  readonly re: RegExp;
  /** The problem, and whether it is only probable (a warning). */
  readonly problem: (m: RegExpExecArray, paragraph: string) => { text: string; warning?: boolean } | string | undefined;
}

/** Verbs and joins that stand before an issuer in running text (根据国办函… → 国办函…). */
const LEADING_WORDS = /^(根据|依据|按照|依照|参照|对照|落实|贯彻|执行|结合|遵照|及|和|与|以及|并|的)+/;

const OPEN = '[\\[［【(（〔]';
const CLOSE = '[\\]］】)）〕]';
const CITATIONS: readonly CitationCheck[] = [
  {
    re: new RegExp(`国办发\\s*${OPEN}?\\s*2021\\s*${CLOSE}?\\s*30\\s*号`, 'g'),
    problem: () => '年度报告格式的文号是“国办公开办函〔2021〕30号”，不是“国办发”。',
  },
  {
    // Any 文号 whose year is not in 六角括号 〔〕.
    re: new RegExp(`([\\u4e00-\\u9fa5]{1,12}?(?:发|函|字|办|令))\\s*(${OPEN})\\s*(\\d{4})\\s*(${CLOSE})\\s*(\\d+)\\s*号`, 'g'),
    problem: (m) =>
      m[2] === '〔' && m[4] === '〕' ? undefined : `文号的年份应使用六角括号“〔〕”，应写作“${m[1]!.replace(LEADING_WORDS, '')}〔${m[3]}〕${m[5]}号”。`,
  },
  {
    // The annual-report format notice is 国办公开办函〔2021〕30号; 〔2019〕60号 is the outdated 2019 format.
    re: new RegExp(`国办公开办函\\s*${OPEN}\\s*(\\d{4})\\s*${CLOSE}\\s*(\\d+)\\s*号`, 'g'),
    problem: (m, paragraph) => {
      if (m[1] === '2021' && m[2] === '30') return undefined;
      const aboutFormat = /格式|年度报告|年报/.test(paragraph);
      return {
        text: `现行年度报告格式的文号是“国办公开办函〔2021〕30号”${m[1] === '2019' ? '（〔2019〕60号是已废止的2019年试行格式）' : ''}，请核对。`,
        warning: !aboutFormat,
      };
    },
  },
  {
    re: /(国务院令|国令)\s*(第)?\s*(\d+)\s*号/g,
    problem: (m) => {
      if (m[3] !== '711') return undefined; // other decrees may be cited legitimately
      return m[2] ? undefined : `应写作“${m[1]}第711号”。`;
    },
  },
  {
    re: /政府信息公开条例[》」]?\s*[（(]\s*(国务院令|国令)\s*第?\s*(\d+)\s*号/g,
    problem: (m) => (m[2] === '711' ? undefined : '现行《中华人民共和国政府信息公开条例》是国务院令第711号（2019年修订）。'),
  },
];

function citationRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const section of FORMAT.sections) {
    const text = ctx.doc.text[section.textKey];
    if (!text || !text.includes('号')) continue;
    out.push(...sectionCitations(section.key, text));
  }
  return out;
}

/** Citation findings of one section (depends on its text only). */
const sectionCitations = textMemo((sectionKey: string, text: string): Finding[] => {
  const section = FORMAT.sections.find((s) => s.key === sectionKey)!;
  const out: Finding[] = [];
  const seen = new Set<string>();
  splitParagraphs(text).forEach((p, paragraph) => {
    if (!p.text.includes('号')) return;
    CITATIONS.forEach((c, ci) => {
      c.re.lastIndex = 0;
      for (let m = c.re.exec(p.text); m; m = c.re.exec(p.text)) {
        const found = c.problem(m, p.text);
        if (!found) continue;
        const problem = typeof found === 'string' ? { text: found } : found;
        const quoted = m[0].replace(LEADING_WORDS, '');
        let id = `S-8:${section.textKey}:${ci}:${quoted}`;
        for (let k = 2; seen.has(id); k++) id = `S-8:${section.textKey}:${ci}:${quoted}#${k}`;
        seen.add(id);
        out.push({
          id,
          rule: 'S-8',
          severity: problem.warning ? 'warning' : 'error',
          cells: [],
          message: `“${section.heading}”第${paragraph + 1}段的“${quoted}”有误：${problem.text}`,
          section: section.key,
          text: { key: section.textKey, paragraph, excerpt: m[0] },
        });
      }
    });
  });
  return out;
});

function metadataRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const { doc } = ctx;
  if (doc.unit.name.trim() === '') {
    out.push({ id: 'M-1', rule: 'M-1', severity: 'error', cells: [], message: '单位名称还没有填写，报告标题和导出文件都要用到它。', section: 'basic' });
  }
  const deadline = publicationDeadline(doc.unit.kind, doc.year);
  if (deadline && doc.publishedAt) {
    const limit = `${deadline.year}-${String(deadline.month).padStart(2, '0')}-${String(deadline.day).padStart(2, '0')}`;
    if (doc.publishedAt > limit) {
      const who = doc.unit.kind === 'government' ? '人民政府的本级年度报告' : '政府部门的年度报告';
      out.push({
        id: 'S-9',
        rule: 'S-9',
        severity: 'warning',
        cells: [],
        message: `发布日期${doc.publishedAt}晚于法定期限：${who}应在${deadline.year}年${deadline.month}月${deadline.day}日前公布（《条例》第四十九条）。`,
        section: 'basic',
      });
    }
  }
  return out;
}

/** 信息处理费 collected, in 元, as stated in section 六 (undefined when not stated). */
function statedProcessingFee(text: string): number | undefined {
  const m = /信息处理费[^。；;]*?(\d+(?:\.\d+)?)\s*(万元|元)/.exec(text) ?? /收取[^。；;]*?(\d+(?:\.\d+)?)\s*(万元|元)[^。；;]*?信息处理费/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === '万元' ? 10000 : 1);
}

function feeLinkRules(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const other = ctx.doc.text.other ?? '';
  const unpaid = ctx.eff['a.other.unpaid.total'];
  if (unpaid !== undefined && unpaid > 0 && !/收费通知/.test(other)) {
    out.push({
      id: 'T3-7',
      rule: 'T3-7',
      severity: 'warning',
      cells: ['a.other.unpaid.total'],
      message: `表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用”有${num(unpaid)}件，说明发出过收费通知，但“六、其他需要报告的事项”没有说明收费通知的件数和金额。`,
      actual: unpaid,
      section: 'other',
    });
  }
  const fee = statedProcessingFee(other);
  const received = (ctx.eff['a.new.total'] ?? 0) + (ctx.eff['a.carried.total'] ?? 0);
  if (fee !== undefined && fee > 0 && ctx.eff['a.new.total'] !== undefined && received <= 10) {
    out.push({
      id: 'T3-8',
      rule: 'T3-8',
      severity: 'warning',
      cells: ['a.new.total', 'a.carried.total'],
      message: `“六、其他需要报告的事项”称收取信息处理费${num(fee)}元，但全年申请只有${num(received)}件（不超过10件不按件收费），只有按量计收（超过30页）才可能收费，请核对。`,
      actual: fee,
      section: 'other',
    });
  }
  return out;
}

export function contentRules(ctx: CheckContext): Finding[] {
  return [...metadataRules(ctx), ...topicRules(ctx), ...similarityRule(ctx), ...citationRules(ctx), ...feeLinkRules(ctx)];
}
