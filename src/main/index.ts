/**
 * Electron main: one window, one instance, everything else delegated. The logic lives in
 * core/library (reports), services.ts (dialogs, files), ipc.ts (the checked IPC surface),
 * security.ts (what the page may do) and settings.ts.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session } from 'electron';
import Store from 'electron-store';
import type { MenuCommand } from '../core/api/contract';
import { createReportLibrary, type ReportLibrary } from '../core/library/library';
import { registerIpc } from './ipc';
import { buildMenuTemplate, MENU_CHANNEL } from './menu';
import { nodeFileSystem } from './nodeFs';
import { denyPermissions, hardenWebContents, installDevCsp, makeSenderCheck } from './security';
import { createServices, type DialogPort } from './services';
import { openSettings, type SettingsService } from './settings';
import { placeWindow } from './windowState';

const log = (message: string, error?: unknown): void => {
  if (error === undefined) console.warn(`[nianbao] ${message}`);
  else console.error(`[nianbao] ${message}`, error);
};

/** The dev server URL, honoured only in an unpackaged (development) run. */
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererIndex = join(__dirname, '../renderer/index.html');
const preloadScript = join(__dirname, '../preload/index.js');
const iconPath = join(__dirname, '../../resources/icon.png');

let mainWindow: BrowserWindow | null = null;
let library: ReportLibrary | undefined;
let settings: SettingsService | undefined;

function createWindow(store: SettingsService): BrowserWindow {
  const placed = placeWindow(
    store.windowState(),
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...(placed.x !== undefined && placed.y !== undefined ? { x: placed.x, y: placed.y } : {}),
    width: placed.width,
    height: placed.height,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: '年报助手',
    backgroundColor: '#ffffff',
    ...(process.platform === 'linux' ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (placed.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // The window's size and place are kept as they change (a moment after), on close, and when
  // Windows shuts down or logs off, where no close may come.
  const saveBounds = (): void => {
    if (!win.isDestroyed()) store.saveWindowState({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  let boundsTimer: ReturnType<typeof setTimeout> | undefined;
  const saveBoundsSoon = (): void => {
    clearTimeout(boundsTimer);
    boundsTimer = setTimeout(saveBounds, 600);
  };
  win.on('resize', saveBoundsSoon);
  win.on('move', saveBoundsSoon);
  win.on('maximize', saveBoundsSoon);
  win.on('unmaximize', saveBoundsSoon);
  win.on('session-end', saveBounds);
  win.on('close', () => {
    clearTimeout(boundsTimer);
    saveBounds();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    log(`renderer gone: ${details.reason}`);
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.reload();
  });
  win.webContents.on('preload-error', (_event, path, error) => log(`preload error in ${path}`, error));
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

function dialogsFor(): DialogPort {
  return {
    showOpenDialog: (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
    showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
  };
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  settings = openSettings({
    file: join(userData, 'settings.json'),
    create: () => new Store({ name: 'settings', cwd: userData, clearInvalidConfig: false }),
    log,
  });
  library = createReportLibrary({ fs: nodeFileSystem, root: join(userData, 'reports'), log });

  denyPermissions(session.defaultSession);
  if (devUrl) installDevCsp(session.defaultSession, devUrl);

  const services = createServices({
    library,
    settings,
    dialogs: dialogsFor(),
    fs: nodeFileSystem,
    defaultDir: () => app.getPath('documents'),
    log,
  });
  registerIpc(
    ipcMain,
    services,
    makeSenderCheck({ rendererFile: pathToFileURL(rendererIndex).href, devUrl, caseInsensitive: process.platform === 'win32' }),
    log,
  );

  const send = (command: MenuCommand): void => {
    const target = mainWindow ?? BrowserWindow.getFocusedWindow();
    if (target && !target.isDestroyed()) target.webContents.send(MENU_CHANNEL, command);
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, { isDev: Boolean(devUrl) })));

  mainWindow = createWindow(settings);
  const notice = settings.notice;
  if (notice) {
    mainWindow.once('ready-to-show', () => {
      if (mainWindow) void dialog.showMessageBox(mainWindow, { type: 'warning', title: '年报助手', message: notice, buttons: ['知道了'] });
    });
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAppUserModelId('cn.nianbao.app');
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());

  // Let queued report writes finish before the process ends (at most a few seconds).
  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed || !library) return;
    event.preventDefault();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000));
    void Promise.race([library.flush(), timeout]).finally(() => {
      flushed = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      log('start failed', e);
      dialog.showErrorBox('年报助手无法启动', `启动时出错：${e instanceof Error ? e.message : String(e)}\n请重新启动；如仍失败，请联系技术人员。`);
      app.quit();
    });
}
