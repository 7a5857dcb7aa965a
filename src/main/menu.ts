/**
 * The Chinese application menu. Commands the renderer handles are sent to it as MENU_COMMANDS
 * on `${IPC_PREFIX}menu`; editing and zoom use Electron's roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { IPC_PREFIX, type MenuCommand } from '../core/api/contract';

export const MENU_CHANNEL = `${IPC_PREFIX}menu`;

export function buildMenuTemplate(send: (command: MenuCommand) => void, options: { readonly isDev: boolean }): MenuItemConstructorOptions[] {
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(cmd),
  });
  return [
    {
      label: '文件(&F)',
      submenu: [
        command('新建报告', 'new-report', 'CmdOrCtrl+N'),
        command('打开报告文件…', 'open-report', 'CmdOrCtrl+O'),
        { type: 'separator' },
        command('检查与导出', 'check-export', 'CmdOrCtrl+E'),
        command('返回报告列表', 'go-library', 'CmdOrCtrl+L'),
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(options.isDev
          ? ([
              { type: 'separator' },
              { label: '重新加载', role: 'reload' },
              { label: '开发者工具', role: 'toggleDevTools' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [command('关于年报助手', 'about')],
    },
  ];
}
