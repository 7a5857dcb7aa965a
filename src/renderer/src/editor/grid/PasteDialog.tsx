/**
 * Shown when a pasted block holds values that cannot go into the table: each refused value, where
 * it would have gone and why. Nothing has changed yet; the clerk pastes the valid part or cancels.
 */
import { Button, Modal } from 'antd';
import type { PastePlan } from './paste';

export function PasteDialog(props: { plan: PastePlan | null; onConfirm(): void; onCancel(): void }) {
  const { plan } = props;
  if (!plan) return null;
  const n = plan.accepted.length;
  return (
    <Modal
      open
      title={`有 ${plan.refused.length} 个值不能粘贴`}
      width={720}
      onCancel={props.onCancel}
      footer={[
        <Button key="cancel" onClick={props.onCancel} data-testid="paste-cancel">
          取消，不粘贴
        </Button>,
        <Button key="ok" type="primary" disabled={n === 0} onClick={props.onConfirm} data-testid="paste-confirm" autoFocus>
          只粘贴其余 {n} 个数
        </Button>,
      ]}
    >
      <div data-testid="paste-refusal">
        <p>表格里只能填写不小于0的整数（收费金额可带最多4位小数，单位万元）。下列内容不符合，表格尚未做任何改动：</p>
        <div className="paste-table-wrap">
          <table className="paste-table">
            <thead>
              <tr>
                <th>粘贴的内容</th>
                <th>将填入的位置</th>
                <th>原因</th>
              </tr>
            </thead>
            <tbody>
              {plan.refused.map((r, i) => (
                <tr key={i} data-refused-cell={r.id ?? ''}>
                  <td className="paste-raw">{r.raw === '' ? '（空）' : r.raw}</td>
                  <td>{r.where}</td>
                  <td className="text-error">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">
          {n > 0 ? `其余 ${n} 个数可以粘贴。` : '没有可以粘贴的数。'}
          {plan.skipped.length > 0 ? `另有 ${plan.skipped.length} 个值落在“总计”单元格上，总计由软件自动计算，将跳过。` : ''}
          请在原表中改正后重新复制，或先粘贴其余的数，再手工填写这些单元格。
        </p>
      </div>
    </Modal>
  );
}
