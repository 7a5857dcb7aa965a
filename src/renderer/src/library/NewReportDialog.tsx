/**
 * 新建报告: a blank report for a year, or one started from last year's (which carries 上年结转).
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

  const unit = settings?.unit;

  const bestPrevious = (y: number): ReportSummary | undefined =>
    reports.find((r) => r.year === y - 1 && r.unitName === unit?.name) ?? reports.find((r) => r.year === y - 1);

  useEffect(() => {
    if (!open) return;
    setYear(defaultYear);
    const prev = props.fromId ? reports.find((r) => r.id === props.fromId) : bestPrevious(defaultYear);
    setMode(prev ? 'previous' : 'blank');
    setFromId(prev?.id);
  }, [open]); // reset only when the dialog opens

  const sorted = useMemo(() => [...reports].sort((a, b) => b.year - a.year || a.unitName.localeCompare(b.unitName)), [reports]);
  const duplicate = unit ? reports.find((r) => r.year === year && r.unitName === unit.name) : undefined;

  const create = async (): Promise<void> => {
    if (!unit) return;
    setBusy(true);
    try {
      const input: CreateReportInput = {
        unit,
        year,
        ...(settings?.contact ? { contact: settings.contact } : {}),
        ...(mode === 'previous' && fromId ? { fromId } : {}),
      };
      await props.onCreate(input);
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
        <Button key="ok" type="primary" loading={busy} disabled={!unit || (mode === 'previous' && !fromId)} onClick={create} data-testid="create-report">
          新建{year}年度报告
        </Button>,
      ]}
    >
      <div className="form-rows" data-testid="new-report-dialog">
        <div className="form-row">
          <label>单位</label>
          <div>
            {unit ? <strong>{unit.name}</strong> : <span className="muted">尚未填写本单位信息</span>}{' '}
            <Button type="link" size="small" onClick={props.onEditUnit}>
              修改本单位信息
            </Button>
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
                if (typeof v !== 'number') return;
                setYear(v);
                if (mode === 'previous' && !fromId) setFromId(bestPrevious(v)?.id);
              }}
              data-field="year"
            />{' '}
            <span className="muted">统计期限为该年1月1日至12月31日</span>
          </div>
        </div>
        <div className="form-row">
          <label>方式</label>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} orientation="vertical">
            <Radio value="blank" data-testid="mode-blank">
              空白报告
            </Radio>
            <Radio value="previous" disabled={reports.length === 0} data-testid="mode-previous">
              从上年报告新建（带入上年结转、现行有效件数，上年正文可作参考）
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
              placeholder="选择作为基础的报告"
              options={sorted.map((r) => ({ value: r.id, label: reportTitle(r.unitName, r.year) }))}
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
