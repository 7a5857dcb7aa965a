/**
 * The report editor: a guided wizard. Left: the steps (基本信息, 一 … 六, 检查与导出) with their
 * check status. Centre: one step. Right: the findings, always in reach. Every change is checked
 * at once (check() is synchronous) and saved within a second.
 */
import { Button, Menu, Modal, Spin } from 'antd';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DocxFontSet, LoadedReport } from '../../../core/api/contract';
import type { Finding } from '../../../core/checker/types';
import type { ReportDocument } from '../../../core/document/types';
import { CELLS, FORMAT, reportTitle, type SectionKey } from '../../../core/format';
import { getApi } from '../api';
import { clockTime } from '../common/dates';
import { useMessage } from '../common/feedback';
import HistoryDrawer from '../common/HistoryDrawer';
import { markReady } from '../common/ready';
import { useAutosave, useSaveFailure, type Saver } from './autosave';
import type { SaveStatus } from './saver';
import { BasicInfoStep } from './BasicInfoStep';
import { CheckStep } from './CheckStep';
import type { StepKey } from './findings';
import { FindingsPanel } from './FindingsPanel';
import type { ParagraphRequest } from './NarrativeEditor';
import { SectionStep } from './SectionStep';
import { EditorStore, sectionFindings } from './store';
import { useEditorStore } from './useEditorStore';
import { drawBadges, drawHeadCounts, followStepCounts } from './stepStatus';
import { setText } from '../common/dom';
import { afterNextFrame, cancelAfterNextFrame } from '../common/frames';

interface StepDef {
  readonly key: StepKey;
  readonly label: string;
  readonly numeral?: string;
}

const STEPS: readonly StepDef[] = [
  { key: 'basic', label: '基本信息' },
  ...FORMAT.sections.map((s) => ({ key: s.key as StepKey, label: s.navLabel, numeral: s.numeral })),
  { key: 'check', label: '检查与导出' },
];

const isStep = (s: string | undefined): s is StepKey => STEPS.some((x) => x.key === s);

const sectionOfTable = (tableId: string): SectionKey | undefined => FORMAT.sections.find((s) => s.table === tableId)?.key;

type FocusRequest =
  | { readonly kind: 'cell'; readonly id: string; readonly n: number }
  | { readonly kind: 'paragraph'; readonly key: string; readonly index: number; readonly n: number };

const saveText = (s: SaveStatus): string => (s.kind === 'saved' ? `已保存 ${clockTime(new Date(s.at))}` : s.kind === 'error' ? '' : '正在保存…');

/**
 * 已保存 14:32 / 正在保存… / 保存失败. The status changes on the first keystroke after every save, so
 * the text is written into the node directly; React draws the indicator again only for a failed
 * save (with its 重试 button) and when it recovers.
 */
const SaveIndicator = memo(function SaveIndicator({ saver }: { saver: Saver }) {
  const failure = useSaveFailure(saver);
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (failure) return;
    const write = (): void => {
      const s = saver.getStatus();
      const el = ref.current;
      if (!el || s.kind === 'error') return;
      const text = saveText(s);
      setText(el, text);
      if (el.dataset.state !== s.kind) el.dataset.state = s.kind;
    };
    write();
    // A keystroke after a save makes the status 正在保存…: drawn a frame after the findings.
    const off = saver.subscribe(() => afterNextFrame(write));
    return () => {
      off();
      cancelAfterNextFrame(write);
    };
  }, [saver, failure]);
  if (failure) {
    return (
      // Its own element (key): the other one holds text React does not manage.
      <span key="failed" className="save-status save-error" data-testid="save-status" data-state="error" title={failure}>
        保存失败：{failure}{' '}
        <Button size="small" onClick={() => void saver.flush()}>
          重试
        </Button>
      </span>
    );
  }
  return <span key="status" className="save-status" data-testid="save-status" ref={ref} />;
});

