/** 回收站: deleted reports, restorable. */
import { Button, Drawer, Empty, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { TrashEntry } from '../../../core/api/contract';
import { reportTitle } from '../../../core/format';
import { getApi } from '../api';
import { dateTime } from '../common/dates';
import { useMessage } from '../common/feedback';

export default function TrashDrawer(props: { open: boolean; onClose(): void; onRestored(): void }) {
  const message = useMessage();
  const [entries, setEntries] = useState<readonly TrashEntry[] | null>(null);

  useEffect(() => {
    if (!props.open) return;
    let live = true;
    setEntries(null);
    void getApi()
      .listTrash()
      .then((r) => {
        if (!live) return;
        if (r.ok) setEntries([...r.value].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt)));
        else {
          setEntries([]);
          message.error(r.error.message);
        }
      });
    return () => {
      live = false;
    };
  }, [props.open, message]);

  const restore = async (id: string): Promise<void> => {
    const r = await getApi().restoreFromTrash(id);
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    setEntries((cur) => (cur ?? []).filter((e) => e.id !== id));
    message.success(`已恢复“${reportTitle(r.value.unitName, r.value.year)}”`);
    props.onRestored();
  };

  return (
    <Drawer open={props.open} title="回收站" onClose={props.onClose} size={480}>
      <div data-testid="trash">
        <p className="muted">删除的报告放在这里，可以随时恢复。</p>
        {entries === null ? (
          <Spin />
        ) : entries.length === 0 ? (
          <Empty description="回收站是空的" />
        ) : (
          <ul className="plain-list">
            {entries.map((e) => (
              <li key={e.id} data-trash-id={e.id}>
                <span className="plain-list-main">
                  {reportTitle(e.unitName, e.year)}
                  <br />
                  <span className="muted">删除于 {dateTime(e.deletedAt)}</span>
                </span>
                <Button size="small" onClick={() => restore(e.id)}>
                  恢复
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Drawer>
  );
}
