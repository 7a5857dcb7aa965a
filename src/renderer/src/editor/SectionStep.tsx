/**
 * One section of the report (一 … 六): its official heading, what the format requires, and either
 * the narrative editor or the official table (with an optional lead paragraph above it).
 */
import { useCallback, useMemo } from 'react';
import type { Finding } from '../../../core/checker/types';
import type { Cells, ReportDocument } from '../../../core/document/types';
import type { SectionDef } from '../../../core/format';
import { Grid, type CellMark } from './grid/Grid';
import { NarrativeEditor, type ParagraphRequest } from './NarrativeEditor';
import type { EditorAction } from './state';

const NO_TOPICS: readonly never[] = [];

export function SectionStep(props: {
  section: SectionDef;
  doc: ReportDocument;
  shown: Readonly<Record<string, number>>;
  marks: ReadonlyMap<string, CellMark>;
  findings: readonly Finding[];
  dispatch(a: EditorAction): void;
  canUndo: boolean;
  canRedo: boolean;
  cellRequest: { id: string; n: number } | null;
  paragraphRequest: ParagraphRequest | null;
  onGo(f: Finding): void;
}) {
  const { section, doc, dispatch } = props;
  const key = section.textKey;
  const text = doc.text[key] ?? '';
  const textFindings = useMemo(() => props.findings.filter((f) => f.text && f.text.key === key), [props.findings, key]);
  const topics = useMemo(
    () => (section.topics ? [...section.topics, ...(doc.unit.kind === 'government' ? (section.governmentTopics ?? []) : [])] : NO_TOPICS),
    [section, doc.unit.kind],
  );
  const last = doc.lastYear?.text?.[key];
  const lastYearNumber = doc.lastYear?.year;
  const lastYear = useMemo(() => (lastYearNumber && last ? { year: lastYearNumber, text: last } : undefined), [lastYearNumber, last]);
  const onText = useCallback((value: string): void => dispatch({ type: 'text', key, value }), [dispatch, key]);

  if (!section.table) {
    return (
      <NarrativeEditor
        key={key}
        textKey={key}
        text={text}
        onChange={onText}
        findings={textFindings}
        topics={topics}
        {...(lastYear ? { lastYear } : {})}
        request={props.paragraphRequest}
        onGo={props.onGo}
        placeholder={`在此输入“${section.heading}”的正文，一行一段。`}
      />
    );
  }

  return (
    <div className="table-step">
      <details className="lead-text" open={text !== '' || textFindings.length > 0 || props.paragraphRequest !== null}>
        <summary>表格前的说明文字（可选）{text ? `：${text.slice(0, 40)}${text.length > 40 ? '…' : ''}` : ''}</summary>
        <NarrativeEditor
          key={key}
          textKey={key}
          text={text}
          onChange={onText}
          findings={textFindings}
          topics={NO_TOPICS}
          {...(lastYear ? { lastYear } : {})}
          request={props.paragraphRequest}
          onGo={props.onGo}
          placeholder="有些单位在表格前写一小段说明，例如本年度主动公开信息的总体情况。不需要可留空。"
          compact
        />
      </details>
      <Grid
        tableId={section.table}
        docCells={doc.cells as Cells}
        shown={props.shown}
        marks={props.marks}
        dispatch={dispatch}
        canUndo={props.canUndo}
        canRedo={props.canRedo}
        focusRequest={props.cellRequest}
      />
    </div>
  );
}