const EditorHeader = memo(function EditorHeader(props: { title: string; saver: Saver; onExit(): void; onHistory(): void }) {
  return (
    <header className="editor-header">
      <Button onClick={props.onExit} data-testid="back-to-library">
        ← 报告列表
      </Button>
      <h1 className="editor-title" title={props.title}>
        {props.title}
      </h1>
      <SaveIndicator saver={props.saver} />
      <Button onClick={props.onHistory} data-testid="open-history">
        历史版本
      </Button>
    </header>
  );
});

/**
 * The label of one step in the step list (an antd Menu): its name, and badges that follow the
 * step's counts through followStepCounts — drawn once by React; a keystroke that makes a finding
 * come or go re-renders nothing.
 */
const StepLabel = memo(function StepLabel(props: { step: (typeof STEPS)[number]; store: EditorStore }) {
  const { step: s, store } = props;
  const statusRef = useRef<HTMLSpanElement>(null);
  useLayoutEffect(
    () => followStepCounts(store, s.key, statusRef.current!, (el, errors, warnings) => drawBadges(el, errors, warnings, s.key !== 'check')),
    [store, s.key],
  );
  return (
    <span className="step" data-step={s.key}>
      <span className="step-label">
        {s.numeral ? <span className="step-numeral">{s.numeral}</span> : null}
        {s.label}
      </span>
      <span className="step-status" ref={statusRef} />
    </span>
  );
});

/** The wizard's steps: an antd Menu (arrow keys, Enter), the current step selected. */
const StepNav = memo(function StepNav(props: { step: StepKey; store: EditorStore; onStep(s: StepKey): void }) {
  const { store, onStep } = props;
  const items = useMemo(() => STEPS.map((s) => ({ key: s.key, label: <StepLabel step={s} store={store} /> })), [store]);
  const selected = useMemo(() => [props.step], [props.step]);
  return (
    <nav className="steps" aria-label="报告各部分">
      <Menu mode="inline" inlineIndent={12} items={items} selectedKeys={selected} onClick={({ key }) => onStep(key as StepKey)} />
    </nav>
  );
});

const StepHead = memo(function StepHead(props: { step: StepKey; store: EditorStore }) {
  const { step, store } = props;
  const section = FORMAT.sections.find((s) => s.key === step);
  const countsRef = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => (step === 'check' ? undefined : followStepCounts(store, step, countsRef.current!, drawHeadCounts)), [store, step]);
  return (
    <>
      <div className="step-head">
        <h2 className="step-heading">{step === 'check' ? '检查与导出' : section ? section.heading : '基本信息'}</h2>
        {step !== 'check' && <span className="step-head-status" data-testid="step-status" ref={countsRef} />}
      </div>
      {section && <p className="guide">{section.guide}</p>}
    </>
  );
});

const StepFooter = memo(function StepFooter(props: { step: StepKey; onStep(s: StepKey): void }) {
  const i = STEPS.findIndex((s) => s.key === props.step);
  const prev = STEPS[i - 1];
  const next = STEPS[i + 1];
  if (props.step === 'check') return null;
  return (
    <div className="step-nav">
      {prev && <Button onClick={() => props.onStep(prev.key)}>上一步</Button>}
      {next && (
        <Button type="primary" onClick={() => props.onStep(next.key)}>
          下一步
        </Button>
      )}
    </div>
  );
});

/** The steps that show the whole document subscribe to all of it (they are not on screen while typing in a table). */
function BasicInfoLive(props: { store: EditorStore; onGo(f: Finding): void }) {
  const doc = useEditorStore(props.store, (s) => s.doc);
  const findings = useEditorStore(props.store, (_, d) => sectionFindings(d, 'basic'));
  return <BasicInfoStep doc={doc} dispatch={props.store.dispatch} findings={findings} onGo={props.onGo} />;
}

function CheckLive(props: {
  store: EditorStore;
  fonts: DocxFontSet;
  onFonts(f: DocxFontSet): void;
  onGo(f: Finding): void;
  onExport(kind: 'docx' | 'xlsx' | 'json'): Promise<void>;
}) {
  const { store, ...rest } = props;
  const doc = useEditorStore(store, (s) => s.doc);
  const findings = useEditorStore(store, (_, d) => d.findings);
  return <CheckStep doc={doc} findings={findings} {...rest} />;
}

