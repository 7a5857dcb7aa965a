import { describe, expect, it } from 'vitest';
import { quietMessages, SHOWN_MS } from '../../src/renderer/src/common/messages';

/** A stand-in for antd's message instance and for setTimeout, recording what is asked of them. */
function fakes() {
  const opened: Record<string, unknown>[] = [];
  const destroyed: unknown[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const api = {
    open: (args: Record<string, unknown>) => void opened.push(args),
    destroy: (key: string) => void destroyed.push(key),
  };
  return { api, opened, destroyed, timers, later: (run: () => void, ms: number) => timers.push({ run, ms }) };
}

describe('quietMessages', () => {
  it('opens each message without antd\'s per-frame timer and closes it after its time', () => {
    const f = fakes();
    const m = quietMessages(f.api, f.later);
    m.success('已保存：a.docx');
    m.error('无法读取文件');
    // duration 0: antd starts no closing timer (its timer re-renders on every animation frame).
    const [k1, k2] = f.opened.map((o) => o.key);
    expect(f.opened).toEqual([
      { key: k1, type: 'success', content: '已保存：a.docx', duration: 0 },
      { key: k2, type: 'error', content: '无法读取文件', duration: 0 },
    ]);
    expect(k1).not.toBe(k2);
    expect(f.timers.map((t) => t.ms)).toEqual([SHOWN_MS.success, SHOWN_MS.error]);
    expect(SHOWN_MS.error).toBeGreaterThan(SHOWN_MS.success);
    expect(f.destroyed).toEqual([]);
    f.timers[1]!.run();
    expect(f.destroyed).toEqual([k2]);
    f.timers[0]!.run();
    expect(f.destroyed).toEqual([k2, k1]);
  });

  it('gives every message its own key, also across instances, so closing one never closes a later one', () => {
    const f = fakes();
    const a = quietMessages(f.api, f.later);
    const b = quietMessages(f.api, f.later);
    a.success('已复制');
    a.success('已复制');
    b.success('已复制');
    expect(new Set(f.opened.map((o) => o.key)).size).toBe(3);
  });
});
