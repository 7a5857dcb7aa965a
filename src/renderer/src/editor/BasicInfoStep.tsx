/**
 * 基本信息: the unit, the year, contact details and the publication date of this report.
 */
import { DatePicker, Input, InputNumber, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Finding } from '../../../core/checker/types';
import type { ReportDocument } from '../../../core/document/types';
import { reportTitle, UNIT_KINDS, UNIT_LEVELS, type UnitKind, type UnitLevel } from '../../../core/format';
import { daysLeftText, deadlineInfo } from '../common/dates';
import { SHORT_KIND } from '../common/labels';
import type { EditorAction } from './state';

dayjs.locale('zh-cn');


export function BasicInfoStep(props: { doc: ReportDocument; dispatch(a: EditorAction): void; findings: readonly Finding[]; onGo(f: Finding): void }) {
  const { doc, dispatch } = props;
  const contact = doc.contact ?? {};
  const deadline = deadlineInfo(doc.unit.kind, doc.year);
  const setContact = (k: 'person' | 'phone' | 'address', v: string): void => {
    const next: Record<string, string> = { ...contact };
    if (v) next[k] = v;
    else delete next[k];
    dispatch({ type: 'meta', patch: { contact: next } });
  };

  return (
    <div className="basic-info">
      <div className="report-title-preview">
        <span className="muted">报告标题：</span>
        <strong>{reportTitle(doc.unit.name || '（单位名称）', doc.year)}</strong>
      </div>
      <div className="form-grid">
        <label htmlFor="f-unit-name">单位名称</label>
        <Input
          id="f-unit-name"
          value={doc.unit.name}
          maxLength={200}
          onChange={(e) => dispatch({ type: 'meta', patch: { unit: { ...doc.unit, name: e.target.value } } })}
          data-field="unit-name"
        />

        <label>单位类型</label>
        <Radio.Group
          value={doc.unit.kind}
          optionType="button"
          onChange={(e) => dispatch({ type: 'meta', patch: { unit: { ...doc.unit, kind: e.target.value as UnitKind } } })}
          options={(Object.keys(UNIT_KINDS) as UnitKind[]).map((k) => ({ value: k, label: SHORT_KIND[k], title: UNIT_KINDS[k] }))}
        />

        <label>层级</label>
        <Select
          style={{ width: 260 }}
          allowClear
          value={doc.unit.level}
          placeholder="请选择"
          onChange={(v: UnitLevel | undefined) => {
            const unit = { name: doc.unit.name, kind: doc.unit.kind, ...(v ? { level: v } : {}) };
            dispatch({ type: 'meta', patch: { unit } });
          }}
          options={(Object.keys(UNIT_LEVELS) as UnitLevel[]).map((k) => ({ value: k, label: UNIT_LEVELS[k] }))}
        />

        <label htmlFor="f-year">报告年度</label>
        <div>
          <InputNumber
            id="f-year"
            min={2008}
            max={2100}
            precision={0}
            value={doc.year}
            onChange={(v) => typeof v === 'number' && v >= 2008 && v <= 2100 && dispatch({ type: 'meta', patch: { year: v } })}
            data-field="year"
          />{' '}
          <span className="muted">统计期限：{doc.year}年1月1日至{doc.year}年12月31日</span>
        </div>

        <label htmlFor="f-person">联系人</label>
        <Input id="f-person" style={{ width: 260 }} value={contact.person ?? ''} maxLength={100} onChange={(e) => setContact('person', e.target.value)} />

        <label htmlFor="f-phone">联系电话</label>
        <Input id="f-phone" style={{ width: 260 }} value={contact.phone ?? ''} maxLength={100} onChange={(e) => setContact('phone', e.target.value)} />

        <label htmlFor="f-address">联系地址</label>
        <Input id="f-address" value={contact.address ?? ''} maxLength={300} onChange={(e) => setContact('address', e.target.value)} />

        <label>发布日期</label>
        <div>
          <DatePicker
            value={doc.publishedAt ? dayjs(doc.publishedAt) : null}
            onChange={(d) => dispatch({ type: 'meta', patch: { publishedAt: d ? d.format('YYYY-MM-DD') : undefined } })}
            placeholder="选择日期"
            data-field="published-at"
          />{' '}
          {deadline ? (
            <span className={deadline.daysLeft < 0 ? 'text-error' : 'muted'}>
              按《条例》第四十九条，应于{deadline.text}前发布（{daysLeftText(deadline.daysLeft)}）
            </span>
          ) : (
            <span className="muted">发布期限按上级主管部门的规定</span>
          )}
        </div>
      </div>
      {props.findings.length > 0 && (
        <ul className="text-findings">
          {props.findings.map((f) => (
            <li key={f.id} className={`text-finding text-finding-${f.severity}`} data-finding-rule={f.rule}>
              <button type="button" onClick={() => props.onGo(f)}>
                {f.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
