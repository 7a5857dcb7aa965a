/**
 * 检查结果: every finding, grouped by section, in plain Chinese. A click takes the clerk to the
 * cell or paragraph. A warning can be kept with a written explanation (出错说明); an error cannot.
 *
 * React renders the panel's frame once and the explanation editor when it is open; the counts and
 * the list follow the store through FindingsView (findingsView.ts), without React renders — the
 * list changes with nearly every keystroke in a table.
 */
import { Button, Input } from 'antd';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Finding } from '../../../core/checker/types';
import { FindingsView } from './findingsView';
import type { EditorStore } from './store';

interface Edit {
  finding: Finding;
  slot: HTMLElement;
  initial: string;
}

function ExplanationEditor(props: { edit: Edit; onSave(text: string): void; onCancel(): void }) {
  const [draft, setDraft] = useState(props.edit.initial);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Once laid out (the text area sizes itself), the editor and its buttons wholly in view.
    const raf = requestAnimationFrame(() => void ref.current?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(raf);
  }, []);
  return (
    <div ref={ref} className="finding-explain-editor">
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
        <Button size="small" onClick={props.onCancel}>
          取消
        </Button>
        <Button size="small" type="primary" disabled={draft.trim() === ''} onClick={() => props.onSave(draft)} data-action="save-explanation">
          保留并保存说明
        </Button>
      </div>
    </div>
  );
}

export const FindingsPanel = memo(function FindingsPanel(props: {
  store: EditorStore;
  onGo(f: Finding): void;
  onExplain(f: Finding, text: string | undefined): void;
}) {
  const { store } = props;
  const rootRef = useRef<HTMLElement>(null);
  const errorsRef = useRef<HTMLSpanElement>(null);
  const warningsRef = useRef<HTMLSpanElement>(null);
  const explainedRef = useRef<HTMLSpanElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<FindingsView | null>(null);
  const [edit, setEdit] = useState<Edit | null>(null);
  // The handlers read the latest props through a ref, so the view is built once per store.
  const handlers = useRef(props);
  handlers.current = props;

  useLayoutEffect(() => {
    const view = new FindingsView(
      rootRef.current!,
      { errors: errorsRef.current!, warnings: warningsRef.current!, explained: explainedRef.current! },
      bodyRef.current!,
      {
        go: (f) => handlers.current.onGo(f),
        explain: (f, text) => handlers.current.onExplain(f, text),
        editing: setEdit,
      },
    );
    viewRef.current = view;
    const draw = (): void => view.update(store.getDerived().findings);
    draw();
    const unsubscribe = store.subscribe(draw);
    return () => {
      unsubscribe();
      view.dispose();
      viewRef.current = null;
    };
  }, [store]);

  const close = (): void => viewRef.current?.stopEditing();

  return (
    <aside className="findings" data-testid="findings" ref={rootRef}>
      <header className="findings-head">
        <span className="findings-title">检查结果</span>
        <span ref={errorsRef} />
        <span ref={warningsRef} />
        <span className="count count-explained" ref={explainedRef} hidden />
      </header>
      <div className="findings-body" ref={bodyRef} />
      {edit &&
        createPortal(
          <ExplanationEditor
            key={edit.finding.id}
            edit={edit}
            onCancel={close}
            onSave={(text) => {
              // The finding as it is now (its message may have changed since the editor opened).
              const f = store.getDerived().findings.find((x) => x.id === edit.finding.id) ?? edit.finding;
              handlers.current.onExplain(f, text);
              close();
            }}
          />,
          edit.slot,
        )}
    </aside>
  );
});