function EditorView(props: {
  loaded: LoadedReport;
  step: StepKey;
  checkNonce: number;
  onStep(step: StepKey): void;
  onExit(): void;
}) {
  const { loaded } = props;
  const api = getApi();
  const message = useMessage();
  const [modal, modalHolder] = Modal.useModal();
  // The document lives in a store outside React: each part subscribes to what it shows, so a
  // keystroke in a cell does not re-render the editor around it.
  const [store] = useState(() => new EditorStore(loaded.doc));
  const dispatch = store.dispatch;
  const id = loaded.id;
  const save = useCallback((d: ReportDocument) => api.saveReport(id, d), [api, id]);
  const saver = useAutosave(save, store, loaded.savedAt);
  const unitName = useEditorStore(store, (s) => s.doc.unit.name);
  const year = useEditorStore(store, (s) => s.doc.year);
  const touched = useEditorStore(store, (s) => s.touched);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [fonts, setFonts] = useState<DocxFontSet>('standard');
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const focusN = useRef(0);
  const step = props.step;

  useEffect(() => {
    void api.getSettings().then((r) => r.ok && setFonts(r.value.docxFonts));
  }, [api]);

  useEffect(() => {
    document.title = `${reportTitle(unitName, year)} — 年报助手`;
  }, [unitName, year]);

  useEffect(() => {
    markReady('editor');
    if (loaded.notice) modal.warning({ title: '报告已恢复', content: loaded.notice });
  }, [loaded.notice, modal]);

  // Every change is checked at once, in the store's dispatch (see store.ts): the findings are
  // shown in the same frame as the keystroke.

  const onStepRef = useRef(props.onStep);
  onStepRef.current = props.onStep;
  const goStep = useCallback(
    (s: StepKey) => {
      void saver.flush();
      onStepRef.current(s);
    },
    [saver],
  );

  // Menu: 检查与导出.
  const lastCheckNonce = useRef(props.checkNonce);
  useEffect(() => {
    if (props.checkNonce !== lastCheckNonce.current) {
      lastCheckNonce.current = props.checkNonce;
      goStep('check');
    }
  }, [props.checkNonce, goStep]);

  // Undo / redo: bring the changed cell into view.
  useEffect(() => {
    const t = touched;
    if (!t) return;
    const def = CELLS.byId.get(t.id);
    const section = def ? sectionOfTable(def.table) : undefined;
    if (section && section !== step) onStepRef.current(section);
    setFocus({ kind: 'cell', id: t.id, n: ++focusN.current });
  }, [touched]); // only when an undo/redo touched a cell

  const goToFinding = useCallback(
    (f: Finding) => {
      const n = ++focusN.current;
      if (f.section === 'basic') {
        goStep('basic');
        return;
      }
      const section = FORMAT.sections.find((s) => s.key === f.section);
      const cell = f.cells[0] ? CELLS.byId.get(f.cells[0]) : undefined;
      if (section?.table && cell && cell.table === section.table) {
        goStep(section.key);
        setFocus({ kind: 'cell', id: cell.id, n });
      } else if (f.text) {
        const target = FORMAT.sections.find((s) => s.textKey === f.text!.key) ?? section;
        if (target) goStep(target.key);
        setFocus({ kind: 'paragraph', key: f.text.key, index: f.text.paragraph, n });
      } else if (cell) {
        const s = sectionOfTable(cell.table);
        if (s) goStep(s);
        setFocus({ kind: 'cell', id: cell.id, n });
      } else if (section) {
        goStep(section.key);
        // A finding of a narrative section as a whole (no content, a topic missing): to its text.
        if (!section.table) setFocus({ kind: 'paragraph', key: section.textKey, index: -1, n });
      }
    },
    [goStep],
  );

  const explain = useCallback(
    (f: Finding, text: string | undefined) => {
      dispatch({ type: 'explain', findingId: f.id, text });
    },
    [dispatch],
  );

  const exportAs = useCallback(
    async (kind: 'docx' | 'xlsx' | 'json') => {
      const saved = await saver.flush();
      if (!saved) {
        modal.error({ title: '还没有保存', content: '最近的修改保存失败，请先处理保存问题再导出。' });
        return;
      }
      const r = kind === 'docx' ? await api.exportDocx(id, fonts) : kind === 'xlsx' ? await api.exportXlsx(id) : await api.saveReportCopy(id);
      if (!r.ok) modal.error({ title: kind === 'json' ? '保存失败' : '导出失败', content: r.error.message });
      else if (r.value) message.success(`已保存：${r.value}`);
    },
    [api, id, fonts, saver, modal, message],
  );

  const chooseFonts = useCallback(
    (f: DocxFontSet) => {
      setFonts(f);
      void api.setSettings({ docxFonts: f });
    },
    [api],
  );

  const onExitRef = useRef(props.onExit);
  onExitRef.current = props.onExit;
  const exit = useCallback(async (): Promise<void> => {
    await saver.flush();
    onExitRef.current();
  }, [saver]);

  const openHistory = useCallback(async (): Promise<void> => {
    await saver.flush();
    setHistoryOpen(true);
  }, [saver]);

  const onRestored = (r: LoadedReport): void => {
    setHistoryOpen(false);
    dispatch({ type: 'load', doc: r.doc });
  };

  const section = FORMAT.sections.find((s) => s.key === step);
  const cellRequest = useMemo(() => (focus?.kind === 'cell' ? { id: focus.id, n: focus.n } : null), [focus]);
  const paragraphRequest = useMemo<ParagraphRequest | null>(
    () => (focus?.kind === 'paragraph' && section && section.textKey === focus.key ? { index: focus.index, n: focus.n } : null),
    [focus, section],
  );
  const title = reportTitle(unitName, year);

  return (
    <div className="editor" data-screen="editor" data-report-id={id}>
      <div className="pane pane-header">
        <EditorHeader title={title} saver={saver} onExit={exit} onHistory={openHistory} />
      </div>
      <div className="pane">
        <StepNav step={step} store={store} onStep={goStep} />
      </div>

      <div className="pane">
      <main className="step-main" data-step-main={step}>
        <StepHead step={step} store={store} />
        {step === 'basic' && <BasicInfoLive store={store} onGo={goToFinding} />}
        {section && (
          <SectionStep key={section.key} section={section} store={store} cellRequest={cellRequest} paragraphRequest={paragraphRequest} onGo={goToFinding} />
        )}
        {step === 'check' && <CheckLive store={store} fonts={fonts} onFonts={chooseFonts} onGo={goToFinding} onExport={exportAs} />}
        <StepFooter step={step} onStep={goStep} />
      </main>
      </div>

      <div className="pane">
        <FindingsPanel store={store} onGo={goToFinding} onExplain={explain} />
      </div>

      {modalHolder}
      {historyOpen && <HistoryDrawer reportId={id} title={title} onClose={() => setHistoryOpen(false)} onRestored={onRestored} />}
    </div>
  );
}

/** Loads the report, then shows the editor. */
export default function Editor(props: {
  id: string;
  step?: string | undefined;
  checkNonce: number;
  onStep(step: string): void;
  onExit(): void;
}) {
  const [loaded, setLoaded] = useState<LoadedReport | { error: string } | null>(null);
  const { id } = props;

  useEffect(() => {
    let live = true;
    void getApi()
      .loadReport(id)
      .then((r) => {
        if (live) setLoaded(r.ok ? r.value : { error: r.error.message });
      });
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    if (loaded && 'error' in loaded) markReady('editor');
  }, [loaded]);

  if (!loaded) {
    return (
      <div className="screen-loading">
        <Spin />
        <span>正在打开报告…</span>
      </div>
    );
  }
  if ('error' in loaded) {
    return (
      <div className="screen-error" data-testid="load-error">
        <h2>无法打开这份报告</h2>
        <p>{loaded.error}</p>
        <Button type="primary" onClick={props.onExit}>
          返回报告列表
        </Button>
      </div>
    );
  }
  return (
    <EditorView
      loaded={loaded}
      step={isStep(props.step) ? props.step : 'basic'}
      checkNonce={props.checkNonce}
      onStep={props.onStep}
      onExit={props.onExit}
    />
  );
}
