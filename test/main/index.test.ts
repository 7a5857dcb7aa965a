/**
 * The main entry, wired against the electron mock: window security settings, the IPC surface,
 * the menu, single instance, and flushing before quit.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron'));
// electron-store is conf plus Electron defaults: use conf directly with the same options.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class extends Conf<Record<string, unknown>> {
      constructor(options: { name?: string; cwd: string; clearInvalidConfig?: boolean }) {
        super({ cwd: options.cwd, configName: options.name ?? 'config', clearInvalidConfig: options.clearInvalidConfig ?? false });
      }
    },
  };
});

import { APP_METHODS } from '../../src/core/api/contract';
import { app, BrowserWindow, handlers, Menu, session, WebContents } from '../mocks/electron';

const userData = mkdtempSync(join(tmpdir(), 'nianbao-main-'));
const rendererIndex = resolve(__dirname, '../../src/renderer/index.html');
const fromRenderer = { senderFrame: { url: pathToFileURL(rendererIndex).href, parent: null } };

describe('main process entry', () => {
  beforeAll(async () => {
    process.env.TEST_USER_DATA = userData;
    delete process.env.ELECTRON_RENDERER_URL;
    await import('../../src/main/index');
    await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
  });
  afterAll(() => rmSync(userData, { recursive: true, force: true }));

  it('takes the single-instance lock', () => {
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('opens one window with the secure web preferences', () => {
    const win = BrowserWindow.instances[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/[\\/]preload[\\/]index\.js$/);
    expect(win.loadFile).toHaveBeenCalledWith(rendererIndex);
    expect(win.loadURL).not.toHaveBeenCalled();
  });

  it('registers the API channels and answers the renderer with the real library', async () => {
    for (const m of APP_METHODS) expect(handlers.has(`nianbao:${m}`), m).toBe(true);
    const created = (await handlers.get('nianbao:createReport')!(fromRenderer, {
      unit: { name: '集贤县人民政府', kind: 'government', level: 'county' },
      year: 2025,
    })) as { ok: boolean; value: { id: string } };
    expect(created.ok).toBe(true);
    const list = (await handlers.get('nianbao:listReports')!(fromRenderer)) as { ok: boolean; value: { id: string }[] };
    expect(list.value.map((r) => r.id)).toEqual([created.value.id]);
    const foreign = (await handlers.get('nianbao:listReports')!({ senderFrame: { url: 'https://evil.example/', parent: null } })) as {
      ok: boolean;
    };
    expect(foreign.ok).toBe(false);
  });

  it('on the real disk: a damaged report is copied aside and the last good version restored; history restores', async () => {
    type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
    const call = async <T,>(method: string, ...args: unknown[]): Promise<T> => {
      const r = (await handlers.get(`nianbao:${method}`)!(fromRenderer, ...args)) as R<T>;
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    };
    type Doc = { text: Record<string, string> };
    const { id } = await call<{ id: string }>('createReport', { unit: { name: '某某县人民政府', kind: 'government', level: 'county' }, year: 2025 });
    const doc = (await call<{ doc: Doc }>('loadReport', id)).doc;
    const withOverview = (t: string): Doc => ({ ...doc, text: { ...doc.text, overview: t } });
    await call('saveReport', id, withOverview('第一版'));
    await call('saveReport', id, withOverview('第二版'));

    const file = join(userData, 'reports', `${id}.json`);
    writeFileSync(file, '{"format":"nianbao","unit":{"na'); // cut short, as by a power cut
    const loaded = await call<{ doc: Doc; notice?: string }>('loadReport', id);
    expect(loaded.doc.text.overview).toBe('第二版');
    expect(loaded.notice).toMatch(/^报告文件已损坏，已恢复到.*保存的版本；损坏的文件另存为 /);
    const aside = readdirSync(join(userData, 'reports')).filter((n) => n.startsWith(`${id}.json.corrupt-`));
    expect(aside.map((n) => readFileSync(join(userData, 'reports', n), 'utf8'))).toEqual(['{"format":"nianbao","unit":{"na']);
    expect(JSON.parse(readFileSync(file, 'utf8')).text.overview).toBe('第二版');

    // Back to 第一版 from the history; what was current stays in the history.
    const versions = await call<{ versionId: string }[]>('listHistory', id);
    const texts = versions.map((v) => JSON.parse(readFileSync(join(userData, 'reports', 'history', id, `${v.versionId}.json`), 'utf8')).text.overview);
    const first = versions[texts.indexOf('第一版')]!;
    const restored = await call<{ doc: Doc }>('restoreVersion', id, first.versionId);
    expect(restored.doc.text.overview).toBe('第一版');
    expect(JSON.parse(readFileSync(file, 'utf8')).text.overview).toBe('第一版');
    const after = await call<{ versionId: string }[]>('listHistory', id);
    const afterTexts = after.map((v) => JSON.parse(readFileSync(join(userData, 'reports', 'history', id, `${v.versionId}.json`), 'utf8')).text.overview);
    expect(afterTexts).toContain('第二版');
  });

  it('hardens every web contents and denies permissions', () => {
    const contents = new WebContents();
    app.emit('web-contents-created', {}, contents);
    const preventDefault = vi.fn();
    contents.emit('will-navigate', { preventDefault }, 'https://evil.example/');
    contents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalledTimes(2);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const handler = session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (
      wc: unknown,
      p: string,
      cb: (granted: boolean) => void,
    ) => void;
    const cb = vi.fn();
    handler(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    // No dev server here: no CSP header hook.
    expect(session.defaultSession.webRequest.onHeadersReceived).not.toHaveBeenCalled();
  });

  it('sets the Chinese menu, whose commands go to the renderer on nianbao:menu', () => {
    const template = Menu.buildFromTemplate.mock.calls[0]![0] as { label: string; submenu: { label?: string; click?: () => void }[] }[];
    expect(template[0]!.label).toBe('文件(&F)');
    template[0]!.submenu.find((i) => i.label === '新建报告')!.click!();
    expect(BrowserWindow.instances[0]!.webContents.send).toHaveBeenCalledWith('nianbao:menu', 'new-report');
  });

  it('a second instance focuses the window', () => {
    const win = BrowserWindow.instances[0]!;
    win.minimized = true;
    app.emit('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('remembers the window bounds as they change, and when Windows ends the session', async () => {
    const win = BrowserWindow.instances[0]!;
    const { default: Conf } = await import('conf');
    const stored = (): unknown => new Conf<Record<string, unknown>>({ cwd: userData, configName: 'settings' }).get('window');
    win.getNormalBounds.mockReturnValue({ x: 10, y: 20, width: 1000, height: 700 });
    win.emit('resize');
    win.emit('move');
    await vi.waitFor(() => expect(stored()).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false }), { timeout: 3000 });
    win.getNormalBounds.mockReturnValue({ x: 5, y: 5, width: 900, height: 600 });
    win.emit('session-end');
    expect(stored()).toEqual({ x: 5, y: 5, width: 900, height: 600, maximized: false });
    win.getNormalBounds.mockReturnValue({ x: 40, y: 30, width: 1300, height: 820 });
  });

  it('remembers the window bounds on close', async () => {
    BrowserWindow.instances[0]!.emit('close');
    const { default: Conf } = await import('conf');
    const stored = new Conf<Record<string, unknown>>({ cwd: userData, configName: 'settings' }).get('window');
    expect(stored).toEqual({ x: 40, y: 30, width: 1300, height: 820, maximized: false });
  });

  it('waits for queued report writes before quitting', async () => {
    const preventDefault = vi.fn();
    app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    // The second before-quit (from that quit) goes through.
    const again = vi.fn();
    app.emit('before-quit', { preventDefault: again });
    expect(again).not.toHaveBeenCalled();
  });
});
