/**
 * 检查结果: every finding, grouped by section, in plain Chinese. A click takes the clerk to the
 * cell or paragraph. A warning can be kept with a written explanation (出错说明); an error cannot.
 */
import { Button, Input } from 'antd';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Finding } from '../../../core/checker/types';
import { FORMAT } from '../../../core/format';
import { countBySection, isExplained, type StepKey } from './findings';
import { sameFindings } from './store';

const GROUPS: readonly { key: StepKey; title: string }[] = [
  { key: 'basic', title: '基本信息' },
  ...FORMAT.sections.map((s) => ({ key: s.key as StepKey, title: s.heading })),
];

const SHOWN_PER_GROUP = 30;

/**
 * Where items read their current finding: the list is re-rendered only when findings come or go
 * (or change severity or explanation); a message that follows the numbers is written into its
 * item directly, without a React render (typing in a table changes a message with nearly every
 * keystroke).
 */
export interface LiveFindings {
  subscribeFinding(id: string, cb: () => void): () => void;
  finding(id: string): Finding | undefined;
}

/** Write a finding's message and quoted text into its nodes, touching only what differs. */
function writeMessage(msg: HTMLElement | null, excerpt: HTMLElement | null, f: Finding): void {
  if (msg && msg.textContent !== f.message) msg.textContent = f.message;
  const quoted = f.text?.excerpt ? `“${f.text.excerpt}”` : '';
  if (excerpt && excerpt.textContent !== quoted) excerpt.textContent = quoted;
}

interface ItemProps {
  finding: Finding;
  live: LiveFindings | undefined;
  onGo(f: Finding): void;
  onExplain(f: Finding, text: string | undefined): void;
}

/** Findings are new objects after every check: compare what is shown. */
const sameItem = (a: ItemProps, b: ItemProps): boolean =>
  a.onGo === b.onGo &&
  a.onExplain === b.onExplain &&
  a.live === b.live &&
  a.finding.id === b.finding.id &&
  a.finding.message === b.finding.message &&
  a.finding.severity === b.finding.severity &&
  a.finding.explanation === b.finding.explanation &&
  a.finding.rule === b.finding.rule &&
  a.finding.text?.excerpt === b.finding.text?.excerpt;

