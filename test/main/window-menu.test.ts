import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from '../../src/core/api/contract';
import { buildMenuTemplate } from '../../src/main/menu';
import { placeWindow } from '../../src/main/windowState';

type Item = { label?: string; role?: string; type?: string; click?: () => void; submenu?: Item[] };

describe('window placement', () => {
  const primary = { x: 0, y: 0, width: 1366, height: 728 };
  const second = { x: 1366, y: 0, width: 1920, height: 1040 };

  it('first run: a default size that fits the screen', () => {
    expect(placeWindow(undefined, [primary])).toEqual({ width: 1360, height: 728, maximized: false });
  });

  it('reuses the remembered position when it is on a screen', () => {
    expect(placeWindow({ x: 1400, y: 50, width: 1500, height: 900, maximized: false }, [primary, second])).toEqual({
      x: 1400,
      y: 50,
      width: 1500,
      height: 900,
      maximized: false,
    });
  });

  it('drops a position on a screen that is gone, keeping the size and maximized state', () => {
    expect(placeWindow({ x: 1400, y: 50, width: 1500, height: 900, maximized: true }, [primary])).toEqual({
      width: 1366,
      height: 728,
      maximized: true,
    });
    expect(placeWindow({ x: -5000, y: -5000, width: 1000, height: 700, maximized: false }, [primary])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });
});

describe('application menu', () => {
  it('is in Chinese and sends only menu commands', () => {
    const send = vi.fn();
    const template = buildMenuTemplate(send, { isDev: false }) as Item[];
    expect(template.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const all: Item[] = template.flatMap((m) => m.submenu ?? []);
    const labels = all.filter((i) => i.type !== 'separator').map((i) => i.label);
    for (const l of ['新建报告', '打开报告文件…', '返回报告列表', '退出', '撤销', '重做', '剪切', '复制', '粘贴', '全选', '实际大小', '放大', '缩小', '关于年报助手']) {
      expect(labels).toContain(l);
    }
    for (const i of all) if (i.type !== 'separator') expect(/[\u4e00-\u9fff]/.test(i.label ?? ''), i.label).toBe(true);
    expect(all.find((i) => i.label === '撤销')?.role).toBe('undo');
    expect(all.find((i) => i.label === '全选')?.role).toBe('selectAll');
    expect(labels).not.toContain('开发者工具');
    for (const i of all) i.click?.();
    const sent = send.mock.calls.map((c) => c[0]);
    expect(sent.sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('offers reload and developer tools only in development', () => {
    const template = buildMenuTemplate(() => undefined, { isDev: true }) as Item[];
    const labels = template.flatMap((m) => m.submenu ?? []).map((i) => i.label);
    expect(labels).toContain('重新加载');
    expect(labels).toContain('开发者工具');
  });
});
