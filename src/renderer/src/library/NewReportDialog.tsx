/**
 * 新建报告: a blank report for a year (the unit from 本单位信息), or one started from last year's
 * report — only a report of the year before can be the base: it carries its unit and 上年结转.
 */
import { Alert, Button, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { CreateReportInput, ReportSummary, Settings } from '../../../core/api/contract';
import { reportTitle } from '../../../core/format';

type Mode = 'blank' | 'previous';

export default function NewReportDialog(props: {
  open: boolean;
  settings: Settings | null;
  reports: readonly ReportSummary[];
  defaultYear: number;
  /** Preselect “from last year” with this report. */
  fromId?: string;
  onCreate(input: CreateReportInput): Promise<void>;
  onCancel(): void;
  onEditUnit(): void;
}) {
  const { open, settings, reports, defaultYear } = props;
  const [year, setYear] = useState(defaultYear);
  const [mode, setMode] = useState<Mode>('blank');
  const [fromId, setFromId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  /** The mode went to blank because the year had no base: back to "from last year" when it has one again. */
  const [autoBlank, setAutoBlank] = useState(false);

  const unit = settings?.unit;

  /** The reports that can be the base of a `y` report: those of the year before, this unit's first. */
  const previousOf = (y: number): ReportSummary[] =>
    reports
      .filter((r) => r.year === y - 1)
      .sort((a, b) => Number(b.unitName === unit?.name) - Number(a.unitName === unit?.name) || a.unitName.localeCompare(b.unitName));

  /** The base to preselect for a `y` report: last year's report of this unit (another unit's is only offered). */
  const ownPrevious = (y: number): ReportSummary | undefined => {
    const first = previousOf(y)[0];
    return first && (!unit || first.unitName === unit.name) ? first : undefined;
  };

  useEffect(() => {
    if (!open) return;
    const given = props.fromId ? reports.find((r) => r.id === props.fromId) : undefined;
    const y = given ? given.year + 1 : defaultYear;
    const prev = given ?? ownPrevious(y);
    setYear(y);
    setMode(prev ? 'previous' : 'blank');
    setFromId(prev?.id ?? previousOf(y)[0]?.id);
    setAutoBlank(false);
  }, [open]); // reset only when the dialog opens

  const candidates = useMemo(() => previousOf(year), [reports, year, unit?.name]);
  const base = mode === 'previous' ? candidates.find((r) => r.id === fromId) : undefined;
  /** The new report's unit name: last year's report's, or 本单位信息's for a blank one. */
  const unitName = mode === 'previous' ? base?.unitName : unit?.name;
  const duplicate = unitName !== undefined ? reports.find((r) => r.year === year && r.unitName === unitName) : undefined;
  const ready = mode === 'previous' ? base !== undefined : unit !== undefined;

  const changeYear = (y: number): void => {
    setYear(y);
    // The base must be of the year before the new one (this unit's first: previousOf).
    const next = previousOf(y)[0];
    setFromId(next?.id);
    if (!next && mode === 'previous') {
      setMode('blank');
      setAutoBlank(true);
    } else if (next && autoBlank) {
      setMode('previous');
      setAutoBlank(false);
    }
  };

  const create = async (): Promise<void> => {
    setBusy(true);
    try {
      const contact = settings?.contact ? { contact: settings.contact } : {};
      const input: CreateReportInput | undefined =
        mode === 'previous' ? (base ? { year, fromId: base.id, ...contact } : undefined) : unit ? { unit, year, ...contact } : undefined;
      if (input) await props.onCreate(input);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建报告"
      onCancel={props.onCancel}
      width={560}
      footer={[
        <Button key="cancel" onClick={props.onCancel}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!ready} onClick={create} data-testid="create-report">
          新建{year}年度报告
        </Button>,
      ]}
    >
      <div className="form-rows" data-testid="new-report-dialog">
        <div className="form-row">
          <label>单位</label>
          <div data-testid="new-report-unit">
            {mode === 'previous' ? (
              base ? (
                <>
                  <strong>{base.unitName}</strong> <span className="muted">（沿用上年报告）</span>
                </>
              ) : (
                <span className="muted">随所选上年报告</span>
              )
            ) : (
              <>
                {unit ? <strong>{unit.name}</strong> : <span className="muted">尚未填写本单位信息</span>}{' '}
                <Button type="link" size="small" onClick={props.onEditUnit}>
                  修改本单位信息
                </Button>
              </>
            )}
          </div>
        </div>
        <div className="form-row">
          <label htmlFor="new-report-year">年度</label>
          <div>
            <InputNumber
              id="new-report-year"
              min={2008}
              max={2100}
              precision={0}
              value={year}
              onChange={(v) => {
                if (typeof v === 'number') changeYear(v);
              }}
              data-field="year"
            />{' '}
            <span className="muted">统计期限为该年1月1日至12月31日</span>
          </div>
        </div>
        <div className="form-row">
          <label>方式</label>
          <Radio.Group
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as Mode);
              setAutoBlank(false);
            }}
            orientation="vertical"
          >
            <Radio value="blank" data-testid="mode-blank">
              空白报告
            </Radio>
            <Radio value="previous" disabled={candidates.length === 0} data-testid="mode-previous">
              从上年报告新建（沿用单位，带入上年结转、现行有效件数，上年正文可作参考）
              {candidates.length === 0 && <span className="muted">：报告列表中没有{year - 1}年度的报告</span>}
            </Radio>
          </Radio.Group>
        </div>
        {mode === 'previous' && (
          <div className="form-row">
            <label>上年报告</label>
            <Select
              style={{ width: '100%' }}
              value={fromId}
              onChange={setFromId}
              placeholder={`选择${year - 1}年度的报告`}
              options={candidates.map((r) => ({ value: r.id, label: reportTitle(r.unitName, r.year) }))}
              data-testid="from-report"
            />
          </div>
        )}
        {duplicate && (
          <Alert type="warning" showIcon title={`报告列表中已有“${reportTitle(duplicate.unitName, duplicate.year)}”，一般只需打开它继续填写。`} />
        )}
      </div>
    </Modal>
  );
}
