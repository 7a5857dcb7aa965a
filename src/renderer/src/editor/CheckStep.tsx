/**
 * 检查与导出: what must be fixed, what may be kept with an explanation, what is complete; and the
 * exports. Exporting while errors remain lists them and asks first.
 */
import { Button, Modal, Radio } from 'antd';
import type { DocxFontSet } from '../../../core/api/contract';
import type { Finding } from '../../../core/checker/types';
import type { ReportDocument } from '../../../core/document/types';
import { FORMAT, reportTitle } from '../../../core/format';
import { countBySection, countsOf, isExplained, type StepKey } from './findings';

const STEP_TITLES: readonly { key: StepKey; title: string }[] = [
  { key: 'basic', title: '基本信息' },
  ...FORMAT.sections.map((s) => ({ key: s.key as StepKey, title: s.heading })),
];

export function CheckStep(props: {
  doc: ReportDocument;
  findings: readonly Finding[];
  fonts: DocxFontSet;
  onFonts(f: DocxFontSet): void;
  onGo(f: Finding): void;
  onExport(kind: 'docx' | 'xlsx' | 'json'): Promise<void>;
}) {
  const [modal, modalHolder] = Modal.useModal();
  const { findings } = props;
  const counts = countBySection(findings);
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning' && !isExplained(f));
  const explained = findings.filter(isExplained);
  const complete = STEP_TITLES.filter((s) => {
    const c = countsOf(counts, s.key);
    return c.errors === 0 && c.warnings === 0;
  });

  const exportWith = (kind: 'docx' | 'xlsx' | 'json'): void => {
    if (errors.length === 0 || kind === 'json') {
      void props.onExport(kind);
      return;
    }
    modal.confirm({
      title: `报告还有 ${errors.length} 处错误`,
      width: 600,
      content: (
        <div data-testid="export-errors">
          <p>有错误的报告不符合格式要求，发布前必须改正。仍要先导出一份吗？</p>
          <ul className="export-error-list">
            {errors.slice(0, 10).map((f) => (
              <li key={f.id} className="text-error">
                {f.message}
              </li>
            ))}
            {errors.length > 10 && <li>……等共 {errors.length} 处</li>}
          </ul>
        </div>
      ),
      okText: '仍然导出',
      cancelText: '返回修改',
      onOk: () => props.onExport(kind),
    });
  };

  const list = (items: readonly Finding[], cls: string) => (
    <ul className="check-list">
      {items.map((f) => (
        <li key={f.id} className={cls} data-finding-rule={f.rule}>
          <button type="button" onClick={() => props.onGo(f)}>
            {f.message}
          </button>
          {f.explanation ? <div className="finding-explanation">说明：{f.explanation}</div> : null}
        </li>
      ))}
    </ul>
  );

  const ready = errors.length === 0 && warnings.length === 0;

  return (
    <div className="check-step" data-testid="check-step">
      {modalHolder}
      <div className={`check-summary ${ready ? 'check-ready' : errors.length ? 'check-errors' : 'check-warnings'}`}>
        {ready ? (
          <strong>✓ 检查通过，可以发布。</strong>
        ) : (
          <>
            {errors.length > 0 && <span className="count count-error">{errors.length} 处错误（必须改正）</span>}
            {warnings.length > 0 && <span className="count count-warning">{warnings.length} 处提示（改正，或写明说明后保留）</span>}
            {explained.length > 0 && <span className="count count-explained">{explained.length} 处已说明</span>}
          </>
        )}
      </div>

      <div className="check-columns">
        <div className="check-col">
          {errors.length > 0 && (
            <section>
              <h4 className="text-error">错误</h4>
              {list(errors, 'check-error')}
            </section>
          )}
          {warnings.length > 0 && (
            <section>
              <h4 className="text-warning">提示</h4>
              {list(warnings, 'check-warning')}
            </section>
          )}
          {explained.length > 0 && (
            <section>
              <h4>已写明说明的提示</h4>
              {list(explained, 'check-explained')}
            </section>
          )}
        </div>
        <div className="check-col check-col-side">
          <section>
            <h4>已完成</h4>
            {complete.length === 0 ? (
              <p className="muted">还没有完成的部分。</p>
            ) : (
              <ul className="complete-list">
                {complete.map((s) => (
                  <li key={s.key}>✓ {s.title}</li>
                ))}
              </ul>
            )}
          </section>
          <section className="export-box">
            <h4>导出</h4>
            <p className="muted">文件名：{reportTitle(props.doc.unit.name, props.doc.year)}</p>
            <div className="export-fonts">
              <span>Word字体：</span>
              <Radio.Group value={props.fonts} onChange={(e) => props.onFonts(e.target.value as DocxFontSet)}>
                <Radio value="standard" title="方正小标宋简体、仿宋_GB2312、楷体_GB2312、黑体（按GB/T 9704公文格式）">
                  公文标准字体
                </Radio>
                <Radio value="common" title="宋体、仿宋、楷体、黑体（电脑上没有公文字体时用）">
                  通用字体
                </Radio>
              </Radio.Group>
            </div>
            <div className="export-buttons">
              <Button type="primary" onClick={() => exportWith('docx')} data-testid="export-docx">
                导出 Word
              </Button>
              <Button onClick={() => exportWith('xlsx')} data-testid="export-xlsx">
                导出 Excel
              </Button>
              <Button onClick={() => exportWith('json')} data-testid="export-json">
                另存为报告文件
              </Button>
            </div>
          </section>
        </div>
      </div>
    </div>
  );
}
