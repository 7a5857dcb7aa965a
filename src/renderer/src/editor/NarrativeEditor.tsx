/**
 * A narrative section: the text (one paragraph per line), and beside it a live preview where a
 * paragraph starting with a 公文 sequence number （一） / 1. / （1） shows as a heading, the text
 * checks of this section, the required topics (一) with a tick when covered, and last year's text.
 */
import { Tabs } from 'antd';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Finding } from '../../../core/checker/types';
import type { Topic } from '../../../core/format';
import { splitParagraphs, type Paragraph } from '../../../core/text/paragraphs';

export interface ParagraphRequest {
  /** The paragraph to select; -1: the text as a whole (caret at the end). */
  readonly index: number;
  readonly n: number;
}

const Preview = memo(function Preview(props: { paragraphs: readonly Paragraph[]; flagged: ReadonlySet<number>; highlight: number | null }) {
  if (props.paragraphs.length === 0) return <p className="muted">（预览：在左侧输入正文后在此显示排版效果）</p>;
  return (
    <div className="preview">
      {props.paragraphs.map((p, i) => (
        <p
          key={i}
          data-paragraph={i}
          className={`para para-l${p.level}${props.flagged.has(i) ? ' para-flagged' : ''}${props.highlight === i ? ' para-highlight' : ''}`}
        >
          {p.level > 0 ? (
            <>
              <span className="para-heading">
                {p.number}
                {p.heading}
              </span>
              {p.body}
            </>
          ) : (
            p.text
          )}
        </p>
      ))}
    </div>
  );
});

/** Character range of the n-th non-empty line (the n-th paragraph). */
function paragraphRange(text: string, index: number): [number, number] | null {
  let pos = 0;
  let n = -1;
  for (const line of text.split('\n')) {
    if (line.trim() !== '') {
      n++;
      if (n === index) return [pos, pos + line.length];
    }
    pos += line.length + 1;
  }
  return null;
}

export const NarrativeEditor = memo(function NarrativeEditor(props: {
  textKey: string;
  text: string;
  onChange(text: string): void;
  /**
   * The findings shown beside the text: those of this field's paragraphs, and in a narrative
   * section those of the section as a whole (no content yet, a required topic not written about).
   */
  findings: readonly Finding[];
  topics: readonly Topic[];
  lastYear?: { year: number; text: string };
  request: ParagraphRequest | null;
  onGo(f: Finding): void;
  placeholder: string;
  compact?: boolean;
}) {
  const { text, findings, request } = props;
  const ref = useRef<HTMLTextAreaElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  const [tab, setTab] = useState<'preview' | 'last'>('preview');
  const [highlight, setHighlight] = useState<number | null>(null);
  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const flagged = useMemo(() => new Set(findings.map((f) => f.text?.paragraph ?? -1)), [findings]);
  const covered = useMemo(() => props.topics.map((t) => new RegExp(t.pattern).test(text)), [props.topics, text]);

  useLayoutEffect(() => {
    if (!request) return;
    const ta = ref.current;
    if (!ta) return;
    setTab('preview');
    ta.blur();
    if (request.index < 0) {
      // The text as a whole: the caret at its end.
      setHighlight(null);
      ta.setSelectionRange(ta.value.length, ta.value.length);
    } else {
      const range = paragraphRange(ta.value, request.index);
      setHighlight(request.index);
      if (range) ta.setSelectionRange(range[0], range[1]);
    }
    ta.focus();
  }, [request]);

  useEffect(() => {
    if (highlight === null) return;
    previewRef.current?.querySelector(`[data-paragraph="${highlight}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [highlight]);

  return (
    <div className={`narrative${props.compact ? ' narrative-compact' : ''}`}>
      <div className="narrative-left">
        <textarea
          ref={ref}
          className="narrative-text"
          value={text}
          onChange={(e) => props.onChange(e.target.value)}
          placeholder={props.placeholder}
          spellCheck={false}
          data-text={props.textKey}
          aria-label="正文"
        />
        <div className="narrative-hint muted">一行一段。段首写“（一）”“1.”“（1）”即成为相应层级的小标题。</div>
        {findings.length > 0 && (
          <ul className="text-findings" data-testid="text-findings">
            {findings.map((f) => (
              <li key={f.id} className={`text-finding text-finding-${f.severity}`} data-finding-rule={f.rule}>
                <button type="button" onClick={() => props.onGo(f)}>
                  {f.text?.paragraph !== undefined ? `第${f.text.paragraph + 1}段：` : ''}
                  {f.message}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="narrative-right">
        {props.topics.length > 0 && (
          <div className="topics" data-testid="topics">
            <div className="topics-title">须涵盖的内容</div>
            <ul>
              {props.topics.map((t, i) => (
                <li key={t.label} className={covered[i] ? 'topic topic-done' : 'topic'} data-topic={t.label} data-covered={covered[i] ? 'true' : 'false'}>
                  <span className="topic-mark" aria-hidden>
                    {covered[i] ? '✓' : '○'}
                  </span>
                  {t.label}
                </li>
              ))}
            </ul>
          </div>
        )}
        <Tabs
          className="side-tabs"
          size="small"
          activeKey={tab}
          onChange={(k) => setTab(k as 'preview' | 'last')}
          items={[
            { key: 'preview', label: '排版预览' },
            {
              key: 'last',
              label: props.lastYear ? (
                `${props.lastYear.year}年报告原文`
              ) : (
                <span title="从上年报告新建时，这里显示上年同一部分的正文">上年报告原文（无）</span>
              ),
              disabled: !props.lastYear,
            },
          ]}
        />
        <div className="side-body" ref={previewRef}>
          {tab === 'preview' ? (
            <Preview paragraphs={paragraphs} flagged={flagged} highlight={highlight} />
          ) : (
            <div className="last-year" data-testid="last-year-text">
              {(props.lastYear?.text ?? '').split('\n').map((l, i) => (
                <p key={i}>{l}</p>
              ))}
            </div>
          )}
        </div>
      </div>
    </div>
  );
});
