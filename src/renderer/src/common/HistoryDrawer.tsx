/**
 * 历史版本: the saved versions of one report, newest first; any can be made current again (the
 * current one then becomes a version itself, so nothing is lost).
 */
import { Button, Drawer, Empty, Popconfirm, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { HistoryEntry, LoadedReport } from '../../../core/api/contract';
import { getApi, isDesktop } from '../api';
import { dateTime } from './dates';
import { useMessage } from './feedback';

/** What the history keeps: the desktop library's policy, or the browser version's smaller one. */
const HISTORY_POLICY = (): string =>
  isDesktop() ? '最近一小时内的每次自动保存都留有可恢复的版本，更早的每天至少保留一个。' : '每分钟至多保留一个版本，最多保留最近100个（浏览器版）。';

export default function HistoryDrawer(props: {
  reportId: string | null;
  title: string;
  onClose(): void;
  /** Called after a version was restored; flush pending edits before opening the drawer. */
  onRestored(report: LoadedReport): void;
}) {
  const message = useMessage();
  const [entries, setEntries] = useState<readonly HistoryEntry[] | null>(null);
  const { reportId } = props;

  useEffect(() => {
    if (!reportId) return;
    let live = true;
    setEntries(null);
    void getApi()
      .listHistory(reportId)
      .then((r) => {
        if (!live) return;
        if (r.ok) setEntries(r.value);
        else {
          setEntries([]);
          message.error(r.error.message);
        }
      });
    return () => {
      live = false;
    };
  }, [reportId, message]);

  const restore = async (versionId: string): Promise<void> => {
    if (!reportId) return;
    const r = await getApi().restoreVersion(reportId, versionId);
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    message.success('已恢复到所选版本；恢复前的内容已保存为历史版本。');
    props.onRestored(r.value);
  };

  return (
    <Drawer open={reportId !== null} title={`历史版本 — ${props.title}`} onClose={props.onClose} size={460} destroyOnHidden>
      <div data-testid="history">
        <p className="muted">{HISTORY_POLICY()}恢复旧版本不会丢失当前内容。</p>
        {entries === null ? (
          <Spin />
        ) : entries.length === 0 ? (
          <Empty description="还没有历史版本" />
        ) : (
          <ul className="plain-list">
            {entries.map((e) => (
              <li key={e.versionId} data-version={e.versionId}>
                <span className="plain-list-main">{dateTime(e.savedAt)}</span>
                <span className="muted">{(e.bytes / 1024).toFixed(1)} KB</span>
                <Popconfirm title="恢复到这个版本？" description="当前内容会先保存为一个历史版本。" okText="恢复" cancelText="取消" onConfirm={() => restore(e.versionId)}>
                  <Button size="small">恢复此版本</Button>
                </Popconfirm>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Drawer>
  );
}
