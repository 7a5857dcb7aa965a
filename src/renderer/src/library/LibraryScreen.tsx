/**
 * 报告列表: every report with its status and deadline, and what can be done with it.
 * On first run it asks once for the unit, then offers a new report for the current year.
 *
 * The list is a plain table styled like antd's, not antd's Table: this is the first screen, and
 * Table (with its pagination, selection and filter parts) would add ~90 KB gzip to the JavaScript
 * an old office PC must load before it (bench: initial renderer JS); dialogs, buttons, tags,
 * confirmations and menus here are antd's.
 */
import { Alert, Button, Popconfirm, Popover, Spin, Tag, Tooltip } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LibraryCommand } from '../App';
import type { CreateReportInput, ImportPreview, ReportSummary, Settings } from '../../../core/api/contract';
import type { Contact, Unit } from '../../../core/document/types';
import { reportTitle, UNIT_LEVELS } from '../../../core/format';
import { getApi } from '../api';
import { dateTime, daysLeftText, deadlineInfo, defaultReportYear } from '../common/dates';
import { useMessage } from '../common/feedback';
import { SHORT_KIND } from '../common/labels';
import { markReady } from '../common/ready';

// Dialogs and drawers are loaded when first opened: the list itself paints sooner.
const UnitDialog = lazy(() => import('./UnitDialog'));
const NewReportDialog = lazy(() => import('./NewReportDialog'));
const ImportDialog = lazy(() => import('./ImportDialog'));
const TrashDrawer = lazy(() => import('./TrashDrawer'));
const HistoryDrawer = lazy(() => import('../common/HistoryDrawer'));

function StatusCell({ r }: { r: ReportSummary }) {
  if (r.errors === 0 && r.warnings === 0) {
    return (
      <Tag color="success" data-status="ok">
        可发布
      </Tag>
    );
  }
  return (
    <span data-status={r.errors ? 'error' : 'warning'}>
      {r.errors > 0 && <Tag color="error">{r.errors} 处错误</Tag>}
      {r.warnings > 0 && <Tag color="warning">{r.warnings} 处提示</Tag>}
    </span>
  );
}

function DeadlineCell({ r }: { r: ReportSummary }) {
  const d = deadlineInfo(r.unitKind, r.year);
  if (!d) return <span className="muted">按上级规定</span>;
  // Long past: the report was most likely published then; no alarm colour for it.
  const cls = d.daysLeft < -60 ? 'muted' : d.daysLeft < 0 ? 'text-error' : d.daysLeft <= 14 && r.errors + r.warnings > 0 ? 'text-warning' : undefined;
  return (
    <span className={cls}>
      {d.text}
      <span className="deadline-days">（{daysLeftText(d.daysLeft)}）</span>
    </span>
  );
}

