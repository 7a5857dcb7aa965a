/**
 * One section of the report (一 … 六): its official heading, what the format requires, and either
 * the narrative editor or the official table (with an optional lead paragraph above it).
 */
import { useCallback, useMemo } from 'react';
import type { Finding } from '../../../core/checker/types';
import type { SectionDef } from '../../../core/format';
import { Grid } from './grid/Grid';
import { NarrativeEditor, type ParagraphRequest } from './NarrativeEditor';
import type { StepKey } from './findings';
import { sameFindings, sectionFindings, type Derived, type EditorStore } from './store';
import { useEditorStore } from './useEditorStore';

const NO_TOPICS: readonly never[] = [];

/**
 * A selector of the findings shown beside a section's text, the same array while they show the
 * same: those of the text's paragraphs and, with `whole` (a narrative section), those of the
 * section as a whole — no content yet, a required topic missing — which name no cell or paragraph.
 */
function textFindingsOf(section: SectionDef['key'], key: SectionDef['textKey'], whole: boolean): (s: unknown, d: Derived) => readonly Finding[] {
  let src: readonly Finding[] | undefined;
  let out: readonly Finding[] | undefined;
  return (_, d) => {
    const all = sectionFindings(d, section as StepKey);
    if (all !== src || !out) {
      src = all;
      out = sameFindings(
        out,
        all.filter((f) => (f.text ? f.text.key === key : whole && f.cells.length === 0)),
      );
    }
    return out;
  };
}

export function SectionStep(props: {
  section: SectionDef;
  store: EditorStore;
  cellRequest: { id: string; n: number } | null;
  paragraphRequest: ParagraphRequest | null;
  onGo(f: Finding): void;
}) {
  const { section, store } = props;
  const { dispatch } = store;
  const key = section.textKey;
  const text = useEditorStore(store, (s) => s.doc.text[key] ?? '');
  const unitKind = useEditorStore(store, (s) => s.doc.unit.kind);
  const last = useEditorStore(store, (s) => s.doc.lastYear?.text?.[key]);
  const lastYearNumber = useEditorStore(store, (s) => s.doc.lastYear?.year);
  // Only the section's text findings are selected, and they keep their identity while unchanged
  // (a keystroke in the table changes the section's table findings, not these): typing in the
  // table re-renders neither this step nor the narrative editor.
  const textFindings = useEditorStore(store, useMemo(() => textFindingsOf(section.key, key, !section.table), [section.key, key, section.table]));
  const topics = useMemo(
    () => (section.topics ? [...section.topics, ...(unitKind === 'government' ? (section.governmentTopics ?? []) : [])] : NO_TOPICS),
    [section, unitKind],
  );
  const lastYear = useMemo(() => (lastYearNumber && last ? { year: lastYearNumber, text: last } : undefined), [lastYearNumber, last]);
  const onText = useCallback((value: string): void => dispatch({ type: 'text', key, value }), [dispatch, key]);

  // What the section's own narrative and a table section's lead text have in common.
  const editorProps = {
    textKey: key,
    text,
    onChange: onText,
    findings: textFindings,
    ...(lastYear ? { lastYear } : {}),
    request: props.paragraphRequest,
    onGo: props.onGo,
  };

  if (!section.table) {
    return <NarrativeEditor key={key} {...editorProps} topics={topics} placeholder={`在此输入“${section.heading}”的正文，一行一段。`} />;
  }

  return (
    <div className="table-step">
      <details className="lead-text" open={text !== '' || textFindings.length > 0 || props.paragraphRequest !== null}>
        <summary>表格前的说明文字（可选）{text ? `：${text.slice(0, 40)}${text.length > 40 ? '…' : ''}` : ''}</summary>
        <NarrativeEditor
          key={key}
          {...editorProps}
          topics={NO_TOPICS}
          placeholder="有些单位在表格前写一小段说明，例如本年度主动公开信息的总体情况。不需要可留空。"
          compact
        />
      </details>
      <Grid tableId={section.table} store={store} focusRequest={props.cellRequest} />
    </div>
  );
}