const FindingItem = memo(function FindingItem(props: ItemProps) {
  const { live } = props;
  const f = props.finding;
  const current = (): Finding => live?.finding(f.id) ?? f;
  const msgRef = useRef<HTMLSpanElement>(null);
  const excerptRef = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const write = (): void => writeMessage(msgRef.current, excerptRef.current, live?.finding(f.id) ?? f);
    write();
    return live?.subscribeFinding(f.id, write);
  }, [live, f]);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const explained = isExplained(f);
  const editorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (editing) editorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [editing]);
  const cls = f.severity === 'error' ? 'finding finding-error' : f.severity === 'warning' ? (explained ? 'finding finding-explained' : 'finding finding-warning') : 'finding finding-info';
  return (
    <li className={cls} data-finding-rule={f.rule} data-finding-id={f.id} data-severity={f.severity}>
      <button type="button" className="finding-msg" onClick={() => props.onGo(current())} title="点击转到相应位置">
        <span className="finding-icon" aria-hidden>
          {f.severity === 'error' ? '●' : f.severity === 'warning' ? (explained ? '✓' : '▲') : 'ⓘ'}
        </span>
        {/* Message and quoted text are written by writeMessage (React renders no text here). */}
        <span>
          <span ref={msgRef} />
          <span className="finding-excerpt" ref={excerptRef} />
        </span>
      </button>
      {f.severity === 'warning' && !editing && (
        <div className="finding-explain">
          {explained ? (
            <>
              <div className="finding-explanation">说明：{f.explanation}</div>
              <Button
                size="small"
                type="link"
                onClick={() => {
                  setDraft(f.explanation ?? '');
                  setEditing(true);
                }}
              >
                修改说明
              </Button>
              <Button size="small" type="link" onClick={() => props.onExplain(current(), undefined)}>
                撤销保留
              </Button>
            </>
          ) : (
            <Button
              size="small"
              type="link"
              onClick={() => {
                setDraft('');
                setEditing(true);
              }}
              data-action="explain"
            >
              确认无误，写明说明…
            </Button>
          )}
        </div>
      )}
      {editing && (
        <div className="finding-explain-edit" ref={editorRef}>
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={1000}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="写明为什么这样填是对的，例如：本年废止的文件中有2件是上年以前制发的。"
            data-field="explanation"
          />
          <div className="finding-explain-buttons">
            <Button size="small" onClick={() => setEditing(false)}>
              取消
            </Button>
            <Button
              size="small"
              type="primary"
              disabled={draft.trim() === ''}
              onClick={() => {
                props.onExplain(current(), draft);
                setEditing(false);
              }}
              data-action="save-explanation"
            >
              保留并保存说明
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}, sameItem);

/** Memoised: a group whose findings show the same (sameFindings keeps the list) does not re-render. */
const Group = memo(function Group(props: {
  title: string;
  items: readonly Finding[];
  live: LiveFindings | undefined;
  onGo(f: Finding): void;
  onExplain(f: Finding, t: string | undefined): void;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? props.items : props.items.slice(0, SHOWN_PER_GROUP);
  return (
    <section className="findings-group">
      <h4>{props.title}</h4>
      <ul>
        {shown.map((f) => (
          <FindingItem key={f.id} finding={f} live={props.live} onGo={props.onGo} onExplain={props.onExplain} />
        ))}
      </ul>
      {props.items.length > shown.length && (
        <Button size="small" type="link" onClick={() => setAll(true)}>
          显示其余 {props.items.length - shown.length} 条
        </Button>
      )}
    </section>
  );
});

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export const FindingsPanel = memo(function FindingsPanel(props: {
  findings: readonly Finding[];
  /** Items follow their own messages here, so a message change does not re-render the list. */
  live?: LiveFindings;
  onGo(f: Finding): void;
  onExplain(f: Finding, text: string | undefined): void;
}) {
  const { findings } = props;
  const counts = countBySection(findings);
  let errors = 0;
  let warnings = 0;
  let explained = 0;
  for (const c of counts.values()) {
    errors += c.errors;
    warnings += c.warnings;
    explained += c.explained;
  }
  const byGroup = new Map<StepKey, Finding[]>();
  for (const f of findings) {
    const list = byGroup.get(f.section) ?? [];
    list.push(f);
    byGroup.set(f.section, list);
  }
  // Each group's list keeps its identity while it shows the same, so unchanged groups skip rendering.
  const prevGroups = useRef<ReadonlyMap<StepKey, readonly Finding[]>>(new Map());
  const groups = new Map<StepKey, readonly Finding[]>();
  for (const [k, list] of byGroup) {
    list.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || Number(isExplained(a)) - Number(isExplained(b)));
    groups.set(k, sameFindings(prevGroups.current.get(k), list));
  }
  useEffect(() => {
    prevGroups.current = groups;
  });
  return (
    <aside className="findings" data-testid="findings" data-errors={errors} data-warnings={warnings}>
      <header className="findings-head">
        <span className="findings-title">检查结果</span>
        <span className={errors ? 'count count-error' : 'count count-zero'}>{errors} 错误</span>
        <span className={warnings ? 'count count-warning' : 'count count-zero'}>{warnings} 提示</span>
        {explained > 0 && <span className="count count-explained">{explained} 已说明</span>}
      </header>
      <div className="findings-body">
        {findings.length === 0 ? (
          <p className="findings-none">✓ 没有发现问题</p>
        ) : (
          GROUPS.filter((g) => byGroup.has(g.key)).map((g) => (
            <Group key={g.key} title={g.title} items={groups.get(g.key)!} live={props.live} onGo={props.onGo} onExplain={props.onExplain} />
          ))
        )}
      </div>
    </aside>
  );
});
