/**
 * 导入Excel: what was read from the workbook, and — when the library already holds a report of the
 * same unit and year — whether it becomes a new version of that report or a separate report.
 */
import { Alert, Button, Modal } from 'antd';
import { useState } from 'react';
import type { ImportPreview } from '../../../core/api/contract';
import { reportTitle } from '../../../core/format';

export default function ImportDialog(props: {
  preview: ImportPreview | null;
  onImport(asVersionOf: string | undefined): Promise<void>;
  onCancel(): void;
}) {
  const { preview } = props;
  const [busy, setBusy] = useState<'version' | 'new' | null>(null);
  const run = async (kind: 'version' | 'new'): Promise<void> => {
    setBusy(kind);
    try {
      await props.onImport(kind === 'version' ? preview?.existingId : undefined);
    } finally {
      setBusy(null);
    }
  };
  if (!preview) return null;
  const errors = preview.findings.filter((f) => f.severity === 'error');
  const filled = Object.keys(preview.doc.cells).length;
  return (
    <Modal
      open
      title="导入Excel"
      onCancel={props.onCancel}
      width={600}
      footer={[
        <Button key="cancel" onClick={props.onCancel}>
          取消
        </Button>,
        preview.existingId ? (
          <Button key="new" loading={busy === 'new'} onClick={() => run('new')}>
            另建新报告
          </Button>
        ) : null,
        <Button
          key="ok"
          type="primary"
          loading={busy !== null && busy !== 'new'}
          onClick={() => run(preview.existingId ? 'version' : 'new')}
          data-testid="import-confirm"
        >
          {preview.existingId ? '作为新版本导入' : '导入'}
        </Button>,
      ]}
    >
      <div data-testid="import-dialog">
        <p>
          文件“{preview.fileName}”：{reportTitle(preview.doc.unit.name, preview.doc.year)}，读到 {filled} 个数据。
        </p>
        {preview.existingId && (
          <Alert
            type="info"
            showIcon
            title="报告列表中已有同一单位、同一年度的报告"
            description="“作为新版本导入”会用表格中的内容替换它，原来的内容保存为历史版本，可以恢复；“另建新报告”则保留原报告，另外新建一份。"
          />
        )}
        {preview.findings.length > 0 && (
          <div className="import-findings">
            <p>
              导入时发现 {preview.findings.length} 个问题{errors.length ? `（其中 ${errors.length} 个错误）` : ''}，导入后会在检查结果中列出：
            </p>
            <ul>
              {preview.findings.slice(0, 8).map((f) => (
                <li key={f.id} className={f.severity === 'error' ? 'text-error' : 'text-warning'}>
                  {f.message}
                </li>
              ))}
              {preview.findings.length > 8 && <li>……等共 {preview.findings.length} 个</li>}
            </ul>
          </div>
        )}
      </div>
    </Modal>
  );
}