export function LibraryScreen(props: { onOpen(id: string): void; command: LibraryCommand | null }) {
  const message = useMessage();
  const api = getApi();
  const [problem, setProblem] = useState<{ title: string; text: string } | null>(null);
  const [exportMenu, setExportMenu] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [reports, setReports] = useState<readonly ReportSummary[] | null>(null);
  const [unitDialog, setUnitDialog] = useState<'first' | 'edit' | null>(null);
  const [newDialog, setNewDialog] = useState<{ fromId?: string } | null>(null);
  const [historyOf, setHistoryOf] = useState<ReportSummary | null>(null);
  const [trashOpen, setTrashOpen] = useState(false);
  const [importPreview, setImportPreview] = useState<ImportPreview | null>(null);
  const firstRunAsked = useRef(false);

  const refresh = useCallback(async () => {
    const r = await api.listReports();
    if (r.ok) setReports(r.value);
    else message.error(r.error.message);
  }, [api, message]);

  useEffect(() => {
    document.title = '年报助手 — 报告列表';
    let live = true;
    void (async () => {
      const [s, list] = await Promise.all([api.getSettings(), api.listReports()]);
      if (!live) return;
      if (s.ok) setSettings(s.value);
      else message.error(s.error.message);
      setReports(list.ok ? list.value : []);
      if (!list.ok) message.error(list.error.message);
      if (s.ok && !s.value.unit && !firstRunAsked.current) {
        firstRunAsked.current = true;
        setUnitDialog('first');
      }
    })();
    return () => {
      live = false;
    };
  }, [api, message]);

  const loaded = reports !== null;
  useEffect(() => {
    if (loaded) markReady('library');
  }, [loaded]);

  const sorted = useMemo(
    () => [...(reports ?? [])].sort((a, b) => b.year - a.year || b.updatedAt.localeCompare(a.updatedAt)),
    [reports],
  );

  const year = defaultReportYear();
  const unit = settings?.unit;
  const previousForNew = sorted.find((r) => r.year === year - 1 && (!unit || r.unitName === unit.name));
  const hasCurrent = unit ? sorted.some((r) => r.year === year && r.unitName === unit.name) : false;

  const saveUnit = async (u: Unit, contact: Contact): Promise<void> => {
    const r = await api.setSettings({ unit: u, contact });
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    setSettings(r.value);
    const wasFirst = unitDialog === 'first';
    setUnitDialog(null);
    if (wasFirst && (reports ?? []).length === 0) setNewDialog({});
  };

  const create = async (input: CreateReportInput): Promise<void> => {
    const r = await api.createReport(input);
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    setNewDialog(null);
    props.onOpen(r.value.id);
  };

  const openFile = useCallback(async () => {
    const r = await api.openReportFile();
    if (!r.ok) {
      setProblem({ title: '无法打开报告文件', text: r.error.message });
      return;
    }
    if (!r.value) return;
    const title = reportTitle(r.value.unitName, r.value.year);
    const listed = (reports ?? []).some((x) => x.id === r.value!.id);
    message.success(listed ? `报告列表中已有同样内容的“${title}”，已打开它` : `已打开“${title}”，并加入报告列表`);
    props.onOpen(r.value.id);
  }, [api, message, props, reports]);

  const importXlsx = async (): Promise<void> => {
    const r = await api.readXlsx();
    if (!r.ok) {
      setProblem({ title: '无法导入Excel', text: r.error.message });
      return;
    }
    if (r.value) setImportPreview(r.value);
  };

  const doImport = async (targetId: string | undefined): Promise<void> => {
    if (!importPreview) return;
    const r = await api.importDocument(importPreview.doc, targetId);
    if (!r.ok) {
      setProblem({ title: '导入失败', text: r.error.message });
      return;
    }
    setImportPreview(null);
    message.success(targetId ? '已作为新版本导入，原内容保存在历史版本中' : '已导入为新报告');
    await refresh();
  };

  const duplicate = async (r: ReportSummary): Promise<void> => {
    const d = await api.duplicateReport(r.id);
    if (!d.ok) message.error(d.error.message);
    else {
      message.success(`已复制“${reportTitle(r.unitName, r.year)}”`);
      await refresh();
    }
  };

  const remove = async (r: ReportSummary): Promise<void> => {
    const d = await api.deleteReport(r.id);
    if (!d.ok) message.error(d.error.message);
    else {
      message.success('已移到回收站，可在回收站中恢复');
      await refresh();
    }
  };

  const exportAs = async (r: ReportSummary, kind: 'docx' | 'xlsx' | 'json'): Promise<void> => {
    setExportMenu(null);
    setProblem(null);
    const result =
      kind === 'docx'
        ? await api.exportDocx(r.id, settings?.docxFonts ?? 'standard')
        : kind === 'xlsx'
          ? await api.exportXlsx(r.id)
          : await api.saveReportCopy(r.id);
    if (!result.ok) setProblem({ title: kind === 'json' ? '另存失败' : '导出失败', text: result.error.message });
    else if (result.value) message.success(`已保存：${result.value}`);
  };

  // Menu commands from the desktop app.
  const handled = useRef(0);
  useEffect(() => {
    const c = props.command;
    if (!c || c.nonce === handled.current || reports === null) return;
    handled.current = c.nonce;
    if (c.command === 'new-report') setNewDialog({});
    else void openFile();
  }, [props.command, reports, openFile]);

  return (
    <div className="library" data-screen="library">
      <header className="library-header">
        <div className="brand">
          <span className="brand-name">年报助手</span>
          <span className="brand-sub">政府信息公开工作年度报告</span>
        </div>
        <div className="library-unit">
          {unit ? (
            <>
              本单位：<strong>{unit.name}</strong>
              <span className="muted">
                （{SHORT_KIND[unit.kind]}
                {unit.level ? `，${UNIT_LEVELS[unit.level]}` : ''}）
              </span>
            </>
          ) : (
            <span className="muted">尚未填写本单位信息</span>
          )}
          <Button type="link" size="small" onClick={() => setUnitDialog('edit')} data-testid="edit-unit">
            本单位信息
          </Button>
        </div>
        <Button onClick={() => setTrashOpen(true)} data-testid="open-trash">
          回收站
        </Button>
      </header>

      <div className="library-actions">
        <Button type="primary" onClick={() => setNewDialog({})} data-testid="new-report">
          新建报告
        </Button>
        {previousForNew && !hasCurrent && (
          <Button onClick={() => setNewDialog({ fromId: previousForNew.id })} data-testid="new-from-previous">
            从{previousForNew.year}年报告新建{year}年度报告
          </Button>
        )}
        <Button onClick={openFile} data-testid="open-file">
          打开报告文件
        </Button>
        <Button onClick={importXlsx} data-testid="import-xlsx">
          导入Excel
        </Button>
      </div>

      {problem && (
        <Alert
          className="library-problem"
          type="error"
          showIcon
          title={problem.title}
          description={problem.text}
          closable={{ onClose: () => setProblem(null) }}
          data-testid="library-problem"
        />
      )}

      {reports === null ? (
        <div className="screen-loading">
          <Spin />
        </div>
      ) : sorted.length === 0 ? (
        <div className="library-empty" data-testid="library-empty">
          <p>还没有报告。</p>
          <p className="muted">新建一份报告，或打开以前保存的报告文件（.json），或导入按本软件模板填写的Excel表格。</p>
          <Button type="primary" size="large" onClick={() => setNewDialog({})} disabled={!unit}>
            新建{year}年度报告
          </Button>
          {!unit && (
            <p>
              <Button type="link" onClick={() => setUnitDialog('first')}>
                先填写本单位信息
              </Button>
            </p>
          )}
        </div>
      ) : (
        <table className="lib-table" data-testid="reports">
          <thead>
            <tr>
              <th>单位</th>
              <th style={{ width: 70 }}>年度</th>
              <th style={{ width: 190 }}>状态</th>
              <th style={{ width: 140 }}>最后修改</th>
              <th style={{ width: 220 }}>发布期限</th>
              <th style={{ width: 330 }}>操作</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} data-report-id={r.id} data-year={r.year} onDoubleClick={() => props.onOpen(r.id)}>
                <td>
                  <a
                    href={`#/report/${r.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      props.onOpen(r.id);
                    }}
                  >
                    {r.unitName}
                  </a>
                </td>
                <td>{r.year}</td>
                <td>
                  <StatusCell r={r} />
                </td>
                <td className="muted">{dateTime(r.updatedAt)}</td>
                <td>
                  <DeadlineCell r={r} />
                </td>
                <td className="row-actions">
                  <Button size="small" type="primary" onClick={() => props.onOpen(r.id)} data-action="open">
                    打开
                  </Button>
                  <Tooltip title="复制一份同样内容的报告">
                    <Button size="small" onClick={() => duplicate(r)} data-action="duplicate">
                      复制
                    </Button>
                  </Tooltip>
                  <Button size="small" onClick={() => setHistoryOf(r)} data-action="history">
                    历史版本
                  </Button>
                  <Popconfirm
                    title="移到回收站？"
                    description="删除的报告可以在回收站中恢复。"
                    okText="删除"
                    cancelText="取消"
                    onConfirm={() => remove(r)}
                  >
                    <Button size="small" danger data-action="delete">
                      删除
                    </Button>
                  </Popconfirm>
                  <Popover
                    trigger="click"
                    placement="bottomRight"
                    open={exportMenu === r.id}
                    onOpenChange={(o) => setExportMenu(o ? r.id : null)}
                    content={
                      <div className="menu-list" data-testid="export-menu" role="menu">
                        <Button type="text" block role="menuitem" onClick={() => void exportAs(r, 'docx')}>
                          导出Word
                        </Button>
                        <Button type="text" block role="menuitem" onClick={() => void exportAs(r, 'xlsx')}>
                          导出Excel
                        </Button>
                        <Button type="text" block role="menuitem" onClick={() => void exportAs(r, 'json')}>
                          另存副本（报告文件）
                        </Button>
                      </div>
                    }
                  >
                    <Button size="small" data-action="more">
                      导出 ▾
                    </Button>
                  </Popover>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <Suspense fallback={null}>
        {unitDialog !== null && (
          <UnitDialog open firstRun={unitDialog === 'first'} settings={settings} onSave={saveUnit} onCancel={() => setUnitDialog(null)} />
        )}
        {newDialog !== null && (
          <NewReportDialog
            open
            settings={settings}
            reports={sorted}
            defaultYear={year}
            {...(newDialog.fromId ? { fromId: newDialog.fromId } : {})}
            onCreate={create}
            onCancel={() => setNewDialog(null)}
            onEditUnit={() => setUnitDialog('edit')}
          />
        )}
        {historyOf && (
          <HistoryDrawer
            reportId={historyOf.id}
            title={reportTitle(historyOf.unitName, historyOf.year)}
            onClose={() => setHistoryOf(null)}
            onRestored={() => {
              setHistoryOf(null);
              void refresh();
            }}
          />
        )}
        {trashOpen && <TrashDrawer open onClose={() => setTrashOpen(false)} onRestored={() => void refresh()} />}
        {importPreview && <ImportDialog preview={importPreview} onImport={doImport} onCancel={() => setImportPreview(null)} />}
      </Suspense>
    </div>
  );
}
